/**
 * How well an ensemble of runs forecast an observed point: whether the point lies inside the
 * ensemble's P5–P95 and P25–P75, its CRPS, and its PIT value.
 *
 * - CRPS of an ensemble x₁ … xₙ for an observation y: (1/n)·Σ|xᵢ − y| − (1/2n²)·ΣΣ|xᵢ − xⱼ|, the
 *   exact score of the ensemble's empirical distribution (Gneiting and Raftery 2007), in the
 *   metric's unit; lower is better.
 * - PIT: the share of the ensemble below y, ties counted half. A forecaster whose PIT values
 *   spread evenly over [0, 1] is calibrated; a hump in the middle means too wide, a U too narrow.
 * - An interval or a bound is scored at its point nearest the ensemble's median (zero distance
 *   inside it): a forecast is not penalised for where within a stated range the truth lay. It is
 *   inside a band when it overlaps the band.
 */
import { quantileSorted } from '../stats/quantile.js';
import type { Target } from './distance.js';

export interface EnsembleScore {
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  /** The point the scores are computed at (the value, or the nearest point of the range). */
  scoredAt: number;
  inside90: boolean;
  inside50: boolean;
  crps: number;
  pit: number;
}

/** Scores `t` against the ensemble `values` (finite numbers, at least one). */
export function ensembleScore(t: Target, values: readonly number[]): EnsembleScore {
  const x = Float64Array.from(values).sort();
  const n = x.length;
  if (n === 0) throw new RangeError('an ensemble of no runs');
  const q = (p: number) => quantileSorted(x, p);
  const [p5, p25, p50, p75, p95] = [q(0.05), q(0.25), q(0.5), q(0.75), q(0.95)];
  const lo = t.value ?? t.low ?? -Infinity;
  const hi = t.value ?? t.high ?? Infinity;
  const y = Math.min(hi, Math.max(lo, p50));
  let absToY = 0;
  let spread = 0;
  let below = 0;
  for (let i = 0; i < n; i++) {
    absToY += Math.abs(x[i] - y);
    // Σᵢ Σⱼ |xᵢ − xⱼ| of sorted values is 2·Σᵢ (2i − n + 1)·xᵢ.
    spread += (2 * i - n + 1) * x[i];
    below += x[i] < y ? 1 : x[i] === y ? 0.5 : 0;
  }
  return {
    p5,
    p25,
    p50,
    p75,
    p95,
    scoredAt: y,
    inside90: lo <= p95 && hi >= p5,
    inside50: lo <= p75 && hi >= p25,
    crps: absToY / n - spread / (n * n),
    pit: below / n,
  };
}

/** Counts of PIT values in `bins` equal bins of [0, 1]. */
export function pitHistogram(pits: readonly number[], bins = 10): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (const p of pits) counts[Math.min(bins - 1, Math.floor(p * bins))]++;
  return counts;
}
