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
import { cholesky, correlationOfColumnArrays, invertLower, multiply } from './linalg.js';
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
  const out = design.map((row) => [...row]);
  imposeRankCorrelationInPlace(out, target);
  return out;
}

/**
 * `imposeRankCorrelation` that reorders the columns of `design` itself: a plan of a million runs
 * then holds its design once, not twice, while the correlation is imposed.
 */
export function imposeRankCorrelationInPlace(design: number[][], target: readonly (readonly number[])[]): void {
  const n = design.length;
  const k = n === 0 ? target.length : design[0].length;
  if (design.some((row) => row.length !== k)) throw new RangeError('imposeRankCorrelation: every row of the design needs the same number of columns');
  checkCorrelationMatrix(target, k);
  if (n < 2 || k < 2) return;

  // Columns as typed arrays: a batch of a million runs has a million rows, and a table of rows
  // (an array per row) costs several times the numbers it holds, once per intermediate.
  const columns = Array.from({ length: k }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) columns[j][i] = design[i][j];
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) scores[i] = normalQuantile((i + 1) / (n + 1));
  const r = columns.map((col) => {
    const rank = ranks(col);
    const scored = new Float64Array(n);
    for (let i = 0; i < n; i++) scored[i] = scores[rank[i]];
    return scored;
  });

  const p = cholesky(scoreCorrelation(target)) ?? cholesky(target);
  // checkCorrelationMatrix has established that the target itself factorises.
  if (p === undefined) throw new Error('imposeRankCorrelation: target matrix has no Cholesky factor');
  // With very few rows the scores' correlation can be singular (n = 2 makes every pair ±1); then
  // there is no chance correlation to remove that Q⁻¹ could express, and P alone is applied.
  const q = cholesky(correlationOfColumnArrays(r));
  const s = q === undefined ? p : multiply(p, invertLower(q));

  const transformed = new Float64Array(n);
  for (let j = 0; j < k; j++) {
    // Column j of R·Sᵀ, each element summed over the scores' columns in order, as a product of rows would be.
    transformed.fill(0);
    for (let m = 0; m < k; m++) {
      const coefficient = s[j][m];
      const rm = r[m];
      for (let i = 0; i < n; i++) {
        const x = rm[i];
        if (x !== 0) transformed[i] += x * coefficient;
      }
    }
    const sorted = sortedColumn(columns[j], design, j);
    const targetRanks = ranks(transformed);
    for (let i = 0; i < n; i++) design[i][j] = sorted[targetRanks[i]];
  }
}

/**
 * `column` (column `j` of `design`) sorted in place, ascending, equal values in the order of their
 * rows. The engine's numeric sort takes no comparator call per comparison; it puts every -0
 * before every +0, so the zeros, the only equal values that differ, are put back in row order.
 */
function sortedColumn(column: Float64Array, design: readonly (readonly number[])[], j: number): Float64Array {
  column.sort();
  let first = 0;
  while (first < column.length && column[first] < 0) first++;
  if (first < column.length && column[first] === 0) {
    for (let i = 0, at = first; i < design.length; i++) if (design[i][j] === 0) column[at++] = design[i][j];
  }
  return column;
}
