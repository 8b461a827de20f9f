/**
 * The continuous ranked probability score of one observation against a forecast that is known only
 * by a few quantiles (a batch keeps P5, P10, P25, P50, P75, P90 and P95 of every metric and month).
 *
 * Method: CRPS(F, y) = 2 ∫₀¹ ρτ(y − F⁻¹(τ)) dτ, where ρτ(u) = u·(τ − 1{u < 0}) is the pinball
 * (quantile) loss (Laio and Tamea 2007; Gneiting and Raftery 2007). F⁻¹ is taken as the straight
 * lines between the known quantiles, and flat beyond the outermost ones, so the forecast puts no
 * mass outside [P5, P95]; the integral is the midpoint rule on `steps` equal slices of [0, 1].
 * With the seven band levels this is within 3 % of the exact CRPS of a normal forecast for an
 * observation anywhere from −4σ to +4σ (test/stats/crps.test.ts checks 4 %). Lower is better;
 * the score is in the metric's own unit, and equals |y − m| for a forecast that is a point m.
 */

/** CRPS of `y` for the forecast with quantiles `quantiles[i]` at levels `levels[i]` (increasing, in (0, 1)). */
export function crpsFromQuantiles(levels: readonly number[], quantiles: readonly number[], y: number, steps = 2000): number {
  if (levels.length === 0 || levels.length !== quantiles.length) throw new Error('crps: need as many quantiles as levels, at least one');
  for (let i = 1; i < levels.length; i++) {
    if (!(levels[i] > levels[i - 1])) throw new Error('crps: levels must increase');
  }
  let sum = 0;
  let k = 0;
  for (let s = 0; s < steps; s++) {
    const tau = (s + 0.5) / steps;
    while (k < levels.length && levels[k] < tau) k++;
    const q = quantileAt(levels, quantiles, tau, k);
    const u = y - q;
    sum += u * (tau - (u < 0 ? 1 : 0));
  }
  return (2 * sum) / steps;
}

/** F⁻¹(τ) by linear interpolation; `k` is the first level ≥ τ (levels.length when none). */
function quantileAt(levels: readonly number[], quantiles: readonly number[], tau: number, k: number): number {
  if (k === 0) return quantiles[0];
  if (k === levels.length) return quantiles[levels.length - 1];
  const t = (tau - levels[k - 1]) / (levels[k] - levels[k - 1]);
  return quantiles[k - 1] + t * (quantiles[k] - quantiles[k - 1]);
}
