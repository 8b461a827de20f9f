/**
 * How far a simulated path is from what was observed, in units of each observation's error.
 *
 * Each point gives a scaled residual: (simulated − observed) / sd for a point value; for an
 * interval or a bound, zero inside it (or beyond the bound) and otherwise the gap to its nearest
 * end over sd, so a range counts as what it is and not as its midpoint. Residuals are squared and
 * averaged over the particle's replicate runs, so the model's own randomness enters as variance
 * rather than as a lucky or unlucky single draw.
 *
 * Series are balanced: the points of one model metric share one unit of weight between them (in
 * proportion to their rows' weights), and the distance is the root of the mean over series. A
 * monthly index with twenty points then counts as much as a single margin estimate, not twenty
 * times as much (the scaling of Prangle 2017 by known errors, with the per-series balancing that
 * Grazzini, Richiardi and Tsionas 2017 recommend for agent-based models). A distance of 1 means
 * the simulated path sits, on average over series, one error away from the observations.
 */

/** What the distance needs of an observation (see src/observed). */
export interface Target {
  metric: string;
  value: number | null;
  low: number | null;
  high: number | null;
  sd: number;
  weight: number;
}

/** A point's residual in units of its error; infinite for a simulated value that is not a number. */
export function scaledResidual(t: Target, y: number): number {
  if (!Number.isFinite(y)) return Infinity;
  let gap = 0;
  if (t.value !== null) gap = y - t.value;
  else if (t.low !== null && y < t.low) gap = y - t.low;
  else if (t.high !== null && y > t.high) gap = y - t.high;
  return gap / t.sd;
}

/** Each observation's share of the squared distance: the series' equal share, split by row weight. */
export function seriesShares(targets: readonly Target[]): Float64Array {
  const weightOfSeries = new Map<string, number>();
  for (const t of targets) weightOfSeries.set(t.metric, (weightOfSeries.get(t.metric) ?? 0) + t.weight);
  const series = weightOfSeries.size;
  return Float64Array.from(targets, (t) => t.weight / weightOfSeries.get(t.metric)! / series);
}

/**
 * The distance of one particle: `simulated[r][i]` is replicate r's value of observation i. With
 * no replicate that has a value, the distance is infinite.
 */
export function distance(targets: readonly Target[], shares: Float64Array, simulated: readonly ArrayLike<number>[]): number {
  if (simulated.length === 0) return Infinity;
  let sum = 0;
  for (let i = 0; i < targets.length; i++) sum += shares[i] * meanSquaredResidual(targets[i], simulated, i);
  return Math.sqrt(sum);
}

/** Observation i's squared scaled residual, averaged over the replicates. */
export function meanSquaredResidual(t: Target, simulated: readonly ArrayLike<number>[], i: number): number {
  let s = 0;
  for (const run of simulated) {
    const r = scaledResidual(t, run[i]);
    s += r * r;
  }
  return s / simulated.length;
}
