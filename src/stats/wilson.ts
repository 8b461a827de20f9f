/**
 * The Wilson score interval for a binomial proportion (Wilson 1927): the set of p for which the
 * normal test of k successes in n trials does not reject at the level given by z,
 *
 *   centre = (p̂ + z²/2n) / (1 + z²/n),   half = z / (1 + z²/n) · sqrt(p̂(1 - p̂)/n + z²/4n²),
 *
 * with p̂ = k / n. Unlike the Wald interval it stays inside [0, 1] and keeps a sensible width at
 * k = 0 and k = n (where its lower, respectively upper, end is exactly 0, respectively 1).
 * The default z = 1.959964 gives a two-sided 95 % interval.
 */

export interface WilsonInterval {
  /** k / n; NaN when n = 0. */
  estimate: number;
  lower: number;
  upper: number;
}

export const Z_95 = 1.959964;

/** Wilson interval for `successes` out of `trials` (integers, 0 <= successes <= trials); [0, 1] when trials = 0. */
export function wilsonInterval(successes: number, trials: number, z: number = Z_95): WilsonInterval {
  if (!Number.isInteger(trials) || trials < 0) throw new RangeError(`wilson: trials must be a non-negative integer, got ${trials}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(`wilson: successes must be an integer in [0, ${trials}], got ${successes}`);
  }
  if (!(z > 0 && Number.isFinite(z))) throw new RangeError(`wilson: z must be positive and finite, got ${z}`);
  if (trials === 0) return { estimate: NaN, lower: 0, upper: 1 };
  const n = trials;
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    estimate: p,
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === trials ? 1 : Math.min(1, centre + half),
  };
}
