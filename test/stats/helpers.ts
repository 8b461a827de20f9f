/** Seeded samples and exact reference computations for the stats tests. */

/** mulberry32: a small seeded uniform generator on [0, 1). */
export function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function normal(seed: number): () => number {
  const u = uniform(seed);
  return () => {
    const u1 = 1 - u();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u());
  };
}

export function sample(n: number, draw: () => number): number[] {
  return Array.from({ length: n }, draw);
}

/** The lower quantile by DDSketch's rank rule: the sorted sample's element of index floor(q (n - 1)). */
export function lowerQuantile(sorted: readonly number[], q: number): number {
  return sorted[Math.floor(q * (sorted.length - 1))];
}

export const ascending = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);

/** Splits `xs` into parts at the given cut points (any numbers; used modulo the length). */
export function splitAt<T>(xs: readonly T[], cuts: readonly number[]): T[][] {
  const points = [...new Set(cuts.map((c) => (xs.length === 0 ? 0 : c % (xs.length + 1))))].sort((a, b) => a - b);
  const parts: T[][] = [];
  let from = 0;
  for (const p of points) {
    parts.push(xs.slice(from, p));
    from = p;
  }
  parts.push(xs.slice(from));
  return parts;
}

/** Reorders `xs` by sorting on the given keys (a permutation drawn by fast-check). */
export function permute<T>(xs: readonly T[], keys: readonly number[]): T[] {
  return xs
    .map((x, i) => ({ x, k: keys[i % Math.max(1, keys.length)] ?? 0, i }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map((e) => e.x);
}

// --- exact sums with BigInt, in units of 2^-1074 ---

const view = new DataView(new ArrayBuffer(8));

/** A finite double as an exact integer number of 2^-1074 units. */
export function toUnits(x: number): bigint {
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  const mant = biased === 0 ? frac : frac | (1n << 52n);
  const shift = BigInt(biased === 0 ? 0 : biased - 1);
  const units = mant << shift;
  return negative ? -units : units;
}

const bitLength = (a: bigint): number => (a === 0n ? 0 : a.toString(2).length);

/**
 * Rounds an exact integer number of 2^-1074 units to the nearest double, ties to even, relying on
 * Number(bigint), which the language defines as correctly rounded.
 */
export function unitsToDouble(s: bigint): number {
  if (s === 0n) return 0;
  const negative = s < 0n;
  const a = negative ? -s : s;
  const len = bitLength(a);
  let r: number;
  if (len <= 64) {
    // Exact below 2^53 (subnormals included); otherwise rounded once, and the scaling is exact.
    r = Number(a) * Number.MIN_VALUE;
  } else {
    const sh = len - 64;
    const sticky = (a & ((1n << BigInt(sh)) - 1n)) === 0n ? 0n : 1n;
    const t = Number((a >> BigInt(sh)) | sticky);
    const e = sh - 1074;
    const e1 = Math.trunc(e / 2);
    r = t * 2 ** e1 * 2 ** (e - e1);
  }
  return negative ? -r : r;
}

export const exactRoundedSum = (xs: readonly number[]): number => unitsToDouble(xs.reduce((s, x) => s + toUnits(x), 0n));
