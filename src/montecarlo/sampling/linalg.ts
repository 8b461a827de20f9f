/**
 * The little dense linear algebra Iman–Conover and calibration need, for the k × k matrices of a
 * handful of uncertain inputs: plain arrays of rows, no library.
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

/** l·x for a lower-triangular l. */
export function lowerTimes(l: readonly (readonly number[])[], x: readonly number[]): number[] {
  return l.map((row, i) => {
    let s = 0;
    for (let j = 0; j <= i; j++) s += row[j] * x[j];
    return s;
  });
}

/** y with l·y = b, l lower triangular (forward substitution). */
export function solveLower(l: readonly (readonly number[])[], b: readonly number[]): number[] {
  const y = new Array<number>(b.length);
  for (let i = 0; i < b.length; i++) {
    let s = b[i];
    for (let j = 0; j < i; j++) s -= l[i][j] * y[j];
    y[i] = s / l[i][i];
  }
  return y;
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

/** Pearson correlation matrix of k columns of n values each (n ≥ 2, no constant column). */
export function correlationOfColumnArrays(columns: readonly Float64Array[]): number[][] {
  const k = columns.length;
  const n = k === 0 ? 0 : columns[0].length;
  // Sums in row order, as over a table of rows: the same numbers to the last bit.
  const means = columns.map((col) => {
    let m = 0;
    for (let i = 0; i < n; i++) m += col[i] / n;
    return m;
  });
  const cov = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      const a = columns[i];
      const b = columns[j];
      let c = 0;
      for (let row = 0; row < n; row++) c += (a[row] - means[i]) * (b[row] - means[j]);
      cov[i][j] = c;
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
