/**
 * Sorting offer keys by price, then key, kept out of the economic rules. Last month's order is the
 * starting point: an insertion sort finishes it in a few moves when prices moved a little. When they
 * moved a lot (spot asks jump to the market and carry a pricing error, so that ranking is reshuffled
 * most months) a merge sort takes over, and a ranking whose last sort needed it skips the insertion
 * sort's attempt.
 *
 * The merge sort runs on the prices themselves, each carrying its key in the low bits of its
 * mantissa: one contiguous array of plain numbers compared with `<`, instead of keys compared
 * through a lookup of their prices. Two prices that differ only in those bits would then be ordered
 * by key, so the result is checked pair by pair against the true prices, and where that fails (or
 * a price is negative or not finite) the keys are sorted by a merge sort that compares the prices
 * themselves. Either way the result is the one order by (price, key).
 */

/** A ranking's work arrays and memory, reused from call to call. */
export interface SortWork {
  /** Prices with keys in their low bits; `bits` views the same memory as 32-bit words. */
  packed: Float64Array;
  bits: Uint32Array;
  spare: Float64Array;
  buffer: number[];
  /** The last sort needed the merge sort: the next one starts there. */
  reshuffled: boolean;
}

export const sortWork = (): SortWork => ({ packed: new Float64Array(0), bits: new Uint32Array(0), spare: new Float64Array(0), buffer: [], reshuffled: false });

/** Index of a number's low 32-bit word in a Uint32Array over a Float64Array (the platform's byte order). */
const LOW = new Uint32Array(Float64Array.of(1).buffer)[0] === 0 ? 0 : 1;

/** Sorts `keys` in place by (`price[key]`, key). Keys are non-negative integers below 2^31. */
export function sortByPrice(keys: number[], price: Float64Array, work: SortWork = sortWork()): void {
  if (!work.reshuffled && insertionSort(keys, price, keys.length)) return;
  work.reshuffled = true;
  if (!packedSort(keys, price, work)) mergeSort(keys, price, work.buffer);
}

const before = (price: Float64Array, a: number, b: number): boolean => price[a] < price[b] || (price[a] === price[b] && a < b);

/** Insertion sort; gives up (false) after `budget` moves, leaving `keys` a permutation of itself. */
function insertionSort(keys: number[], price: Float64Array, budget: number): boolean {
  let moves = 0;
  for (let i = 1; i < keys.length; i++) {
    const x = keys[i];
    let j = i - 1;
    for (; j >= 0; j--) {
      const y = keys[j];
      if (before(price, y, x)) break;
      keys[j + 1] = y;
    }
    keys[j + 1] = x;
    moves += i - 1 - j;
    if (moves > budget) return false;
  }
  return true;
}

/**
 * The merge sort on packed prices. False, with `keys` still a permutation of itself, when a price
 * cannot be packed or two packed prices came out in the wrong order. A ranking that was already
 * in order goes back to trying the insertion sort next time.
 */
function packedSort(keys: number[], price: Float64Array, work: SortWork): boolean {
  const n = keys.length;
  let maxKey = 0;
  for (let i = 0; i < n; i++) {
    const p = price[keys[i]];
    // Not `p >= 0`: -0 has its sign bit set and would pack below every positive price.
    if (!(p > 0 || (p === 0 && 1 / p > 0)) || p === Infinity) return false;
    if (keys[i] > maxKey) maxKey = keys[i];
  }
  if (work.packed.length < n) {
    const size = Math.max(n, 2 * work.packed.length);
    work.packed = new Float64Array(size);
    work.bits = new Uint32Array(work.packed.buffer);
    work.spare = new Float64Array(size);
  }
  const { packed, bits } = work;
  const mask = maxKey === 0 ? 0 : 0xffffffff >>> Math.clz32(maxKey);
  let inOrder = true;
  for (let i = 0; i < n; i++) {
    packed[i] = price[keys[i]];
    bits[2 * i + LOW] = (bits[2 * i + LOW] & ~mask) | keys[i];
    if (i > 0 && packed[i] < packed[i - 1]) inOrder = false;
  }
  if (!inOrder) mergeSortNumbers(packed, work.spare, n);
  for (let i = 0; i < n; i++) keys[i] = bits[2 * i + LOW] & mask;
  for (let i = 1; i < n; i++) if (!before(price, keys[i - 1], keys[i])) return false;
  work.reshuffled = !inOrder;
  return true;
}

/** Runs this long are sorted by insertion before the merging starts. */
const RUN = 8;

/** Sorts `a[0..n)` ascending, with `spare` as the other half of the merge. */
function mergeSortNumbers(a: Float64Array, spare: Float64Array, n: number): void {
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo + 1; i < hi; i++) {
      const x = a[i];
      let j = i - 1;
      for (; j >= lo && a[j] > x; j--) a[j + 1] = a[j];
      a[j + 1] = x;
    }
  }
  let from = a;
  let to = spare;
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) to[k++] = from[j] < from[i] ? from[j++] : from[i++];
      while (i < mid) to[k++] = from[i++];
      while (j < hi) to[k++] = from[j++];
    }
    const t = from;
    from = to;
    to = t;
  }
  if (from !== a) a.set(from.subarray(0, n));
}

/** Bottom-up merge sort of keys by (price, key) (stable, so equal keys cannot occur out of order either). */
function mergeSort(keys: number[], price: Float64Array, buffer: number[]): void {
  const n = keys.length;
  while (buffer.length < n) buffer.push(0);
  let from = keys;
  let to = buffer;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) to[k++] = before(price, from[j], from[i]) ? from[j++] : from[i++];
      while (i < mid) to[k++] = from[i++];
      while (j < hi) to[k++] = from[j++];
    }
    const t = from;
    from = to;
    to = t;
  }
  if (from !== keys) for (let i = 0; i < n; i++) keys[i] = from[i];
}
