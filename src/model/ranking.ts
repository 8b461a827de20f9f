/**
 * Sorting offer keys by price, then key, kept out of the economic rules. Last month's order is the
 * starting point: an insertion sort finishes it in a few moves when prices moved a little. When they
 * moved a lot (spot asks jump to the market and carry a pricing error, so that ranking is reshuffled
 * most months) a merge sort through reused buffers takes over. Both compare inline, with no
 * comparator function, which is most of their cost.
 */

import { room } from './arrays.js';

/** A ranking's work arrays and memory, reused from call to call. */
export interface SortWork {
  buffer: number[];
  /** Room for the prices of a sort whose caller has none at hand (the tranches' negated limits). */
  prices: Float64Array;
  /** The merge sort's copies of the prices being sorted. */
  values: Float64Array;
  spareValues: Float64Array;
}

export const sortWork = (): SortWork => ({ buffer: [], prices: new Float64Array(0), values: new Float64Array(0), spareValues: new Float64Array(0) });

/**
 * Sorts `keys` in place by (`price[key]`, key). The insertion sort gives up after `budget` moves
 * (by default one per key), and the merge sort starts afresh.
 */
export function sortByPrice(keys: number[], price: Float64Array, work: SortWork = sortWork(), budget = keys.length): void {
  if (insertionSort(keys, price, budget)) return;
  mergeSort(keys, price, work);
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
