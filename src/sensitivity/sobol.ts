/**
 * Variance-based (Sobol) sensitivity indices from Saltelli sampling.
 *
 * Design: a Latin hypercube of n rows in 2k dimensions (deterministic in the seed) is split into
 * two independent n × k matrices A (first k columns) and B (last k); AB_i is A with column i
 * taken from B. The model is evaluated on A, B and the k matrices AB_i: n·(k + 2) evaluations.
 * A Latin hypercube rather than plain Monte Carlo covers each input's marginal evenly; it is not
 * a low-discrepancy sequence, so the error falls like n^-1/2, not faster.
 *
 * Estimators (Saltelli et al. 2010, "Variance based sensitivity analysis of model output",
 * Table 2), with V the variance of the 2n values f(A) ∪ f(B):
 * - first order, Saltelli 2010:  S_i  = mean_j f(B)_j · (f(AB_i)_j − f(A)_j) / V
 * - total, Jansen 1999:          ST_i = mean_j (f(A)_j − f(AB_i)_j)² / (2V)
 * Values are centred on their mean first: the first-order estimator is not shift-invariant, and
 * centring removes a term whose noise grows with the outcome's mean.
 *
 * With common random numbers (row j of every matrix shares the random stream j), the stream acts
 * as one more input that never changes between A, B and AB_i: ST_i is then the total effect of
 * input i at a fixed stream, S_i includes input i's interactions with the stream, and
 * Cov(f(A), f(B)) / V is the share of variance that the random stream alone explains (`stream`).
 * Without noise that share is 0.
 *
 * Confidence intervals: percentile bootstrap over the rows j (the same resampled rows for every
 * matrix, so the pairing is kept), from a seeded stream, by default 1,000 resamples at 95 %.
 *
 * Missing values: a row j with a null in any matrix is dropped from every matrix (the estimators
 * need all k + 2 values of a row); how many rows were used is reported.
 */
import { unitDesign } from '../montecarlo/sampling/designs.js';
import { checkBlockValues, type Block, type BlockValues } from './blocks.js';
import { quantileSorted } from '../stats/quantile.js';
import { sensitivityRng } from './streams.js';

export interface SobolDesign {
  method: 'sobol';
  /** Inputs. */
  k: number;
  /** Base sample size: rows of A and B. */
  n: number;
  seed: number;
  /** [A, B, AB_0, …, AB_{k−1}], each n rows of k probabilities. */
  blocks: Block[];
}

export interface IndexInterval {
  low: number;
  high: number;
}

export interface SobolIndex {
  /** Index of the input in the design's columns. */
  input: number;
  firstOrder: number;
  firstOrderInterval: IndexInterval;
  total: number;
  totalInterval: IndexInterval;
}

export interface SobolResult {
  method: 'sobol';
  n: number;
  /** Rows with a value in every matrix, the ones the estimates use. */
  rowsUsed: number;
  /** Mean and variance of the outcome over f(A) ∪ f(B); null with fewer than 2 rows used. */
  mean: number | null;
  variance: number | null;
  /** One per input, in column order; null where the outcome does not vary. */
  indices: SobolIndex[] | null;
  /** Share of variance explained by the random stream alone (see the module comment). */
  stream: { value: number; interval: IndexInterval } | null;
  resamples: number;
  confidence: number;
}

export interface SobolOptions {
  /** Bootstrap resamples; default 1,000. */
  resamples?: number;
  /** Confidence level of the intervals; default 0.95. */
  confidence?: number;
  /** Seed of the bootstrap stream; default the design's. */
  seed?: number;
}

export function sobolDesign(k: number, n: number, seed: number): SobolDesign {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`Sobol indices need at least one input, got ${k}`);
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`Sobol indices need a base sample of at least 2 rows, got ${n}`);
  const base = unitDesign(2 * k, n, 'lhs', sensitivityRng(seed, 'sobol-design'));
  const a = base.map((row) => row.slice(0, k));
  const b = base.map((row) => row.slice(k));
  const ab = Array.from({ length: k }, (_, i) => a.map((row, j) => row.map((u, c) => (c === i ? b[j][i] : u))));
  return { method: 'sobol', k, n, seed, blocks: [a, b, ...ab] };
}

interface Estimate {
  variance: number;
  firstOrder: Float64Array;
  total: Float64Array;
  stream: number;
}

/** The estimators on rows `rows` (indices into the complete, centred columns; with repeats). */
function estimate(fa: Float64Array, fb: Float64Array, fab: Float64Array[], rows: ArrayLike<number>): Estimate {
  const k = fab.length;
  const m = rows.length;
  let sa = 0;
  let sb = 0;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  const first = new Float64Array(k);
  const total = new Float64Array(k);
  for (let r = 0; r < m; r++) {
    const j = rows[r];
    const a = fa[j];
    const b = fb[j];
    sa += a;
    sb += b;
    saa += a * a;
    sbb += b * b;
    sab += a * b;
    for (let i = 0; i < k; i++) {
      const x = fab[i][j];
      first[i] += b * (x - a);
      total[i] += (a - x) * (a - x);
    }
  }
  const mean = (sa + sb) / (2 * m);
  const variance = (saa + sbb) / (2 * m) - mean * mean;
  for (let i = 0; i < k; i++) {
    first[i] = first[i] / m / variance;
    total[i] = total[i] / (2 * m) / variance;
  }
  const stream = (sab / m - (sa / m) * (sb / m)) / variance;
  return { variance, firstOrder: first, total, stream };
}

/** Percentile interval; a resample without variance (all its rows alike) has no index and is left out. */
const interval = (values: Float64Array, confidence: number): IndexInterval => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort();
  return { low: quantileSorted(sorted, (1 - confidence) / 2), high: quantileSorted(sorted, (1 + confidence) / 2) };
};

export function sobolIndices(design: SobolDesign, values: BlockValues, o: SobolOptions = {}): SobolResult {
  checkBlockValues(design.blocks, values);
  const resamples = o.resamples ?? 1000;
  const confidence = o.confidence ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a whole number ≥ 1, got ${resamples}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must lie between 0 and 1, got ${confidence}`);
  const { k, n } = design;
  const complete: number[] = [];
  for (let j = 0; j < n; j++) if (values.every((block) => block[j] !== null)) complete.push(j);
  const m = complete.length;
  const column = (b: number) => Float64Array.from(complete, (j) => values[b][j] as number);
  const fa = column(0);
  const fb = column(1);
  const fab = Array.from({ length: k }, (_, i) => column(2 + i));
  let sum = 0;
  for (let j = 0; j < m; j++) sum += fa[j] + fb[j];
  const result: SobolResult = { method: 'sobol', n, rowsUsed: m, mean: null, variance: null, indices: null, stream: null, resamples, confidence };
  if (m < 2) return result;
  const mean = sum / (2 * m);
  result.mean = mean;
  for (const col of [fa, fb, ...fab]) for (let j = 0; j < m; j++) col[j] -= mean;
  const all = Uint32Array.from({ length: m }, (_, j) => j);
  const point = estimate(fa, fb, fab, all);
  result.variance = point.variance;
  // A constant outcome (or one whose spread is lost in rounding) has no variance to share out.
  if (!(point.variance > 1e-12 * Math.max(1, mean * mean))) return result;

  const rng = sensitivityRng(o.seed ?? design.seed, 'sobol-bootstrap');
  const firstDraws = Array.from({ length: k }, () => new Float64Array(resamples));
  const totalDraws = Array.from({ length: k }, () => new Float64Array(resamples));
  const streamDraws = new Float64Array(resamples);
  const rows = new Uint32Array(m);
  for (let r = 0; r < resamples; r++) {
    for (let j = 0; j < m; j++) rows[j] = Math.min(m - 1, Math.floor(rng() * m));
    const e = estimate(fa, fb, fab, rows);
    for (let i = 0; i < k; i++) {
      firstDraws[i][r] = e.firstOrder[i];
      totalDraws[i][r] = e.total[i];
    }
    streamDraws[r] = e.stream;
  }
  result.indices = Array.from({ length: k }, (_, i) => ({
    input: i,
    firstOrder: point.firstOrder[i],
    firstOrderInterval: interval(firstDraws[i], confidence),
    total: point.total[i],
    totalInterval: interval(totalDraws[i], confidence),
  }));
  result.stream = { value: point.stream, interval: interval(streamDraws, confidence) };
  return result;
}
