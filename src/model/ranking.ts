/**
 * Sorting offer keys by price, then key, kept out of the economic rules. Last month's order is the
 * starting point: an insertion sort finishes it in a few moves when prices moved a little. When they
 * moved a lot (spot asks jump to the market and carry a pricing error, so that ranking is reshuffled
 * most months) the engine's own sort of 64-bit integers takes over: each price and its key packed
 * into one integer that orders as the pair does (see `packedSort`), several times faster than any
 * sort with a comparator. A merge sort through reused buffers is left for keys too large to pack.
 */

import { room } from './arrays.js';

/** A ranking's work arrays and memory, reused from call to call. */
export interface SortWork {
  buffer: number[];
  /** The packed sort's integers, and the same memory read as prices and as 32-bit halves. */
  packed: BigUint64Array;
  /** The first integers of `packed`, as many as the last packed sort sorted. */
  packedView: BigUint64Array;
  /**
   * Calls left that go straight to the packed sort: after an insertion sort gives up, the next
   * few calls (the same ranking, a month on) would most likely give up too.
   */
  skipInsertion: number;
  packedPrices: Float64Array;
  packedHalves: Uint32Array;
  /** Room for the prices of a sort whose caller has none at hand (the tranches' negated limits). */
  prices: Float64Array;
  /** The merge sort's copies of the prices being sorted. */
  values: Float64Array;
  spareValues: Float64Array;
}

export const sortWork = (): SortWork => ({
  buffer: [],
  packed: new BigUint64Array(0),
  packedView: new BigUint64Array(0),
  skipInsertion: 0,
  packedPrices: new Float64Array(0),
  packedHalves: new Uint32Array(0),
  prices: new Float64Array(0),
  values: new Float64Array(0),
  spareValues: new Float64Array(0),
});

/**
 * Sorts `keys` in place by (`price[key]`, key). The insertion sort gives up after `budget` moves
 * (by default one per key), and the packed or merge sort starts afresh; the next few calls with the
 * same work arrays then skip it. Every path gives the same order.
 */
export function sortByPrice(keys: number[], price: Float64Array, work: SortWork = sortWork(), budget = keys.length): void {
  if (work.skipInsertion > 0) work.skipInsertion--;
  else if (insertionSort(keys, price, budget)) return;
  else work.skipInsertion = SKIPPED_AFTER_GIVING_UP;
  if (LITTLE_ENDIAN && packedSort(keys, price, work)) return;
  mergeSort(keys, price, work);
}

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** Calls that skip the insertion sort after it gave up (see `SortWork.skipInsertion`). */
const SKIPPED_AFTER_GIVING_UP = 3;

/** Bits of a packed integer that hold the key; the rest hold the price's leading bits. */
const KEY_BITS = 20;
const KEY_MASK = (1 << KEY_BITS) - 1;

/**
 * Sorts by packing each key with its price into one unsigned 64-bit integer: the price's IEEE bits
 * made to order as the numbers do (negatives' bits inverted, positives' sign bit set), their lowest
 * KEY_BITS replaced by the key. Integers then order as (price, key) pairs do, except where two prices
 * differ only in those dropped bits (a relative 2^-32): a final insertion pass with the exact
 * comparison puts such neighbours right, so the result is the exact order whatever the prices. False
 * (nothing changed) when a key does not fit.
 */
function packedSort(keys: number[], price: Float64Array, work: SortWork): boolean {
  const n = keys.length;
  if (work.packed.length < n) {
    const buffer = new ArrayBuffer(8 * Math.max(n, 2 * work.packed.length));
    work.packed = new BigUint64Array(buffer);
    work.packedView = work.packed.subarray(0, 0);
    work.packedPrices = new Float64Array(buffer);
    work.packedHalves = new Uint32Array(buffer);
  }
  const { packedPrices: prices, packedHalves: halves } = work;
  for (let i = 0; i < n; i++) {
    if (keys[i] > KEY_MASK) return false;
    prices[i] = price[keys[i]];
  }
  for (let i = 0, lo = 0; i < n; i++, lo += 2) {
    const high = halves[lo + 1];
    const negative = high >>> 31 === 1;
    halves[lo + 1] = negative ? ~high : high | 0x80000000;
    halves[lo] = ((negative ? ~halves[lo] : halves[lo]) & ~KEY_MASK) | keys[i];
  }
  if (work.packedView.length !== n) work.packedView = work.packed.subarray(0, n);
  work.packedView.sort();
  for (let i = 0; i < n; i++) keys[i] = halves[2 * i] & KEY_MASK;
  insertionSort(keys, price, Infinity);
  return true;
}

/** Whether key `a` at price `pa` goes before key `b` at price `pb`. */
const lower = (pa: number, a: number, pb: number, b: number): boolean => pa < pb || (pa === pb && a < b);

const before = (price: Float64Array, a: number, b: number): boolean => lower(price[a], a, price[b], b);

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

/** Runs this long are sorted by insertion before the merging starts. */
const RUN = 8;

/**
 * Bottom-up merge sort (stable, so equal keys cannot occur out of order either), on the keys and a
 * copy of their prices side by side: comparing prices read in order costs far less than looking up
 * each key's.
 */
function mergeSort(keys: number[], price: Float64Array, work: SortWork): void {
  const n = keys.length;
  work.values = room(work.values, n);
  work.spareValues = room(work.spareValues, n);
  const { buffer } = work;
  while (buffer.length < n) buffer.push(0);
  let k0 = keys;
  let v0 = work.values;
  for (let i = 0; i < n; i++) v0[i] = price[keys[i]];
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo + 1; i < hi; i++) {
      const x = k0[i];
      const v = v0[i];
      let j = i - 1;
      for (; j >= lo && lower(v, x, v0[j], k0[j]); j--) {
        k0[j + 1] = k0[j];
        v0[j + 1] = v0[j];
      }
      k0[j + 1] = x;
      v0[j + 1] = v;
    }
  }
  let k1 = buffer;
  let v1 = work.spareValues;
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (lower(v0[j], k0[j], v0[i], k0[i])) {
          k1[k] = k0[j];
          v1[k++] = v0[j++];
        } else {
          k1[k] = k0[i];
          v1[k++] = v0[i++];
        }
      }
      for (; i < mid; i++, k++) {
        k1[k] = k0[i];
        v1[k] = v0[i];
      }
      for (; j < hi; j++, k++) {
        k1[k] = k0[j];
        v1[k] = v0[j];
      }
    }
    const k = k0;
    k0 = k1;
    k1 = k;
    const v = v0;
    v0 = v1;
    v1 = v;
  }
  if (k0 !== keys) for (let i = 0; i < n; i++) keys[i] = k0[i];
}
