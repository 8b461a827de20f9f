/**
 * A PRIM box as output files write it: numbers rounded like every other output file, so the text
 * does not depend on the machine. `interestingKey` names the count of cases of interest inside
 * ("casesWhereItHolds" for a claim, "casesInTail" for an outcome's tail).
 */
import { roundForFile as num } from '../format/formatNumber.js';
import type { PrimBox } from './prim.js';

export function boxJson(b: PrimBox, interestingKey: string): Record<string, unknown> {
  return {
    coverage: num(b.coverage),
    density: num(b.density),
    mass: num(b.mass),
    cases: b.cases,
    [interestingKey]: b.interesting,
    restrictions: b.restrictions.map((r) => ({
      input: r.input,
      lower: r.lower === null ? null : num(r.lower),
      upper: r.upper === null ? null : num(r.upper),
      quasiP: num(r.quasiP),
    })),
    selectedStep: b.selectedStep,
    trajectory: b.trajectory.map((t) => ({ coverage: num(t.coverage), density: num(t.density), mass: num(t.mass), restricted: t.restricted })),
  };
}
