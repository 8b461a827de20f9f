/**
 * Sorting offer keys by price, then key, kept out of the economic rules. Last month's order is the
 * starting point: an insertion sort finishes it in a few moves when prices moved a little. When they
 * moved a lot (spot asks jump to the market and carry a pricing error, so that ranking is reshuffled
 * most months) a merge sort through a reused buffer takes over, and a ranking whose last sort
 * needed it goes straight to the merge sort the next time. Both compare inline, with no comparator
 * function, which is most of their cost.
 */

/** A ranking's work arrays and memory, reused from call to call. */
export interface SortWork {
  buffer: number[];
  /** Room for the prices of a sort whose caller has none at hand (the tranches' negated limits). */
  prices: Float64Array;
  /** The last sort needed the merge sort. */
  reshuffled: boolean;
}

export const sortWork = (): SortWork => ({ buffer: [], prices: new Float64Array(0), reshuffled: false });

/** Sorts `keys` in place by (`price[key]`, key). */
export function sortByPrice(keys: number[], price: Float64Array, work: SortWork = sortWork()): void {
  if (!work.reshuffled && insertionSort(keys, price, keys.length)) return;
  work.reshuffled = mergeSort(keys, price, work.buffer);
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
 * Bottom-up merge sort (stable, so equal keys cannot occur out of order either). Returns whether
 * the keys were out of order: a ranking found in order goes back to the insertion sort.
 */
function mergeSort(keys: number[], price: Float64Array, buffer: number[]): boolean {
  const n = keys.length;
  let moved = false;
  for (let i = 1; i < n && !moved; i++) moved = before(price, keys[i], keys[i - 1]);
  if (!moved) return false;
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
  return true;
}
