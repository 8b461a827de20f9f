/**
 * Approximate Bayesian computation by sequential Monte Carlo (ABC population Monte Carlo;
 * Beaumont, Cornuet, Marin and Robert 2009; Toni et al. 2009; Del Moral, Doucet and Jasra 2012).
 *
 * Generation 0 draws N particles from the prior. Generation t accepts proposals whose distance
 * is at most ε_t, the α-quantile of generation t−1's distances (an adaptive schedule). A proposal
 * is an ancestor drawn from generation t−1 by weight (multinomial resampling) and moved by a
 * normal kernel with twice that population's weighted covariance (Beaumont et al. 2009: the
 * kernel that keeps the sampler's Kullback–Leibler loss lowest among normal kernels of this
 * form). An accepted particle z gets the importance weight π(z) / Σ_j w_j K(z | z_j), which
 * corrects for proposing from the kernel mixture and not from the prior. The effective sample
 * size (Σw)² / Σw² of each generation says how many particles its weights are worth.
 *
 * Particles live in the prior's standard-normal scores (prior.ts). Proposals are made in rounds;
 * each proposal's random draws come from its own stream (seed, generation, index) and the
 * simulator's runs from the round's, and a round's accepted proposals are taken in index order,
 * never in order of completion, so a calibration is the same for a seed whatever the worker
 * count. The state after every round is plain data (`AbcState`): a calibration stopped between
 * rounds and resumed from it ends exactly as one that was never stopped.
 *
 * It stops when a generation reaches the target tolerance, after the last generation allowed,
 * when a generation's acceptance rate falls below the floor, or when the next round would exceed
 * the run budget; an unfinished generation is then dropped and the last finished one is the
 * posterior.
 */
import { firstAbove } from '../montecarlo/sampling/distributions.js';
import { cholesky, lowerTimes, solveLower } from '../montecarlo/sampling/linalg.js';
import { createRng, normal, type Rng } from '../model/random.js';
import { fromIndependent, logPrior, valuesOf, type Prior } from './prior.js';

export interface AbcOptions {
  /** Particles per generation (N). */
  particles: number;
  /** Generations at most, the prior's draw included. */
  generations: number;
  /** Simulator runs at most (each particle costs `replicates` runs). */
  budget: number;
  replicates: number;
  /** The tolerance of a generation is this quantile of the previous generation's distances. */
  quantile: number;
  /** Stop once a generation's tolerance is at or below this. */
  targetTolerance: number;
  /** Stop when fewer than this share of a generation's proposals are accepted. */
  minAcceptance: number;
  seed: number;
}

/** Which round of which generation a batch of particles belongs to. */
export interface RoundKey {
  generation: number;
  round: number;
}

/**
 * Runs particles (their input values, in order) and returns each one's distance; a particle whose
 * runs failed has an infinite distance.
 */
export type Simulate = (values: readonly (readonly number[])[], key: RoundKey) => Promise<number[]>;

/** The particles of a generation, accepted so far or in all, and what it cost to find them. */
interface Particles {
  /** Particles as prior scores, and as input values. */
  z: number[][];
  values: number[][];
  distances: number[];
  /** The tolerance they were accepted at (infinite for the prior's draw). */
  tolerance: number;
  /** Proposals made, and simulator runs spent on them. */
  proposed: number;
  runs: number;
}

export interface Population extends Particles {
  /** Normalised importance weights. */
  weights: number[];
  ess: number;
}

/** A generation being filled. */
export interface PartialGeneration extends Particles {
  logWeights: number[];
  rounds: number;
}

export type StopReason = 'tolerance' | 'generations' | 'acceptance' | 'budget';

export interface AbcState {
  populations: Population[];
  partial: PartialGeneration | null;
  /** Simulator runs spent in all. */
  runs: number;
  stop: StopReason | null;
}

export interface AbcProgress {
  generation: number;
  tolerance: number;
  accepted: number;
  proposed: number;
  runs: number;
}

export interface AbcHooks {
  /** After every round, with the state to resume from. */
  onRound?: (state: AbcState) => void | Promise<void>;
  onProgress?: (p: AbcProgress) => void;
}

export const emptyState = (): AbcState => ({ populations: [], partial: null, runs: 0, stop: null });

/** Runs (or resumes) a calibration until one of its stopping rules holds. */
export async function abcSmc(prior: Prior, simulate: Simulate, o: AbcOptions, state: AbcState = emptyState(), hooks: AbcHooks = {}): Promise<AbcState> {
  checkOptions(o);
  while (state.stop === null) {
    const t = state.populations.length;
    if (t >= o.generations) {
      state.stop = 'generations';
      break;
    }
    const previous = t > 0 ? state.populations[t - 1] : null;
    state.partial ??= openGeneration(previous, o);
    const proposer = previous ? kernelProposer(prior, previous) : priorProposer(prior);
    const stop = await fillGeneration(state, t, proposer, prior, simulate, o, hooks);
    if (stop !== null) {
      state.partial = null;
      state.stop = stop;
      break;
    }
    const population = closeGeneration(state.partial, o.particles);
    state.populations.push(population);
    state.partial = null;
    if (population.tolerance <= o.targetTolerance) state.stop = 'tolerance';
    await hooks.onRound?.(state);
  }
  return state;
}

function checkOptions(o: AbcOptions): void {
  if (!(Number.isInteger(o.particles) && o.particles >= 2)) throw new RangeError('particles: at least 2');
  if (!(o.quantile > 0 && o.quantile < 1)) throw new RangeError('quantile: between 0 and 1');
  if (!(Number.isInteger(o.replicates) && o.replicates >= 1)) throw new RangeError('replicates: at least 1');
}

function openGeneration(previous: Population | null, o: AbcOptions): PartialGeneration {
  const tolerance = previous ? weightedQuantile(previous.distances, previous.weights, o.quantile) : Infinity;
  return { tolerance, z: [], values: [], distances: [], logWeights: [], proposed: 0, rounds: 0, runs: 0 };
}

interface Proposal {
  z: number[];
  /** log of the importance weight before normalisation. */
  logWeight: (z: readonly number[]) => number;
}

type Proposer = (rng: Rng) => Proposal;

function priorProposer(prior: Prior): Proposer {
  const k = prior.inputs.length;
  return (rng) => ({ z: fromIndependent(prior, standardNormals(rng, k)), logWeight: () => 0 });
}

/** Ancestor by weight, moved by the normal kernel fitted to the population. */
function kernelProposer(prior: Prior, pop: Population): Proposer {
  const k = prior.inputs.length;
  const chol = kernelFactor(pop);
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of pop.weights) cumulative.push((sum += w));
  const logW = pop.weights.map((w) => Math.log(w));
  const logWeight = (z: readonly number[]): number => {
    // log Σ_j w_j K(z | z_j), the kernel's constant left out: it is the same for every particle of the generation.
    const terms = pop.z.map((zj, j) => {
      const y = solveLower(
        chol,
        z.map((v, i) => v - zj[i]),
      );
      let s = 0;
      for (const v of y) s += v * v;
      return logW[j] - 0.5 * s;
    });
    return logPrior(prior, z) - logSumExp(terms);
  };
  return (rng) => {
    const j = firstAbove(cumulative, rng() * sum);
    const step = lowerTimes(chol, standardNormals(rng, k));
    return { z: pop.z[j].map((v, i) => v + step[i]), logWeight };
  };
}

/**
 * The Cholesky factor of twice the population's weighted covariance, steadied if it is singular.
 * (Silverman's narrower bandwidth keeps the effective sample size no higher with many inputs,
 * and narrows the posterior no faster with few.)
 */
function kernelFactor(pop: Population): number[][] {
  const cov = weightedCovariance(pop.z, pop.weights).map((row) => row.map((v) => 2 * v));
  let jitter = 1e-10;
  for (;;) {
    const chol = cholesky(
      cov.map((row, i) => row.map((v, j) => (i === j ? v + jitter : v))),
      0,
    );
    if (chol) return chol;
    // A population collapsed onto a point (or a line) still needs a kernel that moves.
    jitter *= 10;
  }
}

export function weightedCovariance(points: readonly (readonly number[])[], weights: readonly number[]): number[][] {
  const k = points[0]?.length ?? 0;
  const total = weights.reduce((a, w) => a + w, 0);
  const mean = new Array<number>(k).fill(0);
  points.forEach((p, n) => p.forEach((v, i) => (mean[i] += (weights[n] * v) / total)));
  const cov = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  points.forEach((p, n) => {
    for (let i = 0; i < k; i++) for (let j = 0; j <= i; j++) cov[i][j] += (weights[n] * (p[i] - mean[i]) * (p[j] - mean[j])) / total;
  });
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) cov[j][i] = cov[i][j];
  return cov;
}

/** Proposes, simulates and accepts round after round until the generation is full or a stopping rule holds. */
async function fillGeneration(state: AbcState, t: number, propose: Proposer, prior: Prior, simulate: Simulate, o: AbcOptions, hooks: AbcHooks): Promise<StopReason | null> {
  const g = state.partial!;
  const N = o.particles;
  const previousRate = t > 0 ? state.populations[t - 1].z.length / state.populations[t - 1].proposed : 1;
  while (g.z.length < N) {
    const count = roundSize(g, N, previousRate, o, state.runs);
    if (count < 1) return 'budget';
    const proposals = Array.from({ length: count }, (_, m) => propose(createRng(`gpu-market/calibrate/${o.seed}/${t}/${g.proposed + m}`)));
    const values = proposals.map((p) => valuesOf(prior, p.z));
    const distances = await simulate(values, { generation: t, round: g.rounds });
    g.rounds++;
    g.runs += count * o.replicates;
    state.runs += count * o.replicates;
    for (let m = 0; m < count && g.z.length < N; m++) {
      g.proposed++;
      const d = distances[m];
      if (!(Number.isFinite(d) && d <= g.tolerance)) continue;
      g.z.push(proposals[m].z);
      g.values.push(values[m]);
      g.distances.push(d);
      g.logWeights.push(proposals[m].logWeight(proposals[m].z));
    }
    hooks.onProgress?.({ generation: t, tolerance: g.tolerance, accepted: g.z.length, proposed: g.proposed, runs: state.runs });
    if (g.z.length < N && g.proposed >= N && g.z.length / g.proposed < o.minAcceptance) return 'acceptance';
    if (g.z.length < N) await hooks.onRound?.(state);
  }
  return null;
}

/**
 * Proposals for the next round: what is still needed at the acceptance rate seen so far (the
 * previous generation's until this one has a few hundred proposals), with a tenth to spare, no
 * more than the budget holds.
 */
function roundSize(g: PartialGeneration, N: number, previousRate: number, o: AbcOptions, runs: number): number {
  const need = N - g.z.length;
  const seen = g.proposed >= Math.min(N, 200) && g.z.length > 0 ? g.z.length / g.proposed : previousRate;
  const rate = Math.max(o.minAcceptance, Math.min(1, seen));
  // The prior's draw accepts every run that does not fail: nothing to spare there.
  const spare = rate < 1 ? 1.1 : 1;
  const wanted = Math.min(Math.ceil((need / rate) * spare), Math.ceil(N / o.minAcceptance));
  const affordable = Math.floor((o.budget - runs) / o.replicates);
  return Math.min(wanted, affordable);
}

function closeGeneration(g: PartialGeneration, N: number): Population {
  const top = Math.max(...g.logWeights);
  const raw = g.logWeights.map((l) => Math.exp(l - top));
  const total = raw.reduce((a, w) => a + w, 0);
  const weights = raw.map((w) => w / total);
  const ess = 1 / weights.reduce((a, w) => a + w * w, 0);
  return { z: g.z.slice(0, N), values: g.values.slice(0, N), weights, distances: g.distances, tolerance: g.tolerance, proposed: g.proposed, runs: g.runs, ess };
}

/** The smallest value whose share of weight at or below it is at least `q`. */
export function weightedQuantile(values: readonly number[], weights: readonly number[], q: number): number {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  const total = weights.reduce((a, w) => a + w, 0);
  let sum = 0;
  for (const i of order) {
    sum += weights[i];
    if (sum >= q * total) return values[i];
  }
  return values[order[order.length - 1]];
}

function standardNormals(rng: Rng, k: number): number[] {
  return Array.from({ length: k }, () => normal(rng));
}

function logSumExp(xs: readonly number[]): number {
  const top = Math.max(...xs);
  if (top === -Infinity) return -Infinity;
  let s = 0;
  for (const x of xs) s += Math.exp(x - top);
  return top + Math.log(s);
}
