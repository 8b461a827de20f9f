/**
 * Ranks and Spearman's rank correlation. Ties are broken by position (the earlier element gets
 * the lower rank) rather than averaged: Iman–Conover needs a strict order to reorder a column by,
 * and breaking ties by position keeps that order, and so every design, deterministic.
 */

/** 0-based ranks of `values`, ties broken by index. */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  const out = new Array<number>(values.length);
  order.forEach((idx, r) => {
    out[idx] = r;
  });
  return out;
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
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]] === values[order[i]]) j++;
    for (let q = i; q <= j; q++) out[order[q]] = (i + j) / 2;
    i = j + 1;
  }
  return out;
}
