/**
 * Morris elementary effects (Morris 1991; μ* after Campolongo, Cariboni and Saltelli 2007).
 *
 * Each of r trajectories starts at a random point of a grid of p levels per input (p even,
 * default 4) and changes one input at a time, in a random order, by Δ = p / (2(p − 1)) of the
 * grid's range: k + 1 points per trajectory, r·(k + 1) evaluations. Trajectories are drawn at
 * random, without Campolongo's optimisation for spread.
 *
 * Grid to probabilities: level l (0 … p−1) is the probability u = (l + ½)/p, the middle of the
 * l-th of p equal-probability strata, so every level maps to a finite value through any input's
 * quantile function (p = 4: u = 1/8, 3/8, 5/8, 7/8). A step of Δ is then a step of exactly ½ in
 * u, for any even p: an input moves from, say, its 12.5th to its 62.5th percentile.
 *
 * An elementary effect is (f(after) − f(before)) / (±½): the change of the outcome per unit of
 * the input's probability scale, signed so that it is positive when the outcome rises with the
 * input. Per input: μ (mean effect: direction), μ* (mean absolute effect: importance, the
 * ranking to read) and σ (standard deviation, n − 1: non-linearity or interactions, and the
 * model's noise). For f linear in u, f = Σ c_i u_i, every effect of input i is exactly c_i.
 *
 * Blocks: block s holds point s of every trajectory, so trajectory t is row t of every block and
 * all its points share the random stream t (common random numbers). An effect whose two points
 * do not both have a value is left out; `effects` says how many each input kept.
 */
import { shuffleInPlace } from '../montecarlo/sampling/designs.js';
import { checkBlockValues, type Block, type BlockValues } from './blocks.js';
import { sensitivityRng } from './streams.js';

export interface MorrisDesign {
  method: 'morris';
  k: number;
  /** Trajectories. */
  r: number;
  levels: number;
  seed: number;
  /** k + 1 blocks of r rows: block s holds point s of every trajectory. */
  blocks: Block[];
  /** steps[t][s]: which input changes between points s and s + 1 of trajectory t, and which way (+1 up, −1 down). */
  steps: { input: number; direction: 1 | -1 }[][];
}

export interface MorrisEffect {
  input: number;
  /** Mean elementary effect; null without any effect. */
  mu: number | null;
  /** Mean absolute elementary effect. */
  muStar: number | null;
  /** Standard deviation of the effects (n − 1); null with fewer than two. */
  sigma: number | null;
  /** Effects used (r, less those with a missing value). */
  effects: number;
}

export interface MorrisResult {
  method: 'morris';
  r: number;
  levels: number;
  /** The step in probability, always ½ (see the module comment). */
  step: number;
  /** One per input, in column order. */
  effects: MorrisEffect[];
}

/** The step in probability between two grid levels Δ apart (see the module comment). */
export const MORRIS_STEP = 0.5;

export function morrisDesign(k: number, r: number, levels: number, seed: number): MorrisDesign {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`Morris screening needs at least one input, got ${k}`);
  if (!Number.isInteger(r) || r < 2) throw new RangeError(`Morris screening needs at least 2 trajectories, got ${r}`);
  if (!Number.isInteger(levels) || levels < 2 || levels % 2 !== 0) throw new RangeError(`Morris levels must be an even whole number ≥ 2, got ${levels}`);
  const rng = sensitivityRng(seed, 'morris-design');
  const half = levels / 2;
  const u = (level: number) => (level + 0.5) / levels;
  const blocks: Block[] = Array.from({ length: k + 1 }, () => []);
  const steps: MorrisDesign['steps'] = [];
  for (let t = 0; t < r; t++) {
    // Upward inputs start in the lower half of the levels, downward ones in the upper half, so
    // that a step of p/2 levels stays on the grid.
    const direction = Array.from({ length: k }, (): 1 | -1 => (rng() < 0.5 ? 1 : -1));
    const level = direction.map((d) => Math.min(half - 1, Math.floor(rng() * half)) + (d === 1 ? 0 : half));
    const order = Array.from({ length: k }, (_, i) => i);
    shuffleInPlace(order, rng);
    blocks[0].push(level.map(u));
    for (let s = 0; s < k; s++) {
      const i = order[s];
      level[i] += direction[i] * half;
      blocks[s + 1].push(level.map(u));
    }
    steps.push(order.map((i) => ({ input: i, direction: direction[i] })));
  }
  return { method: 'morris', k, r, levels, seed, blocks, steps };
}

export function morrisEffects(design: MorrisDesign, values: BlockValues): MorrisResult {
  checkBlockValues(design.blocks, values);
  const { k, r } = design;
  const effects: number[][] = Array.from({ length: k }, () => []);
  for (let t = 0; t < r; t++) {
    design.steps[t].forEach(({ input, direction }, s) => {
      const before = values[s][t];
      const after = values[s + 1][t];
      if (before === null || after === null) return;
      effects[input].push((after - before) / (direction * MORRIS_STEP));
    });
  }
  return {
    method: 'morris',
    r,
    levels: design.levels,
    step: MORRIS_STEP,
    effects: effects.map((e, input) => {
      if (e.length === 0) return { input, mu: null, muStar: null, sigma: null, effects: 0 };
      const mu = e.reduce((a, x) => a + x, 0) / e.length;
      const muStar = e.reduce((a, x) => a + Math.abs(x), 0) / e.length;
      const sigma = e.length < 2 ? null : Math.sqrt(e.reduce((a, x) => a + (x - mu) ** 2, 0) / (e.length - 1));
      return { input, mu, muStar, sigma, effects: e.length };
    }),
  };
}
