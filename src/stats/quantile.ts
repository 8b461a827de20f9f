/**
 * The one quantile definition of the project: type 7 of Hyndman and Fan (linear interpolation
 * between order statistics), R's default and numpy's. Bands, outcome summaries, PRIM's tail cut,
 * confidence intervals and forecast scores all use it, so a P5 means the same thing everywhere.
 * (simple-statistics' `quantileSorted` picks an order statistic instead, which steps between runs.)
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of no values');
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
