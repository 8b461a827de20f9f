/**
 * What a calibration's last population says about each input: weighted summaries, and the
 * distribution a scenario's `uncertain` section can hold (calibrated.yaml).
 *
 * Fitted families, chosen so the fit never leaves the prior's support:
 * - a lognormal or log-uniform prior gives a lognormal (weighted mean and sd of the logarithm);
 * - a normal prior gives a normal with the prior's truncation bounds;
 * - a bounded prior (uniform, triangular, beta) gives a beta on the prior's [min, max], by the
 *   weighted method of moments;
 * - a discrete choice keeps its values, weighted by the posterior mass on each.
 * Dependence between inputs is kept as Spearman rank correlations, computed from the weighted
 * correlation of the particles' normal scores (ρ_S = (6/π)·asin(r/2) for a normal copula), which
 * is how a batch imposes them again.
 */
import type { Distribution } from '../montecarlo/sampling/distributions.js';
import type { Correlation } from '../montecarlo/sampling/correlations.js';
import { weightedCovariance, weightedQuantile, type Population } from './abcSmc.js';
import type { Prior } from './prior.js';

export interface InputPosterior {
  path: string;
  prior: Distribution;
  mean: number;
  sd: number;
  p5: number;
  p50: number;
  p95: number;
  fitted: Distribution;
}

/** Rank correlations smaller than this are left out of the calibrated scenario. */
const MIN_CORRELATION = 0.05;

export function inputPosteriors(prior: Prior, pop: Population): InputPosterior[] {
  return prior.inputs.map((input, i) => {
    const xs = pop.values.map((v) => v[i]);
    const { mean, sd } = weightedMoments(xs, pop.weights);
    const q = (p: number) => weightedQuantile(xs, pop.weights, p);
    return { path: input.path, prior: input.dist, mean, sd, p5: q(0.05), p50: q(0.5), p95: q(0.95), fitted: fit(input.dist, xs, pop.weights) };
  });
}

export function weightedMoments(xs: readonly number[], weights: readonly number[]): { mean: number; sd: number } {
  const total = weights.reduce((a, w) => a + w, 0);
  const mean = xs.reduce((a, x, i) => a + weights[i] * x, 0) / total;
  const variance = xs.reduce((a, x, i) => a + weights[i] * (x - mean) ** 2, 0) / total;
  return { mean, sd: Math.sqrt(variance) };
}

/** The posterior of one input as a distribution of the prior's family (see the module comment). */
export function fit(prior: Distribution, xs: readonly number[], weights: readonly number[]): Distribution {
  switch (prior.dist) {
    case 'fixed':
      return prior;
    case 'lognormal':
    case 'logUniform': {
      const { mean, sd } = weightedMoments(
        xs.map((x) => Math.log(x)),
        weights,
      );
      return { dist: 'lognormal', median: tidy(Math.exp(mean)), sigma: tidy(Math.max(sd, 1e-6)) };
    }
    case 'normal': {
      const { mean, sd } = weightedMoments(xs, weights);
      return { dist: 'normal', mean: tidy(mean), sd: tidy(Math.max(sd, 1e-9 * Math.max(1, Math.abs(mean)))), ...bounds(prior) };
    }
    case 'uniform':
    case 'triangular':
    case 'beta':
      return betaFit(prior.min, prior.max, xs, weights);
    case 'choice': {
      const mass = new Map<number, number>();
      xs.forEach((x, i) => mass.set(x, (mass.get(x) ?? 0) + weights[i]));
      const values = [...new Set(prior.values)];
      return { dist: 'choice', values, weights: values.map((v) => tidy(mass.get(v) ?? 0)) };
    }
  }
}

const bounds = (d: Extract<Distribution, { dist: 'normal' }>) => ({ ...(d.min === undefined ? {} : { min: d.min }), ...(d.max === undefined ? {} : { max: d.max }) });

function betaFit(min: number, max: number, xs: readonly number[], weights: readonly number[]): Distribution {
  const { mean, sd } = weightedMoments(
    xs.map((x) => (x - min) / (max - min)),
    weights,
  );
  const m = Math.min(1 - 1e-6, Math.max(1e-6, mean));
  // The method of moments needs a variance below m(1 − m); a posterior squeezed onto a point gets a narrow beta.
  const variance = Math.min(sd * sd, 0.99 * m * (1 - m));
  const common = Math.max((m * (1 - m)) / Math.max(variance, 1e-12) - 1, 1e-3);
  return { dist: 'beta', alpha: tidy(m * common), beta: tidy((1 - m) * common), min, max };
}

/** Six significant digits: a fitted parameter carries no more information than that. */
const tidy = (x: number): number => Number(x.toPrecision(6));

/** Posterior rank correlations between the calibrated inputs, from their normal scores. */
export function posteriorCorrelations(prior: Prior, pop: Population): Correlation[] {
  const cov = weightedCovariance(pop.z, pop.weights);
  const out: Correlation[] = [];
  const k = prior.inputs.length;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      if (prior.inputs[i].dist.dist === 'fixed' || prior.inputs[j].dist.dist === 'fixed') continue;
      const r = cov[i][j] / Math.sqrt(cov[i][i] * cov[j][j]);
      if (!Number.isFinite(r)) continue;
      const rho = Number(((6 / Math.PI) * Math.asin(r / 2)).toFixed(2));
      if (Math.abs(rho) >= MIN_CORRELATION) out.push({ a: prior.inputs[i].path, b: prior.inputs[j].path, rho });
    }
  }
  return out;
}
