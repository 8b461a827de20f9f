/**
 * Ranks and Spearman's rank correlation. Ties are broken by position (the earlier element gets
 * the lower rank) rather than averaged: Iman–Conover needs a strict order to reorder a column by,
 * and breaking ties by position keeps that order, and so every design, deterministic.
 */

/**
 * 0-based ranks of `values`, ties broken by index. The values are sorted by the engine's numeric
 * sort (a comparator costs a call per comparison, most of the time of a design of a million runs);
 * each value's rank is then where its run of equal values starts, plus how many of them came first.
 */
export function ranks(values: ArrayLike<number>): Int32Array {
  const n = values.length;
  // +0 for -0: they are equal values, and must tie rather than sort apart.
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[i] = values[i] + 0;
  sorted.sort();
  const earlier = new Int32Array(n);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const first = firstAtLeast(sorted, values[i] + 0);
    out[i] = first + earlier[first]++;
  }
  return out;
}

/** The first position in ascending `sorted` whose value is at least `x`. */
function firstAtLeast(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Spearman's rank correlation of two equally long samples: Pearson's correlation of their
 * ranks. Ties are averaged here (midranks), the textbook definition, since this is a measurement
 * and must not depend on the order the pairs are listed in.
 */
export function spearman(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError(`spearman: samples of different lengths (${a.length} and ${b.length})`);
  const ra = midranks(a);
  const rb = midranks(b);
  const n = a.length;
  const mean = (n - 1) / 2;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = ra[i] - mean;
    const db = rb[i] - mean;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return sab / Math.sqrt(saa * sbb);
}

function midranks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]] === values[order[i]]) j++;
    for (let q = i; q <= j; q++) out[order[q]] = (i + j) / 2;
    i = j + 1;
  }
  return out;
}
