/**
 * An exact, order-independent sum of doubles (a "superaccumulator"), for means that must come out
 * bit-identical however a batch is split into shards and merged.
 *
 * Method. Every finite double is an integer multiple of 2^-1074 (the smallest subnormal), and every
 * finite double is below 2^1024, so the exact sum of any multiset of doubles is an integer number of
 * units u = 2^-1074 with at most ~2100 + log2(n) bits. That integer is held in base 2^32: chunk j
 * weighs 2^(32 j) units. A double x = ±M · 2^q (M < 2^53, q >= -1074) is M · 2^s units shifted by
 * j = floor((q + 1074) / 32) chunks, with s = (q + 1074) mod 32; M · 2^s < 2^84 splits, with 32-bit
 * integer operations on the IEEE bit pattern, into three digits d0, d1, d2 < 2^32 that are added
 * (or subtracted) into chunks j, j+1, j+2. Each chunk is a double holding an integer; it stays
 * exact as long as it is below 2^53 in magnitude, so after at most 2^19 additions the accumulator
 * propagates carries (every chunk back into [0, 2^32), the top one keeping the sign). No sum is ever
 * rounded until `sumValue`, which rounds the exact integer once, to nearest with ties to even, so
 * the result is the correctly rounded exact sum, whatever the order and grouping of additions and
 * merges. The carried form is canonical (a function of the exact value only), so the encodings
 * of equal sums are equal.
 *
 * Range: all finite doubles, subnormals included; NaN and ±Infinity are rejected. A sum whose exact
 * value is beyond the largest double rounds to ±Infinity, as IEEE rounding would; an exact zero is +0.
 * Cost: a few integer operations and three floating additions per value.
 */

import { type Codec, defineCodec, type Encoded, reader } from './codec.js';

/** Chunks 0..65 receive digits directly (the largest double reaches chunk 65); 66 and 67 take carries. */
const CHUNKS = 68;
const TOP = CHUNKS - 1;
const RADIX = 4294967296; // 2^32
const TWO52 = 4503599627370496; // 2^52
const TWO53 = 9007199254740992; // 2^53
/**
 * Additions between carry propagations. Each adds a digit below 2^32 to a chunk that starts below
 * 2^32 after carrying, so chunks stay below 2^32 + 2^19 · 2^32 < 2^52: exact, with room for merges.
 */
const CARRY_EVERY = 1 << 19;

// Scratch space to read and write IEEE-754 bit patterns.
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = LITTLE_ENDIAN ? 1 : 0;

/** The accumulator: plain and structured-clone safe. */
export interface ExactSum {
  /** Chunk j holds an integer count of 2^(32 j - 1074); the value is the sum of chunk · weight. */
  chunks: Float64Array;
  /** Additions since the last carry propagation. */
  pending: number;
}

export function createExactSum(): ExactSum {
  return { chunks: new Float64Array(CHUNKS), pending: 0 };
}

/** Adds one finite double exactly. Throws a RangeError on NaN or ±Infinity. */
export function addToSum(acc: ExactSum, x: number): void {
  F64[0] = x;
  const hiWord = U32[HI];
  const loWord = U32[LO];
  const biased = (hiWord >>> 20) & 0x7ff;
  if (biased === 0x7ff) throw new RangeError(`exact sum: cannot add ${x}`);
  // Integer mantissa M = mantHi · 2^32 + loWord; x = ±M · 2^(max(biased, 1) - 1075).
  const mantHi = biased === 0 ? hiWord & 0xfffff : (hiWord & 0xfffff) | 0x100000;
  const position = biased === 0 ? 0 : biased - 1; // q + 1074
  const j = position >>> 5;
  const s = position & 31;
  let d0: number;
  let d1: number;
  let d2: number;
  if (s === 0) {
    d0 = loWord;
    d1 = mantHi;
    d2 = 0;
  } else {
    d0 = (loWord << s) >>> 0;
    d1 = ((mantHi << s) | (loWord >>> (32 - s))) >>> 0;
    d2 = mantHi >>> (32 - s);
  }
  const c = acc.chunks;
  if (hiWord >>> 31 === 0) {
    c[j] += d0;
    c[j + 1] += d1;
    c[j + 2] += d2;
  } else {
    c[j] -= d0;
    c[j + 1] -= d1;
    c[j + 2] -= d2;
  }
  if (++acc.pending >= CARRY_EVERY) carrySum(acc);
}

/** Adds every value of `values` (see `addToSum`). */
export function addManyToSum(acc: ExactSum, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) addToSum(acc, values[i]);
}

/** Propagates carries in place: chunks 0..TOP-1 into [0, 2^32), the top chunk signed. */
function carryChunks(c: Float64Array): void {
  let carry = 0;
  for (let j = 0; j < TOP; j++) {
    const v = c[j] + carry;
    carry = Math.floor(v / RADIX);
    c[j] = v - carry * RADIX + 0; // + 0 turns a -0 into +0
  }
  c[TOP] += carry;
}

/** Brings the accumulator into its canonical carried form; its value does not change. */
export function carrySum(acc: ExactSum): void {
  carryChunks(acc.chunks);
  acc.pending = 0;
}

/** Adds `from` into `into` exactly and returns `into`; `from` is left unchanged. Merges `from` encoded, as every path does. */
export function mergeSums(into: ExactSum, from: ExactSum): ExactSum {
  mergeChecked([into], encodeSums([from]));
  return into;
}

/** Empties `acc` in place. */
export function resetSum(acc: ExactSum): void {
  acc.chunks.fill(0);
  acc.pending = 0;
}

/** The exact value as sign and carried magnitude digits (each in [0, 2^32), top one unbounded). */
function magnitude(acc: ExactSum): { negative: boolean; digits: Float64Array } {
  const d = Float64Array.from(acc.chunks);
  carryChunks(d);
  const negative = d[TOP] < 0;
  if (negative) {
    for (let j = 0; j < CHUNKS; j++) d[j] = -d[j];
    carryChunks(d);
  }
  return { negative, digits: d };
}

function fromBits(hiWord: number, loWord: number): number {
  U32[HI] = hiWord;
  U32[LO] = loWord;
  return F64[0];
}

/** The exact sum rounded once to the nearest double, ties to even (±Infinity beyond the range). */
export function sumValue(acc: ExactSum): number {
  const { negative, digits: d } = magnitude(acc);
  let h = TOP;
  while (h >= 0 && d[h] === 0) h--;
  if (h < 0) return 0;
  const sign = negative ? 0x80000000 : 0;
  if (h >= 66) return negative ? -Infinity : Infinity; // at least 2^(32 * 66 - 1074) = 2^1038
  const top = d[h] >>> 0;
  // Bit position (in units of 2^-1074) of the leading one.
  let lead = 32 * h + 31 - Math.clz32(top);
  if (lead < 52) {
    // Below 2^-1022: the exact value is a subnormal (or the smallest normal), representable as is.
    return fromBits((sign | (d[1] >>> 0)) >>> 0, d[0] >>> 0);
  }
  // A 96-bit window of the three highest chunks, shifted so that the leading one is its top bit.
  let a = top;
  let b = h >= 1 ? d[h - 1] >>> 0 : 0;
  let c = h >= 2 ? d[h - 2] >>> 0 : 0;
  let sticky = 0;
  for (let j = 0; j < h - 2; j++) if (d[j] !== 0) sticky = 1;
  const shift = Math.clz32(a);
  if (shift > 0) {
    a = ((a << shift) | (b >>> (32 - shift))) >>> 0;
    b = ((b << shift) | (c >>> (32 - shift))) >>> 0;
    c = (c << shift) >>> 0;
  }
  // 53 significant bits: all of a and the top 21 bits of b; then the guard bit and the rest.
  let m = a * 2097152 + (b >>> 11);
  const guard = (b >>> 10) & 1;
  if ((b & 0x3ff) !== 0 || c !== 0) sticky = 1;
  if (guard === 1 && (sticky === 1 || (b >>> 11) % 2 === 1)) m += 1;
  if (m === TWO53) {
    m = TWO52;
    lead += 1;
  }
  const exponent = lead - 51; // biased exponent: value = m · 2^(lead - 52 - 1074)
  if (exponent >= 2047) return negative ? -Infinity : Infinity;
  const frac = m - TWO52;
  const fracHi = Math.floor(frac / RADIX);
  return fromBits((sign | (exponent << 20) | fracHi) >>> 0, (frac - fracHi * RADIX) >>> 0);
}

/**
 * The encoded form of a list of sums: each sum's exact value in sign and magnitude, a row of
 * `SUM_FIELDS` numbers (1 if negative else 0, the index of its lowest nonzero chunk, its number of
 * chunks up to the highest nonzero one) and those chunks' base-2^32 digits, one sum after another.
 * A sum of doubles of similar magnitude spans a few chunks, not the accumulator's 68.
 */
export interface EncodedSums extends Encoded {
  format: typeof SUMS_FORMAT;
  /** How many sums. */
  length: number;
  rows: Float64Array;
  digits: Float64Array;
}

const SUMS_FORMAT = 'exact-sum-list/1';
const SUM_FIELDS = 3;
/** The top chunk takes every carry, so its digit may pass 2^32; 2^40 is far above what 2^32 sums of doubles reach. */
const TOP_DIGIT_LIMIT = 2 ** 40;

function encodeSums(list: ExactSum[]): EncodedSums {
  const rows = new Float64Array(list.length * SUM_FIELDS);
  const parts: Float64Array[] = [];
  let total = 0;
  list.forEach((acc, i) => {
    // Carried in place (its value does not change), a sum of 0 or more is its own magnitude: only a negative one is copied.
    carrySum(acc);
    const negative = acc.chunks[TOP] < 0;
    const d = negative ? magnitude(acc).digits : acc.chunks;
    let lo = 0;
    while (lo < CHUNKS && d[lo] === 0) lo++;
    if (lo === CHUNKS) return;
    let hi = TOP;
    while (d[hi] === 0) hi--;
    rows.set([negative ? 1 : 0, lo, hi - lo + 1], i * SUM_FIELDS);
    parts.push(d.subarray(lo, hi + 1));
    total += hi - lo + 1;
  });
  const digits = new Float64Array(total);
  let at = 0;
  for (const p of parts) {
    digits.set(p, at);
    at += p.length;
  }
  return { format: SUMS_FORMAT, length: list.length, rows, digits };
}

function checkSums(e: unknown): asserts e is EncodedSums {
  const f = reader(SUMS_FORMAT, e);
  const length = f.whole('length');
  const rows = f.f64('rows', length * SUM_FIELDS);
  const digits = f.f64('digits');
  let at = 0;
  for (let i = 0; i < length; i++) {
    const [negative, lo, n] = rows.subarray(i * SUM_FIELDS, (i + 1) * SUM_FIELDS);
    const zero = n === 0 && lo === 0 && negative === 0;
    if (!zero && !(Number.isInteger(lo) && Number.isInteger(n) && lo >= 0 && n >= 1 && lo + n <= CHUNKS && (negative === 0 || negative === 1))) {
      f.fail(`sum ${i}: sign ${negative}, first chunk ${lo} and ${n} chunks are not a sum's`);
    }
    if (at + n > digits.length) f.fail(`sum ${i} runs past the end of digits`);
    for (let k = 0; k < n; k++) {
      const v = digits[at + k];
      const limit = lo + k === TOP ? TOP_DIGIT_LIMIT : RADIX - 1;
      if (!(Number.isInteger(v) && v >= 0 && v <= limit)) f.fail(`sum ${i}: digit ${k} is ${v}, not a whole number from 0 to ${limit}`);
    }
    if (n > 0 && (digits[at] === 0 || digits[at + n - 1] === 0)) f.fail(`sum ${i} has a zero digit at an end`);
    at += n;
  }
  if (at !== digits.length) f.fail(`digits holds ${digits.length - at} digits beyond the last sum's`);
}

/** Adds the sums of `e`, which `checkSums` passed, into `into`, exactly (as `mergeSums` would). */
function mergeChecked(into: ExactSum[], e: EncodedSums): ExactSum[] {
  const { rows, digits } = e;
  if (e.length !== into.length) throw new RangeError(`exact sum: ${e.length} encoded sums cannot merge into ${into.length}`);
  let at = 0;
  into.forEach((acc, i) => {
    const n = rows[i * SUM_FIELDS + 2];
    if (n === 0) return;
    const sign = rows[i * SUM_FIELDS] === 1 ? -1 : 1;
    const lo = rows[i * SUM_FIELDS + 1];
    // `acc` carried has chunks in [0, 2^32) (the top one a small signed carry); adding a digit in
    // (-2^32, 2^32) (or up to 2^40 at the top) keeps every chunk an exact integer.
    carrySum(acc);
    for (let k = 0; k < n; k++) acc.chunks[lo + k] += sign * digits[at + k];
    carrySum(acc);
    at += n;
  });
  return into;
}

/** Lists of sums, as the bands hold them. */
export const sumsCodec: Codec<ExactSum[], EncodedSums> = defineCodec({
  format: SUMS_FORMAT,
  encode: encodeSums,
  check: checkSums,
  empty: (e) => Array.from({ length: e.length }, createExactSum),
  mergeChecked,
});
