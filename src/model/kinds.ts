/** The archetypes of lessors and of developers, as the small integers the model indexes by. */
export const INCUMBENT = 0;
export const SPECIALIST = 1;
export const ENTRANT = 2;
export const LESSOR_KINDS = [INCUMBENT, SPECIALIST, ENTRANT] as const;
export type LessorKind = (typeof LESSOR_KINDS)[number];

export const FRONTIER = 0;
export const STARTUP = 1;
export const ENTERPRISE = 2;
export const DEVELOPER_KINDS = [FRONTIER, STARTUP, ENTERPRISE] as const;
export type DeveloperKind = (typeof DEVELOPER_KINDS)[number];
