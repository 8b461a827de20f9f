/** Small lookups from agent kinds to their scenario parameters, kept in one place. */
import type { DeveloperArchetypeParams, LessorArchetypeParams, Scenario } from '../scenario/schema.js';
import { FRONTIER, INCUMBENT, SPECIALIST, STARTUP, type DeveloperKind, type LessorKind } from './kinds.js';

// Named property reads, not `s.lessors[LESSOR_ARCHETYPES[kind]]`: these run many times per agent
// and month, and a key that varies at one site is a slow (megamorphic) lookup in V8.
export const lessorParams = (s: Scenario, kind: LessorKind): LessorArchetypeParams => (kind === INCUMBENT ? s.lessors.incumbent : kind === SPECIALIST ? s.lessors.specialist : s.lessors.entrant);
export const developerParams = (s: Scenario, kind: DeveloperKind): DeveloperArchetypeParams =>
  kind === FRONTIER ? s.developers.frontier : kind === STARTUP ? s.developers.startup : s.developers.enterprise;

export const generationIndex = (s: Scenario, name: string): number => s.generations.findIndex((g) => g.name === name);

/** Monthly rate equivalent to a yearly one. */
export const monthlyRate = (yearly: number): number => Math.pow(1 + yearly, 1 / 12) - 1;
