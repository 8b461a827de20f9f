/**
 * The little dense linear algebra Iman–Conover needs, for the k × k matrices of a handful of
 * uncertain inputs: plain arrays of rows, no library.
 */

/**
 * The lower-triangular L with L·Lᵀ = m (Cholesky–Banachiewicz), or undefined when m is not
 * (numerically) positive definite: a pivot at or below `tolerance` means it is singular or worse.
 */
export function cholesky(m: readonly (readonly number[])[], tolerance = 1e-12): number[][] | undefined {
  const k = m.length;
  const l = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i][j];
      for (let p = 0; p < j; p++) s -= l[i][p] * l[j][p];
      if (i === j) {
        if (!(s > tolerance)) return undefined;
        l[i][i] = Math.sqrt(s);
      } else {
        l[i][j] = s / l[j][j];
      }
    }
  }
  return l;
}

/** The inverse of a lower-triangular matrix with a non-zero diagonal, by forward substitution. */
export function invertLower(l: readonly (readonly number[])[]): number[][] {
  const k = l.length;
  const inv = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let c = 0; c < k; c++) {
    inv[c][c] = 1 / l[c][c];
    for (let i = c + 1; i < k; i++) {
      let s = 0;
      for (let p = c; p < i; p++) s -= l[i][p] * inv[p][c];
      inv[i][c] = s / l[i][i];
    }
  }
  return inv;
}

/** a·b for an n × m and an m × p matrix. */
export function multiply(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number[][] {
  const m = b.length;
  const p = m === 0 ? 0 : b[0].length;
  return a.map((row) => {
    const out = new Array<number>(p).fill(0);
    for (let q = 0; q < m; q++) {
      const x = row[q];
      if (x === 0) continue;
      for (let c = 0; c < p; c++) out[c] += x * b[q][c];
    }
    return out;
  });
}

export function transpose(a: readonly (readonly number[])[]): number[][] {
  if (a.length === 0) return [];
  return a[0].map((_, c) => a.map((row) => row[c]));
}

/** Pearson correlation matrix of the columns of an n × k table (n ≥ 2, no constant column). */
export function correlationOfColumns(rows: readonly (readonly number[])[]): number[][] {
  const n = rows.length;
  const k = n === 0 ? 0 : rows[0].length;
  const means = new Array<number>(k).fill(0);
  for (const row of rows) for (let j = 0; j < k; j++) means[j] += row[j] / n;
  const cov = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const row of rows) {
    for (let i = 0; i < k; i++) {
      const di = row[i] - means[i];
      for (let j = 0; j <= i; j++) cov[i][j] += di * (row[j] - means[j]);
    }
  }
  const out = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      const r = i === j ? 1 : cov[i][j] / Math.sqrt(cov[i][i] * cov[j][j]);
      out[i][j] = r;
      out[j][i] = r;
    }
  }
  return out;
}
