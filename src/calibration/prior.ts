/**
 * The prior of a calibration, in the space where ABC-SMC moves its particles.
 *
 * Each calibrated input x_i follows its distribution from the scenario's `uncertain` section. A
 * particle is a vector z of standard-normal scores, and x_i = F_i⁻¹(Φ(z_i)): the prior on z is
 * a standard normal (a Gaussian copula where the scenario correlates inputs), whatever the inputs'
 * own distributions. Perturbation kernels and importance weights then need no density of a
 * triangular, a truncated normal or a discrete choice, and a kernel step can never leave a
 * bounded input's support. The posterior of x is the image of the posterior of z.
 */
import { cholesky, lowerTimes, solveLower } from '../montecarlo/sampling/linalg.js';
import { normalCdf } from '../montecarlo/sampling/normal.js';
import { quantile, type Distribution } from '../montecarlo/sampling/distributions.js';
import type { UncertainInput } from '../montecarlo/sampling/designs.js';
import type { Correlation } from '../montecarlo/sampling/correlations.js';

export interface Prior {
  inputs: readonly UncertainInput[];
  /** Lower Cholesky factor of the scores' correlation (the identity for independent inputs). */
  chol: number[][];
}

/** Keeps Φ(z) inside (0, 1), where every quantile function is defined. */
const U_EDGE = 1e-15;

/**
 * The prior of `inputs`, with the scenario's rank correlations between them: Spearman's ρ becomes
 * the normal copula's correlation 2·sin(πρ/6), which has exactly that rank correlation.
 */
export function priorOf(inputs: readonly UncertainInput[], correlations: readonly Correlation[] = []): Prior {
  const k = inputs.length;
  const c = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j): number => (i === j ? 1 : 0)));
  const at = new Map(inputs.map((x, i) => [x.path, i]));
  for (const { a, b, rho } of correlations) {
    const i = at.get(a);
    const j = at.get(b);
    if (i === undefined || j === undefined) continue;
    c[i][j] = c[j][i] = 2 * Math.sin((Math.PI * rho) / 6);
  }
  const chol = cholesky(c);
  if (!chol) throw new RangeError('the rank correlations between the calibrated inputs are not a valid correlation matrix');
  return { inputs, chol };
}

/** The input values of a particle. */
export function valuesOf(prior: Prior, z: readonly number[]): number[] {
  return prior.inputs.map((x, i) => valueOf(x.dist, z[i]));
}

export function valueOf(dist: Distribution, z: number): number {
  return quantile(dist, Math.min(1 - U_EDGE, Math.max(U_EDGE, normalCdf(z))));
}

/** A draw from the prior: correlated standard-normal scores from independent ones `xi`. */
export function fromIndependent(prior: Prior, xi: readonly number[]): number[] {
  return lowerTimes(prior.chol, xi);
}

/** log prior density of `z`, up to a constant. */
export function logPrior(prior: Prior, z: readonly number[]): number {
  const y = solveLower(prior.chol, z);
  let s = 0;
  for (const v of y) s += v * v;
  return -0.5 * s;
}
