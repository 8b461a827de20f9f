/** Small lookups from agent kinds to their scenario parameters, kept in one place. */
import type { DeveloperArchetypeParams, LessorArchetypeParams, Scenario } from '../scenario/schema.js';
import { DEVELOPER_ARCHETYPES, LESSOR_ARCHETYPES } from '../scenario/schema.js';
import type { DeveloperKind, LessorKind } from './state.js';

export const lessorParams = (s: Scenario, kind: LessorKind): LessorArchetypeParams => s.lessors[LESSOR_ARCHETYPES[kind]];
export const developerParams = (s: Scenario, kind: DeveloperKind): DeveloperArchetypeParams =>
  s.developers[DEVELOPER_ARCHETYPES[kind]];

export const generationIndex = (s: Scenario, name: string): number => s.generations.findIndex((g) => g.name === name);

/** Monthly rate equivalent to a yearly one. */
export const monthlyRate = (yearly: number): number => Math.pow(1 + yearly, 1 / 12) - 1;
