/**
 * Rank correlations between uncertain inputs, as a scenario states them: a list of
 * `{ a: path, b: path, rho }`, each saying that inputs a and b should have Spearman rank
 * correlation rho. Pairs not listed are uncorrelated. The list becomes a full k × k matrix over
 * the inputs in their batch order, and that matrix must be a correlation matrix that can exist:
 * symmetric, unit diagonal, entries in [−1, 1], and positive definite. The last is the one users
 * trip over: A–B 0.9 and B–C 0.9 force A–C well above 0, so A–C −0.9 is impossible; and |rho| = 1
 * (one input a function of another) is singular, so 0.99 is the most one can ask for.
 */
import type { Correlation } from '../../scenario/distribution.js';
import { cholesky } from './linalg.js';

export { CorrelationSchema, type Correlation } from '../../scenario/distribution.js';

/**
 * What is wrong with a correlation list or matrix, in the "expected …, found …" form the
 * scenario loader reports. `path` locates it within the list (`[2, 'rho']` is the third entry's
 * rho) or the matrix (`[0, 1]`); it is empty when the entries only fail together.
 */
export class CorrelationError extends Error {
  readonly path: (string | number)[];
  readonly expected: string;
  readonly found: string;

  constructor(path: (string | number)[], expected: string, found: string) {
    const where = path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
    super(`correlations${where}: expected ${expected}, found ${found}`);
    this.name = 'CorrelationError';
    this.path = path;
    this.expected = expected;
    this.found = found;
  }
}

const TOLERANCE = 1e-12;

function listOf(paths: readonly string[]): string {
  const shown = paths.slice(0, 6).join(', ');
  return paths.length > 6 ? `${shown}, … (${paths.length} in all)` : shown;
}

/**
 * The k × k rank-correlation matrix for inputs `paths` (in that order) from a list of pairs,
 * identity where no pair is given. Throws CorrelationError for an unknown or repeated pair, a
 * pair of an input with itself, a rho outside [−1, 1], or pairs that cannot hold together.
 */
export function correlationMatrix(paths: readonly string[], pairs: readonly Correlation[]): number[][] {
  const k = paths.length;
  const index = new Map(paths.map((p, i) => [p, i]));
  const m: number[][] = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 1 : 0)));
  const seen = new Map<string, number>();
  pairs.forEach((pair, n) => {
    const ia = index.get(pair.a);
    const ib = index.get(pair.b);
    if (ia === undefined) throw new CorrelationError([n, 'a'], `one of the uncertain inputs (${listOf(paths)})`, JSON.stringify(pair.a));
    if (ib === undefined) throw new CorrelationError([n, 'b'], `one of the uncertain inputs (${listOf(paths)})`, JSON.stringify(pair.b));
    if (ia === ib) throw new CorrelationError([n, 'b'], `an input other than a (${pair.a})`, JSON.stringify(pair.b));
    if (!(pair.rho >= -1 && pair.rho <= 1)) throw new CorrelationError([n, 'rho'], 'a number from -1 to 1', String(pair.rho));
    const key = ia < ib ? `${ia},${ib}` : `${ib},${ia}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new CorrelationError([n], `each pair of inputs correlated once`, `${pair.a} and ${pair.b} again (first in entry ${earlier + 1})`);
    }
    seen.set(key, n);
    m[ia][ib] = pair.rho;
    m[ib][ia] = pair.rho;
  });
  const failedAt = firstNonPositivePivot(m);
  if (failedAt !== undefined) {
    // The first i + 1 inputs are where the contradiction shows; of those, name the ones that
    // carry a correlation, since the rest only sit on the diagonal.
    const involved = paths.filter((_, i) => i <= failedAt && m[i].some((r, j) => j !== i && j <= failedAt && r !== 0));
    throw new CorrelationError(
      [],
      'correlations that can hold together (a positive definite matrix; |rho| = 1 is not allowed, use 0.99)',
      `correlations among ${listOf(involved)} that contradict one another`,
    );
  }
  return m;
}

/** Index of the first leading block that is not positive definite, or undefined if all are. */
function firstNonPositivePivot(m: readonly (readonly number[])[]): number | undefined {
  for (let i = 0; i < m.length; i++) {
    const block = m.slice(0, i + 1).map((row) => row.slice(0, i + 1));
    if (cholesky(block, TOLERANCE) === undefined) return i;
  }
  return undefined;
}

/**
 * Checks that `m` is a k × k correlation matrix that can exist; throws CorrelationError naming
 * the first offending entry (or, for a matrix that is not positive definite, the whole of it).
 */
export function checkCorrelationMatrix(m: readonly (readonly number[])[], k: number): void {
  if (m.length !== k || m.some((row) => row.length !== k)) {
    throw new CorrelationError([], `a ${k} × ${k} matrix, one row and column per input`, `${m.length} rows of ${m.map((r) => r.length).join('/')} entries`);
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const x = m[i][j];
      if (i === j && !(Math.abs(x - 1) <= TOLERANCE)) throw new CorrelationError([i, j], '1 on the diagonal', String(x));
      if (!(x >= -1 && x <= 1)) throw new CorrelationError([i, j], 'a number from -1 to 1', String(x));
      if (!(Math.abs(x - m[j][i]) <= TOLERANCE)) throw new CorrelationError([i, j], `the same value as entry [${j}][${i}] (${m[j][i]})`, String(x));
    }
  }
  const failedAt = firstNonPositivePivot(m);
  if (failedAt !== undefined) {
    throw new CorrelationError(
      [],
      'a positive definite matrix (correlations that can hold together; |rho| = 1 is not allowed)',
      `one that is not (its first ${failedAt + 1} rows and columns already fail)`,
    );
  }
}
