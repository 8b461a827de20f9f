/**
 * Rank correlation between the inputs of a design, imposed by the method of Iman & Conover (1982,
 * "A distribution-free approach to inducing rank correlation among input variables").
 *
 * The method only reorders each column: the values a column holds, and so each input's marginal
 * distribution and a Latin hypercube's stratification, are kept exactly. Steps:
 * 1. Score matrix R (n × k): each column holds the van der Waerden scores Φ⁻¹(r/(n+1)),
 *    r = 1…n, in the rank order of the design's column. The design's columns were drawn
 *    independently, so this is the "random permutation of scores" of the paper, with no further
 *    randomness needed.
 * 2. The target C = P·Pᵀ and the scores' own (sample) correlation E = Q·Qᵀ (Cholesky). Then
 *    R·(P·Q⁻¹)ᵀ has correlation exactly C: Q⁻¹ removes the chance correlation among the scores,
 *    P puts in the target (the paper's S = P·Q⁻¹; some write the same adjustment as T).
 * 3. Each design column is reordered so its ranks equal those of the matching transformed column.
 * Ties (equal values, e.g. a `choice` input) are broken by position, so the result is
 * deterministic in the design and the target.
 *
 * The target is a Spearman (rank) correlation while step 2 fixes the Pearson correlation of the
 * normal scores, and for normal variables Spearman = (6/π)·asin(Pearson/2). So the target is
 * first mapped to the score correlation 2·sin(π·rho/6) (0.7 becomes 0.717): without that the
 * achieved rank correlations fall short by up to 0.02. If the mapped matrix stops being positive
 * definite (only possible for a target at the edge of being valid), the target is used as given.
 */
import { checkCorrelationMatrix } from './correlations.js';
import { cholesky, correlationOfColumns, invertLower, multiply, transpose } from './linalg.js';
import { normalQuantile } from './normal.js';
import { ranks } from './ranks.js';

/** The score-correlation matrix that gives Spearman correlation `target` to normal scores. */
function scoreCorrelation(target: readonly (readonly number[])[]): number[][] {
  return target.map((row, i) => row.map((rho, j) => (i === j ? 1 : 2 * Math.sin((Math.PI * rho) / 6))));
}

/**
 * A copy of `design` (n rows × k columns) whose columns are reordered to have rank correlation
 * close to `target` (k × k), each column keeping exactly the values it had. Throws
 * CorrelationError if `target` is not a valid correlation matrix (see checkCorrelationMatrix).
 * With fewer than 2 rows or columns there is nothing to correlate and the copy is unchanged.
 */
export function imposeRankCorrelation(design: readonly (readonly number[])[], target: readonly (readonly number[])[]): number[][] {
  const n = design.length;
  const k = n === 0 ? target.length : design[0].length;
  if (design.some((row) => row.length !== k)) throw new RangeError('imposeRankCorrelation: every row of the design needs the same number of columns');
  checkCorrelationMatrix(target, k);
  const copy = design.map((row) => [...row]);
  if (n < 2 || k < 2) return copy;

  const columns = transpose(design);
  const scores = Array.from({ length: n }, (_, r) => normalQuantile((r + 1) / (n + 1)));
  const columnRanks = columns.map((col) => ranks(col));
  const r = Array.from({ length: n }, (_, i) => columnRanks.map((rk) => scores[rk[i]]));

  const p = cholesky(scoreCorrelation(target)) ?? cholesky(target);
  // checkCorrelationMatrix has established that the target itself factorises.
  if (p === undefined) throw new Error('imposeRankCorrelation: target matrix has no Cholesky factor');
  // With very few rows the scores' correlation can be singular (n = 2 makes every pair ±1); then
  // there is no chance correlation to remove that Q⁻¹ could express, and P alone is applied.
  const q = cholesky(correlationOfColumns(r));
  const s = q === undefined ? p : multiply(p, invertLower(q));
  const transformed = transpose(multiply(r, transpose(s)));

  const out = copy;
  for (let j = 0; j < k; j++) {
    const sorted = [...columns[j]].sort((a, b) => a - b);
    const targetRanks = ranks(transformed[j]);
    for (let i = 0; i < n; i++) out[i][j] = sorted[targetRanks[i]];
  }
  return out;
}
