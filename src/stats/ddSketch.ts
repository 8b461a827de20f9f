/**
 * DDSketch (Masson, Rim & Lee, "DDSketch: a fast and fully-mergeable quantile sketch with
 * relative-error guarantees", VLDB 2019): quantiles with a relative accuracy α, in bounded memory,
 * with an exact merge.
 *
 * Method. With γ = (1 + α) / (1 - α), a value x > 0 goes to the bucket of key k = ceil(log_γ x),
 * which covers (γ^(k-1), γ^k]; a negative value goes to the same key of |x| in a separate store;
 * a value with |x| below `minIndexable` = γ · 2^-1022 (γ times the smallest normal double, as
 * in the reference implementation) counts as zero. Buckets hold integer counts, so
 * merging adds counts, which is exact, associative and commutative. The bucket of key k stands
 * for 2 γ^k / (1 + γ), which is within α of every value in the bucket.
 *
 * Rank rule (the reference implementation's `key_at_rank` with `lower = true`, sketches-py):
 * `sketchQuantile(s, q)` estimates the sorted sample's element of 0-based index floor(q · (n - 1)),
 * with q · (n - 1) computed in double precision, i.e. the lower quantile, without interpolation.
 * Index 0 and index n - 1 give the exact min and max; other estimates are clamped to [min, max].
 *
 * Guarantee. If x is that element, |estimate - x| <= α |x| (plus floating-point error in log and
 * pow of order 1e-13 relative), provided |x| >= minIndexable (else |estimate - x| < minIndexable)
 * and x's bucket was not collapsed (below).
 *
 * Bounded size. Each store keeps at most `maxBuckets` (default 2048) consecutive keys: when the
 * highest key of a store is K, every key below K - maxBuckets + 1 is counted in bucket
 * K - maxBuckets + 1 ("collapsing lowest", as the reference's CollapsingLowestDenseStore). Only
 * magnitudes below (largest magnitude of the same sign) / γ^(maxBuckets - 1) lose their accuracy:
 * they are reported as about that bound, i.e. too large in magnitude. With α = 0.005 and 2048
 * buckets the accurate range spans a factor γ^2047 ≈ 7.8e8 below the largest |x| of each sign.
 * The collapsed state is a function of the multiset of keys and of the highest key only, so it is
 * the same in any order of additions and merges. Counts are 32-bit: a bucket holding more than
 * 2^32 - 1 values throws. Memory: at most 2 · maxBuckets · 4 bytes of counts (16 KiB by default).
 *
 * Keys are computed with Math.log, which V8 implements in software (fdlibm), so they are the same
 * on every machine running the same Node version; shards to be merged should run the same Node.
 */

import { type Codec, defineCodec, type Encoded, reader } from './codec.js';

export const DEFAULT_ALPHA = 0.005;
export const DEFAULT_MAX_BUCKETS = 2048;
const MAX_COUNT = 0xffffffff;
const INITIAL_CAPACITY = 64;

/** Counts by key for one sign: `counts[i]` counts key `offset + i`; nonzero keys lie in [lo, hi]. */
export interface BucketStore {
  offset: number;
  counts: Uint32Array;
  /** Lowest and highest key holding a count (both nonzero); meaningless while `total` is 0. */
  lo: number;
  hi: number;
  total: number;
}

/** The sketch: plain and structured-clone safe. */
export interface DDSketch {
  alpha: number;
  maxBuckets: number;
  /** Derived from alpha: γ and 1 / ln γ. */
  gamma: number;
  multiplier: number;
  /** Values with |x| below γ · 2^-1022 count as zero. */
  minIndexable: number;
  positive: BucketStore;
  /** Negative values, by key of |x|. */
  negative: BucketStore;
  zeroCount: number;
  count: number;
  /** Exact extremes; +Infinity and -Infinity while empty. */
  min: number;
  max: number;
}

export interface DDSketchOptions {
  /** Relative accuracy, in [1e-6, 0.5]; default 0.005. */
  alpha?: number;
  /** Most buckets per sign, at least 2; default 2048. */
  maxBuckets?: number;
}

function emptyStore(): BucketStore {
  return { offset: 0, counts: new Uint32Array(0), lo: 0, hi: 0, total: 0 };
}

export function createDDSketch(options: DDSketchOptions = {}): DDSketch {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const maxBuckets = options.maxBuckets ?? DEFAULT_MAX_BUCKETS;
  if (!(alpha >= 1e-6 && alpha <= 0.5)) throw new RangeError(`DDSketch: alpha must be in [1e-6, 0.5], got ${alpha}`);
  if (!Number.isInteger(maxBuckets) || maxBuckets < 2 || maxBuckets > 1 << 20) {
    throw new RangeError(`DDSketch: maxBuckets must be an integer in [2, 2^20], got ${maxBuckets}`);
  }
  const gamma = (1 + alpha) / (1 - alpha);
  return {
    alpha,
    maxBuckets,
    gamma,
    multiplier: 1 / Math.log(gamma),
    minIndexable: gamma * 2 ** -1022,
    positive: emptyStore(),
    negative: emptyStore(),
    zeroCount: 0,
    count: 0,
    min: Infinity,
    max: -Infinity,
  };
}

/** Makes keys [lo, hi] addressable, keeping the counts there; counts outside [lo, hi] must be zero. */
function ensureRange(st: BucketStore, lo: number, hi: number, maxBuckets: number): void {
  const old = st.counts;
  if (old.length > 0 && lo >= st.offset && hi < st.offset + old.length) return;
  const needed = hi - lo + 1;
  const length = Math.min(maxBuckets, Math.max(needed, 2 * old.length, INITIAL_CAPACITY));
  const offset = lo - Math.floor((length - needed) / 2);
  const counts = new Uint32Array(length);
  const from = Math.max(st.offset, offset);
  const to = Math.min(st.offset + old.length, offset + length);
  if (to > from) counts.set(old.subarray(from - st.offset, to - st.offset), from - offset);
  st.counts = counts;
  st.offset = offset;
}

function storeAdd(st: BucketStore, key: number, n: number, maxBuckets: number): void {
  if (st.total === 0) {
    ensureRange(st, key, key, maxBuckets);
    st.lo = key;
    st.hi = key;
  } else if (key > st.hi) {
    // Raise the top; every key below the new floor collapses into the floor.
    const floor = key - maxBuckets + 1;
    let moved = 0;
    if (st.lo < floor) {
      const end = Math.min(st.hi, floor - 1);
      for (let k = st.lo; k <= end; k++) {
        moved += st.counts[k - st.offset];
        st.counts[k - st.offset] = 0;
      }
    }
    const lo = moved > 0 ? floor : st.lo;
    ensureRange(st, lo, key, maxBuckets);
    st.lo = lo;
    st.hi = key;
    if (moved > 0) bump(st, floor, moved);
  } else if (key < st.lo) {
    const floor = st.hi - maxBuckets + 1;
    if (key < floor) key = floor;
    if (key < st.lo) {
      ensureRange(st, key, st.hi, maxBuckets);
      st.lo = key;
    }
  }
  bump(st, key, n);
  st.total += n;
}

function bump(st: BucketStore, key: number, n: number): void {
  const i = key - st.offset;
  const c = st.counts[i] + n;
  if (c > MAX_COUNT) throw new RangeError('DDSketch: a bucket would exceed 2^32 - 1 values');
  st.counts[i] = c;
}

/** ceil(log_γ x) for x >= minIndexable; `| 0` makes a -0 key +0 (keys lie within ±2^29 for α >= 1e-6). */
const keyOf = (s: DDSketch, x: number): number => Math.ceil(Math.log(x) * s.multiplier) | 0;

/** Adds one finite value. Throws a RangeError on NaN or ±Infinity. */
export function addToSketch(s: DDSketch, value: number): void {
  if (value - value !== 0) throw new RangeError(`DDSketch: cannot add ${value}`);
  const x = value === 0 ? 0 : value; // -0 counts as +0, also in min and max
  s.count++;
  if (x < s.min) s.min = x;
  if (x > s.max) s.max = x;
  let st: BucketStore;
  let key: number;
  if (x >= s.minIndexable) {
    st = s.positive;
    key = keyOf(s, x);
  } else if (x <= -s.minIndexable) {
    st = s.negative;
    key = keyOf(s, -x);
  } else {
    s.zeroCount++;
    return;
  }
  // Fast path: a key inside the current range.
  if (key >= st.lo && key <= st.hi && st.total > 0) {
    const i = key - st.offset;
    const c = st.counts[i];
    if (c === MAX_COUNT) throw new RangeError('DDSketch: a bucket would exceed 2^32 - 1 values');
    st.counts[i] = c + 1;
    st.total++;
  } else {
    storeAdd(st, key, 1, s.maxBuckets);
  }
}

/** Adds every value of `values` (see `addToSketch`). */
export function addManyToSketch(s: DDSketch, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) addToSketch(s, values[i]);
}

/** Adds `counts[at + i]` to key `lo + i` for i in [0, n), where counts[at] and counts[at + n - 1] are nonzero. */
function mergeCounts(into: BucketStore, lo: number, counts: Uint32Array, at: number, n: number, maxBuckets: number): void {
  if (n === 0) return;
  const hi = lo + n - 1;
  if (into.total === 0 && n <= maxBuckets) {
    // Into an empty store (every chunk's first merge, every decode) the counts go over as they are.
    ensureRange(into, lo, hi, maxBuckets);
    into.counts.set(counts.subarray(at, at + n), lo - into.offset);
    let total = 0;
    for (let i = at; i < at + n; i++) total += counts[i];
    into.lo = lo;
    into.hi = hi;
    into.total = total;
    return;
  }
  // The highest key first, so that collapsing happens once.
  storeAdd(into, hi, counts[at + n - 1], maxBuckets);
  for (let i = 0; i < n - 1; i++) {
    const c = counts[at + i];
    if (c !== 0) storeAdd(into, lo + i, c, maxBuckets);
  }
}

/**
 * Adds `from` into `into` and returns `into`; `from` is left unchanged. The result equals the
 * sketch of the union of both samples. Throws if alpha or maxBuckets differ. It merges `from`
 * encoded, so that a sketch merges one way, whether it came from memory, a worker or a file.
 */
export function mergeSketches(into: DDSketch, from: DDSketch): DDSketch {
  mergeChecked([into], encodeSketches([from]));
  return into;
}

/**
 * The encoded form of a list of sketches of one alpha and maxBuckets (the bands' cells): a row of
 * `SKETCH_FIELDS` numbers per sketch (count, zeroCount, min, max, then the lowest key and the
 * number of keys of the positive and of the negative store) and every store's counts from its
 * lowest to its highest nonzero key, positive store first, one sketch after another. A few typed
 * arrays, not thousands of objects, whatever the number of sketches.
 */
export interface EncodedSketches extends Encoded {
  format: typeof SKETCHES_FORMAT;
  alpha: number;
  maxBuckets: number;
  /** How many sketches. */
  length: number;
  rows: Float64Array;
  counts: Uint32Array;
}

const SKETCHES_FORMAT = 'ddsketch-list/1';
const SKETCH_FIELDS = 8;
/** Keys lie within ±2^29 (see `keyOf`); anything beyond is not a key. */
const KEY_LIMIT = 2 ** 30;

const storeSpan = (st: BucketStore): number => (st.total === 0 ? 0 : st.hi - st.lo + 1);

function encodeStore(st: BucketStore, rows: Float64Array, field: number, counts: Uint32Array, at: number): number {
  const n = storeSpan(st);
  rows[field] = n === 0 ? 0 : st.lo;
  rows[field + 1] = n;
  if (n > 0) counts.set(st.counts.subarray(st.lo - st.offset, st.hi - st.offset + 1), at);
  return at + n;
}

function encodeSketches(list: DDSketch[]): EncodedSketches {
  const alpha = list[0]?.alpha ?? DEFAULT_ALPHA;
  const maxBuckets = list[0]?.maxBuckets ?? DEFAULT_MAX_BUCKETS;
  let total = 0;
  for (const s of list) {
    if (s.alpha !== alpha || s.maxBuckets !== maxBuckets) throw new RangeError('DDSketch: sketches encoded together must share alpha and maxBuckets');
    total += storeSpan(s.positive) + storeSpan(s.negative);
  }
  const rows = new Float64Array(list.length * SKETCH_FIELDS);
  const counts = new Uint32Array(total);
  let at = 0;
  list.forEach((s, i) => {
    const r = i * SKETCH_FIELDS;
    rows[r] = s.count;
    rows[r + 1] = s.zeroCount;
    rows[r + 2] = s.min;
    rows[r + 3] = s.max;
    at = encodeStore(s.positive, rows, r + 4, counts, at);
    at = encodeStore(s.negative, rows, r + 6, counts, at);
  });
  return { format: SKETCHES_FORMAT, alpha, maxBuckets, length: list.length, rows, counts };
}

/** Checks every row against the counts it claims; the merge relies on each store's end counts being nonzero. */
function checkSketches(e: unknown): asserts e is EncodedSketches {
  const f = reader(SKETCHES_FORMAT, e);
  const alpha = f.number('alpha');
  const maxBuckets = f.whole('maxBuckets');
  try {
    createDDSketch({ alpha, maxBuckets });
  } catch (err) {
    f.fail((err as Error).message);
  }
  const length = f.whole('length');
  const rows = f.f64('rows', length * SKETCH_FIELDS);
  const counts = f.u32('counts');
  const whole = (v: number) => Number.isSafeInteger(v) && v >= 0;
  let at = 0;
  const store = (i: number, lo: number, n: number, sign: string): number => {
    if (!whole(n) || n > maxBuckets) f.fail(`sketch ${i}: its ${sign} store spans ${n} keys, not 0 to ${maxBuckets}`);
    if (n === 0 ? lo !== 0 : !Number.isInteger(lo) || lo < -KEY_LIMIT || lo + n > KEY_LIMIT) f.fail(`sketch ${i}: its ${sign} store starts at key ${lo}, which is not a key`);
    if (at + n > counts.length) f.fail(`sketch ${i}: its ${sign} store runs past the end of counts`);
    if (n > 0 && (counts[at] === 0 || counts[at + n - 1] === 0)) f.fail(`sketch ${i}: its ${sign} store has a zero count at an end`);
    let total = 0;
    for (let k = at; k < at + n; k++) total += counts[k];
    at += n;
    return total;
  };
  for (let i = 0; i < length; i++) {
    const r = i * SKETCH_FIELDS;
    const [count, zeroCount, min, max] = [rows[r], rows[r + 1], rows[r + 2], rows[r + 3]];
    if (!whole(count) || !whole(zeroCount)) f.fail(`sketch ${i}: count ${count} and zeroCount ${zeroCount} must be whole numbers`);
    const stored = store(i, rows[r + 4], rows[r + 5], 'positive') + store(i, rows[r + 6], rows[r + 7], 'negative');
    if (count !== stored + zeroCount) f.fail(`sketch ${i}: its count ${count} is not its bucket counts plus zeroCount (${stored + zeroCount})`);
    if (count === 0 ? min !== Infinity || max !== -Infinity : !(Number.isFinite(min) && Number.isFinite(max) && min <= max)) {
      f.fail(`sketch ${i}: min ${min} and max ${max} do not fit its count ${count}`);
    }
  }
  if (at !== counts.length) f.fail(`counts holds ${counts.length - at} counts beyond the last sketch's`);
}

/** Merges `e`, which `checkSketches` passed, into `into`. */
function mergeChecked(into: DDSketch[], e: EncodedSketches): DDSketch[] {
  const { rows, counts } = e;
  if (e.length !== into.length) throw new RangeError(`DDSketch: ${e.length} encoded sketches cannot merge into ${into.length}`);
  if (into.some((s) => s.alpha !== e.alpha || s.maxBuckets !== e.maxBuckets)) throw new RangeError('DDSketch: cannot merge sketches with different alpha or maxBuckets');
  let at = 0;
  into.forEach((s, i) => {
    const r = i * SKETCH_FIELDS;
    const positive = rows[r + 5];
    const negative = rows[r + 7];
    mergeCounts(s.positive, rows[r + 4], counts, at, positive, s.maxBuckets);
    mergeCounts(s.negative, rows[r + 6], counts, at + positive, negative, s.maxBuckets);
    s.count += rows[r];
    s.zeroCount += rows[r + 1];
    s.min = Math.min(s.min, rows[r + 2]);
    s.max = Math.max(s.max, rows[r + 3]);
    at += positive + negative;
  });
  return into;
}

/** Lists of sketches (one alpha and maxBuckets for all), as the bands hold them. */
export const sketchesCodec: Codec<DDSketch[], EncodedSketches> = defineCodec({
  format: SKETCHES_FORMAT,
  encode: encodeSketches,
  check: checkSketches,
  empty: (e) => Array.from({ length: e.length }, () => createDDSketch({ alpha: e.alpha, maxBuckets: e.maxBuckets })),
  mergeChecked,
});

function resetStore(st: BucketStore): void {
  if (st.total > 0) st.counts.fill(0, st.lo - st.offset, st.hi - st.offset + 1);
  st.total = 0;
}

/** Empties `s` in place, keeping its bucket arrays for reuse; it is then equal to a new sketch. */
export function resetSketch(s: DDSketch): void {
  resetStore(s.positive);
  resetStore(s.negative);
  s.zeroCount = 0;
  s.count = 0;
  s.min = Infinity;
  s.max = -Infinity;
}

/**
 * The value a bucket stands for: (1 + α) γ^(k-1), which is 2 γ^k / (1 + γ), written so that it
 * cannot overflow below the largest double (an estimate above it is clamped to the exact max).
 */
function bucketValue(s: DDSketch, key: number): number {
  return Math.pow(s.gamma, key - 1) * (1 + s.alpha);
}

/**
 * The lower quantile: an estimate of the sorted sample's element of index floor(q · (n - 1)),
 * within relative error α (see the file comment). NaN when the sketch is empty.
 */
export function sketchQuantile(s: DDSketch, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`DDSketch: quantile must be in [0, 1], got ${q}`);
  if (s.count === 0) return NaN;
  const rank = q * (s.count - 1);
  // The first and last elements are known exactly.
  if (rank < 1) return s.min;
  if (rank >= s.count - 1) return s.max;
  const neg = s.negative;
  let estimate: number;
  if (rank < neg.total) {
    // Ascending values are descending keys of |x|.
    let cum = 0;
    let k = neg.hi;
    for (; k > neg.lo; k--) {
      cum += neg.counts[k - neg.offset];
      if (cum > rank) break;
    }
    estimate = -bucketValue(s, k);
  } else if (rank < neg.total + s.zeroCount) {
    estimate = 0;
  } else {
    const pos = s.positive;
    let cum = neg.total + s.zeroCount;
    let k = pos.lo;
    for (; k < pos.hi; k++) {
      cum += pos.counts[k - pos.offset];
      if (cum > rank) break;
    }
    estimate = bucketValue(s, k);
  }
  return Math.min(s.max, Math.max(s.min, estimate));
}

export const sketchCount = (s: DDSketch): number => s.count;
/** Exact smallest value added; NaN while empty. */
export const sketchMin = (s: DDSketch): number => (s.count === 0 ? NaN : s.min);
/** Exact largest value added; NaN while empty. */
export const sketchMax = (s: DDSketch): number => (s.count === 0 ? NaN : s.max);
