/**
 * How far one batch's per-run outcome is from another's, with 90 % intervals.
 *
 * Paired (run i of one batch against run i of the other, which share their random streams): the
 * per-run differences b − a, their median and P5–P95 (how much a single run changes), and their
 * mean with a normal 90 % interval (mean ± 1.645 standard errors), which with hundreds of runs is
 * as good as a bootstrap and needs no random numbers.
 *
 * Unpaired (two independent samples): the difference of medians with a 90 % percentile bootstrap
 * interval (each sample resampled on its own), and the difference of means with a normal (Welch)
 * 90 % interval. The bootstrap draws from the `uniform` it is given, so a fixed seed gives the same
 * interval every time.
 *
 * Quantiles are type 7 (quantile.ts), as everywhere in the project.
 */
import { quantileSorted } from './quantile.js';

/** The z of a two-sided 90 % normal interval. */
export const Z90 = 1.6448536269514722;
/** Bootstrap replicates of a difference of medians: the 5th and 95th percentiles of 2,000 are steady to a few per cent of the interval. */
export const BOOTSTRAP_REPLICATES = 2000;

export interface PairedDifference {
  /** Runs with a value in both batches. */
  pairs: number;
  median: number;
  p5: number;
  p95: number;
  mean: number;
  /** The mean's 90 % interval; null with fewer than two pairs. */
  meanLow: number | null;
  meanHigh: number | null;
}

export interface UnpairedDifference {
  /** median(b) − median(a). */
  median: number;
  /** Its 90 % percentile bootstrap interval; null when either sample has fewer than two values. */
  medianLow: number | null;
  medianHigh: number | null;
  /** mean(b) − mean(a). */
  mean: number;
  /** Its 90 % Welch interval; null when either sample has fewer than two values. */
  meanLow: number | null;
  meanHigh: number | null;
}

const ascending = (values: ArrayLike<number>): Float64Array => Float64Array.from(values).sort();

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/** The sample variance (n − 1), 0 for one value. */
function variance(values: ArrayLike<number>, m: number): number {
  if (values.length < 2) return 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i] - m) ** 2;
  return sum / (values.length - 1);
}

/** Differences b[i] − a[i] of aligned pairs; null when there is no pair. */
export function pairedDifference(a: readonly number[], b: readonly number[]): PairedDifference | null {
  if (a.length !== b.length) throw new RangeError(`paired values: ${a.length} against ${b.length}`);
  const n = a.length;
  if (n === 0) return null;
  const d = ascending(b.map((v, i) => v - a[i]));
  const m = mean(d);
  const half = n < 2 ? null : Z90 * Math.sqrt(variance(d, m) / n);
  return {
    pairs: n,
    median: quantileSorted(d, 0.5),
    p5: quantileSorted(d, 0.05),
    p95: quantileSorted(d, 0.95),
    mean: m,
    meanLow: half === null ? null : m - half,
    meanHigh: half === null ? null : m + half,
  };
}

/**
 * The median of a resample (with replacement) of `sorted`, in O(n): a resample's order statistics
 * are the drawn indices' order statistics looked up in the sorted sample, so the draws are counted
 * per index and walked once, instead of sorting n values for each of thousands of replicates.
 */
function resampledMedian(sorted: Float64Array, counts: Int32Array, uniform: () => number): number {
  const n = sorted.length;
  counts.fill(0);
  for (let k = 0; k < n; k++) counts[Math.min(n - 1, Math.floor(uniform() * n))]++;
  const h = (n - 1) * 0.5;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  let seen = 0;
  let low = NaN;
  for (let i = 0; i < n; i++) {
    seen += counts[i];
    if (Number.isNaN(low) && seen > lo) low = sorted[i];
    if (seen > hi) return low + (h - lo) * (sorted[i] - low);
  }
  return low;
}

/**
 * Two independent samples compared; null when either has no value. With no `uniform` (for 0/1
 * values, whose medians say nothing) the medians' interval is left out.
 */
export function unpairedDifference(a: readonly number[], b: readonly number[], uniform?: () => number, replicates = BOOTSTRAP_REPLICATES): UnpairedDifference | null {
  if (a.length === 0 || b.length === 0) return null;
  const sa = ascending(a);
  const sb = ascending(b);
  const ma = mean(sa);
  const mb = mean(sb);
  const out: UnpairedDifference = { median: quantileSorted(sb, 0.5) - quantileSorted(sa, 0.5), medianLow: null, medianHigh: null, mean: mb - ma, meanLow: null, meanHigh: null };
  if (a.length < 2 || b.length < 2) return out;
  const half = Z90 * Math.sqrt(variance(sa, ma) / sa.length + variance(sb, mb) / sb.length);
  out.meanLow = out.mean - half;
  out.meanHigh = out.mean + half;
  if (uniform === undefined) return out;
  const countsA = new Int32Array(sa.length);
  const countsB = new Int32Array(sb.length);
  const reps = new Float64Array(replicates);
  for (let r = 0; r < replicates; r++) reps[r] = resampledMedian(sb, countsB, uniform) - resampledMedian(sa, countsA, uniform);
  reps.sort();
  out.medianLow = quantileSorted(reps, 0.05);
  out.medianHigh = quantileSorted(reps, 0.95);
  return out;
}
