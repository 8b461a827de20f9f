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
 * merges. The carried form is canonical (a function of the exact value only), so `sumToJSON`
 * of equal sums is equal.
 *
 * Range: all finite doubles, subnormals included; NaN and ±Infinity are rejected. A sum whose exact
 * value is beyond the largest double rounds to ±Infinity, as IEEE rounding would; an exact zero is +0.
 * Cost: a few integer operations and three floating additions per value.
 */

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

/** JSON form: the exact value as sign and magnitude, `±Σ digits[i] · 2^(32 (offset + i) - 1074)`. */
export interface ExactSumJSON {
  format: 'exact-sum/1';
  negative: boolean;
  /** Index of the lowest nonzero chunk (0 when the sum is zero). */
  offset: number;
  /** Base-2^32 digits from the lowest to the highest nonzero chunk, each in [0, 2^32). */
  digits: number[];
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

/** Adds `from` into `into` exactly and returns `into`; `from` is left unchanged. */
export function mergeSums(into: ExactSum, from: ExactSum): ExactSum {
  const f = Float64Array.from(from.chunks);
  carryChunks(f);
  mergeSumWire(into, f, 0);
  return into;
}

/** Numbers per sum in the flat ("wire") form: its chunks, carried. */
export const SUM_WIRE_LENGTH = CHUNKS;

/** Writes `acc`, carried (its value does not change), into `out` from `at`. */
export function sumToWire(acc: ExactSum, out: Float64Array, at: number): void {
  carrySum(acc);
  out.set(acc.chunks, at);
}

/** Adds the sum that `sumToWire` wrote at `at` into `into`, exactly (as `mergeSums` would). */
export function mergeSumWire(into: ExactSum, wire: Float64Array, at: number): void {
  carrySum(into);
  // Both sides are carried (chunks in [0, 2^32), the top one a small signed carry), so every sum
  // of two chunks is an integer far below 2^53: exact.
  const c = into.chunks;
  for (let j = 0; j < CHUNKS; j++) c[j] += wire[at + j];
  carrySum(into);
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

/** The canonical JSON form (equal sums give deep-equal objects, whatever their history). */
export function sumToJSON(acc: ExactSum): ExactSumJSON {
  const { negative, digits: d } = magnitude(acc);
  let lo = 0;
  while (lo < CHUNKS && d[lo] === 0) lo++;
  if (lo === CHUNKS) return { format: 'exact-sum/1', negative: false, offset: 0, digits: [] };
  let hi = TOP;
  while (d[hi] === 0) hi--;
  return { format: 'exact-sum/1', negative, offset: lo, digits: Array.from(d.subarray(lo, hi + 1), (v) => v + 0) };
}

/** Rebuilds an accumulator from `sumToJSON` output; throws on a malformed object. */
export function sumFromJSON(json: ExactSumJSON): ExactSum {
  const bad = (why: string) => new TypeError(`exact sum JSON: ${why}`);
  if (json === null || typeof json !== 'object' || json.format !== 'exact-sum/1') throw bad('not an exact-sum/1 object');
  if (typeof json.negative !== 'boolean') throw bad('negative must be a boolean');
  if (!Array.isArray(json.digits)) throw bad('digits must be an array');
  const { offset, digits } = json;
  if (!Number.isInteger(offset) || offset < 0 || offset + digits.length > CHUNKS) throw bad('offset out of range');
  const acc = createExactSum();
  for (let i = 0; i < digits.length; i++) {
    const v = digits[i];
    const isTop = offset + i === TOP;
    if (!Number.isInteger(v) || v < 0 || (!isTop && v >= RADIX) || v > 2 ** 40) throw bad(`digit ${i} out of range`);
    acc.chunks[offset + i] = json.negative ? -v : v;
  }
  carrySum(acc);
  return acc;
}
