/**
 * A PRIM box in words, for tables and reports: `vendor.outputScale ≤ 0.83, market.hype.halfLifeMonths
 * in [14.2, 30.1]`. Bounds are the lowest and highest values of the inputs inside the box, shown
 * with four significant digits.
 */
import { significant } from '../format/textNumber.js';
import type { PrimBox, PrimRestriction } from './prim.js';

export const boundText = (v: number): string => significant(v);

export function describeRestriction(r: PrimRestriction): string {
  if (r.lower !== null && r.upper !== null) return `${r.input} in [${boundText(r.lower)}, ${boundText(r.upper)}]`;
  if (r.lower !== null) return `${r.input} ≥ ${boundText(r.lower)}`;
  return `${r.input} ≤ ${boundText(r.upper!)}`;
}

/** The box's restrictions, then its coverage and density as percentages. */
export function describeBox(box: PrimBox): string {
  const pct = (v: number) => `${Math.round(v * 100)} %`;
  return `${box.restrictions.map(describeRestriction).join(', ')} (coverage ${pct(box.coverage)}, density ${pct(box.density)})`;
}
