/**
 * The distributions an uncertain scenario input may follow, as a zod schema (the YAML form) and
 * as an inverse distribution function `quantile(d, u)`.
 *
 * Every sample is drawn as quantile(d, u) of a u in (0, 1) chosen by a design (plain Monte Carlo,
 * Latin hypercube), never by a distribution-specific sampler: that way a design's stratification
 * and a rank correlation imposed on the u's carry over to any distribution unchanged.
 *
 * Parameterisations, and why:
 * - `normal {mean, sd, min?, max?}`: with a bound it is the normal truncated to [min, max]
 *   (not clipped), so no probability piles up on the bound; `mean`/`sd` are then those of the
 *   untruncated normal.
 * - `lognormal {median, sigma}`: exp of a normal with mean ln(median) and sd sigma. The median is
 *   what people can state ("most likely around 2×"); the mean is median·exp(sigma²/2), higher.
 *   (The model's own `lognormalFactor` is mean-corrected instead; this one is not.)
 * - `beta {alpha, beta, min = 0, max = 1}`: beta(alpha, beta) stretched onto [min, max].
 * - `choice {values, weights?}`: a discrete choice, equal weights unless given; its quantile
 *   takes the values in ascending order so that it is a true inverse distribution function.
 */
import { betaQuantile } from './beta.js';
import { normalQuantile, truncatedNormalQuantile } from './normal.js';
import type { Distribution } from '../../scenario/distribution.js';

export { DistributionSchema, type Distribution, type DistributionInput, type DistributionKind } from '../../scenario/distribution.js';

type ChoiceDist = Extract<Distribution, { dist: 'choice' }>;
interface ChoiceTable {
  /** Values in ascending order, zero-weight ones dropped. */
  values: number[];
  /** Cumulative weights, the last one the total. */
  cumulative: number[];
}

// Sorting per call would cost O(m log m) for every sample; distributions are immutable once
// parsed, so the table is built once per distribution object.
const choiceTables = new WeakMap<ChoiceDist, ChoiceTable>();

function choiceTable(d: ChoiceDist): ChoiceTable {
  let table = choiceTables.get(d);
  if (table === undefined) {
    const pairs = d.values
      .map((v, i) => ({ v, w: d.weights === undefined ? 1 : d.weights[i] }))
      .filter((p) => p.w > 0)
      .sort((a, b) => a.v - b.v);
    let sum = 0;
    table = { values: pairs.map((p) => p.v), cumulative: pairs.map((p) => (sum += p.w)) };
    choiceTables.set(d, table);
  }
  return table;
}

/** The first index whose cumulative weight exceeds `x` (the last one if none does), by binary search. */
export function firstAbove(cumulative: readonly number[], x: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The inverse distribution function of `d` at u, 0 < u < 1: the value below which a share u of
 * the probability lies. Exact closed forms for uniform, log-uniform, triangular and choice; the
 * normal family via Acklam's approximation plus a Halley step (error below 1e-9, in practice
 * ~1e-14); beta by a safeguarded Newton solve of the incomplete beta function (~1e-14).
 */
export function quantile(d: Distribution, u: number): number {
  if (!(u > 0 && u < 1)) throw new RangeError(`quantile: u must lie strictly between 0 and 1, got ${u}`);
  switch (d.dist) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return Math.min(d.max, d.min + u * (d.max - d.min));
    case 'logUniform':
      return Math.min(d.max, Math.exp(Math.log(d.min) + u * (Math.log(d.max) - Math.log(d.min))));
    case 'normal': {
      if (d.min === undefined && d.max === undefined) return d.mean + d.sd * normalQuantile(u);
      const alpha = d.min === undefined ? -Infinity : (d.min - d.mean) / d.sd;
      const beta = d.max === undefined ? Infinity : (d.max - d.mean) / d.sd;
      const x = d.mean + d.sd * truncatedNormalQuantile(u, alpha, beta);
      // Standardising and back can move a bound by one rounding; the sample stays inside.
      return Math.min(d.max ?? Infinity, Math.max(d.min ?? -Infinity, x));
    }
    case 'lognormal':
      return d.median * Math.exp(d.sigma * normalQuantile(u));
    case 'triangular': {
      const { min: a, mode: c, max: b } = d;
      // F(x) = (x−a)²/((b−a)(c−a)) up to the mode, 1 − (b−x)²/((b−a)(b−c)) after it.
      const x = u < (c - a) / (b - a) ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
      return Math.min(b, Math.max(a, x));
    }
    case 'beta':
      return Math.min(d.max, d.min + (d.max - d.min) * betaQuantile(u, d.alpha, d.beta));
    case 'choice': {
      const { values, cumulative } = choiceTable(d);
      // The first value whose cumulative weight exceeds u·total.
      return values[firstAbove(cumulative, u * cumulative[cumulative.length - 1])];
    }
  }
}

export interface DistributionSummary {
  median: number;
  /** 10th percentile. */
  p10: number;
  /** 90th percentile. */
  p90: number;
}

/** Median and 10th/90th percentiles: the low/high ends of a tornado bar and a report's range. */
export function summary(d: Distribution): DistributionSummary {
  return { median: quantile(d, 0.5), p10: quantile(d, 0.1), p90: quantile(d, 0.9) };
}

/** A number as a report shows it: at most 6 significant digits, no trailing zeros. */
function num(x: number): string {
  return String(Number(x.toPrecision(6)));
}

/** `0.5–2`, or `-1 to 2` where a minus sign next to the dash would be hard to read. */
function range(a: number, b: number): string {
  return a < 0 || b < 0 ? `${num(a)} to ${num(b)}` : `${num(a)}–${num(b)}`;
}

const CHOICES_SHOWN = 6;

/** A short text for report tables, e.g. `uniform 0.5–2`, `normal 1 ± 0.2, ≥ 0`, `lognormal median 1, σ 0.3`. */
export function describe(d: Distribution): string {
  switch (d.dist) {
    case 'fixed':
      return `fixed ${num(d.value)}`;
    case 'uniform':
      return `uniform ${range(d.min, d.max)}`;
    case 'logUniform':
      return `log-uniform ${range(d.min, d.max)}`;
    case 'normal': {
      const base = `normal ${num(d.mean)} ± ${num(d.sd)}`;
      if (d.min !== undefined && d.max !== undefined) return `${base}, within ${range(d.min, d.max)}`;
      if (d.min !== undefined) return `${base}, ≥ ${num(d.min)}`;
      if (d.max !== undefined) return `${base}, ≤ ${num(d.max)}`;
      return base;
    }
    case 'lognormal':
      return `lognormal median ${num(d.median)}, σ ${num(d.sigma)}`;
    case 'triangular':
      return `triangular ${range(d.min, d.max)}, mode ${num(d.mode)}`;
    case 'beta': {
      const base = `beta(${num(d.alpha)}, ${num(d.beta)})`;
      return d.min === 0 && d.max === 1 ? base : `${base} on ${range(d.min, d.max)}`;
    }
    case 'choice': {
      const w = d.weights ?? d.values.map(() => 1);
      const total = w.reduce((s, x) => s + x, 0);
      // Percentages only say something when the weights differ.
      const weighted = w.some((x) => x !== w[0]);
      const items = d.values.map((v, i) => (weighted ? `${num(v)} (${Number(((100 * w[i]) / total).toPrecision(3))}%)` : num(v)));
      const shown = items.length > CHOICES_SHOWN ? [...items.slice(0, CHOICES_SHOWN), `… (${items.length} values)`] : items;
      return `choice of ${shown.join(', ')}`;
    }
  }
}
