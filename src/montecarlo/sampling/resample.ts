/**
 * Drawing rows of a weighted table (a calibration's posterior) in proportion to their weights, by
 * systematic resampling (Kitagawa 1996; Douc, Cappé and Moulines 2005): one uniform u, then the
 * rows where the cumulative weight crosses (u + k) / n for k = 0 … n − 1. Every row is drawn
 * ⌊n·w⌋ or ⌈n·w⌉ times, the least variance of the usual schemes, and the draw depends only on the
 * weights, n and the generator.
 */
import type { Rng } from '../../model/random.js';

export function systematicResample(weights: readonly number[], n: number, rng: Rng): number[] {
  const total = weights.reduce((a, w) => a + w, 0);
  if (!(total > 0)) throw new RangeError('resample: weights with a positive sum');
  const u = rng();
  const picks: number[] = [];
  let cumulative = 0;
  let i = -1;
  for (let k = 0; k < n; k++) {
    const target = (u + k) / n;
    // Shares of the total, not raw weights: tiny weights would underflow against a scaled target.
    while (i < weights.length - 1 && cumulative <= target) cumulative += weights[++i] / total;
    picks.push(i);
  }
  return picks;
}
