/**
 * A PRIM target from a numeric outcome: the cases in its worst tail, the lowest or the highest
 * `share` (a decile by default). The cut is the outcome's quantile of type 7 (linear between
 * order statistics, as R's default and numpy's), over the cases that have a value; a case
 * without one (no IRR, say) is never in the tail.
 */
import { quantileSorted } from '../stats/quantile.js';

export type TailDirection = 'lowest' | 'highest';

/**
 * The boundary of the tail: the `share` quantile (lowest) or the 1 − `share` quantile (highest)
 * of the values present; null when none is.
 */
export function tailThreshold(values: readonly (number | null)[], direction: TailDirection, share = 0.1): number | null {
  if (!(share > 0 && share < 1)) throw new RangeError(`decileTarget: share must be in (0, 1), got ${share}`);
  const present = values.filter((v): v is number => v !== null && !Number.isNaN(v));
  if (present.length === 0) return null;
  const sorted = Float64Array.from(present).sort();
  return quantileSorted(sorted, direction === 'lowest' ? share : 1 - share);
}

/** For each case, whether its value lies in the lowest (≤ the share's quantile) or highest (≥ the 1 − share quantile) tail. */
export function decileTarget(values: readonly (number | null)[], direction: TailDirection, share = 0.1): boolean[] {
  const cut = tailThreshold(values, direction, share);
  if (cut === null) return values.map(() => false);
  if (direction === 'lowest') return values.map((v) => v !== null && v <= cut);
  return values.map((v) => v !== null && v >= cut);
}
