/**
 * Sampling designs: which values of the uncertain inputs each run of a Monte Carlo batch gets.
 *
 * A design is an n × k table (row = run, column = input) of probabilities u in (0, 1), each
 * turned into a value by quantile(dist, u):
 * - `mc`: every u independent and uniform. Row-major (row 0's inputs, then row 1's …), so a
 *   batch of n runs is the first n rows of any larger batch with the same seed and inputs.
 * - `lhs` (Latin hypercube): for each input, the n equal-probability strata [i/n, (i+1)/n) get
 *   exactly one u each, u = (i + U)/n, and the strata are put in a random order by a
 *   Fisher–Yates shuffle. Column by column: input 0's n draws and shuffle, then input 1's ….
 *   Each input's marginal is then covered evenly, which makes means and percentiles converge much
 *   faster than with `mc` when an output depends mostly on a few inputs.
 *
 * All randomness comes from the one `rng` passed in, which for a batch is `designRng(masterSeed)`,
 * so the design depends only on (master seed, n, inputs in order, design). A single run i of a
 * batch is reproduced by regenerating the design and taking row i; no run needs its own record of
 * the sampled values to be replayed (though reports should still list them).
 */
import { createRng, type Rng } from '../../model/random.js';
import { type Distribution, quantile } from './distributions.js';

export type DesignKind = 'mc' | 'lhs';

export interface UncertainInput {
  /** Dotted path of the scenario field, e.g. `vendor.outputScale`. */
  path: string;
  dist: Distribution;
}

/** The largest double below 1: (i + U)/n can round up to exactly 1, where quantiles are infinite. */
const BELOW_ONE = 1 - 2 ** -53;

/**
 * The one stream a batch's design is drawn from. It is named apart from the per-run streams
 * (`gpu-market/<seed>/<run>/<stream>`), so a batch's runs draw the same random numbers whether or
 * not their scenario has uncertain inputs.
 */
export function designRng(masterSeed: number | string): Rng {
  if (masterSeed === undefined || masterSeed === null || masterSeed === '') {
    throw new Error('a master seed is required');
  }
  return createRng(`gpu-market/${masterSeed}/montecarlo-design`);
}

/** A uniform draw strictly inside (0, 1): the generator may return exactly 0. */
function openUnit(rng: Rng): number {
  let u = rng();
  while (!(u > 0)) u = rng();
  return Math.min(u, BELOW_ONE);
}

/** Shuffles `a` in place, every permutation equally likely given a uniform `rng` (Fisher–Yates). */
export function shuffleInPlace<T>(a: { length: number; [i: number]: T }, rng: Rng): void {
  for (let i = a.length - 1; i > 0; i--) {
    // rng() < 1, so j ≤ i; the min guards against a generator that returns 1.
    const j = Math.min(i, Math.floor(rng() * (i + 1)));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/** The n × k table of probabilities behind a design; `sampleDesign` maps it through the quantiles. */
export function unitDesign(k: number, n: number, design: DesignKind, rng: Rng): number[][] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`a design needs a whole number of runs ≥ 1, got ${n}`);
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`a design needs a whole number of inputs ≥ 0, got ${k}`);
  const rows = Array.from({ length: n }, () => new Array<number>(k));
  if (design === 'mc') {
    for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) rows[i][j] = openUnit(rng);
    return rows;
  }
  if (design === 'lhs') {
    for (let j = 0; j < k; j++) {
      const column = new Float64Array(n);
      for (let i = 0; i < n; i++) column[i] = Math.min((i + openUnit(rng)) / n, BELOW_ONE);
      shuffleInPlace(column, rng);
      for (let i = 0; i < n; i++) rows[i][j] = column[i];
    }
    return rows;
  }
  throw new RangeError(`unknown design ${JSON.stringify(design)}: expected mc or lhs`);
}

/**
 * n rows (runs) × k columns (inputs, in the order given) of sampled values. Deterministic in
 * (rng's state, inputs, n, design); see the module comment for how a batch seeds `rng`.
 */
export function sampleDesign(inputs: readonly UncertainInput[], n: number, design: DesignKind, rng: Rng): number[][] {
  const rows = unitDesign(inputs.length, n, design, rng);
  // In place: a design of a million runs is not held twice.
  for (const row of rows) for (let j = 0; j < row.length; j++) row[j] = quantile(inputs[j].dist, row[j]);
  return rows;
}
