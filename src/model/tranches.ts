/**
 * Developers' bid tranches in merit order. A tranche key is developer index * 2, plus 1 for the
 * inference tranche. Limit prices change only when developers arrive or leave, or when a
 * developer's funding runs short or is renewed; keeping the order sorted lets every month's clearing
 * skip sorting thousands of bids. The merit order is limit price descending, then key ascending.
 */
import { room, truncate } from './arrays.js';
import { sortByPrice, sortWork } from './ranking.js';
import { createDeveloper } from './developer.js';
import type { Rng } from './random.js';
import type { DeveloperKind, MarketState } from './state.js';

/** Limit price of a tranche key (developer * 2 + 0 training, + 1 inference). */
function trancheLimit(state: MarketState, key: number): number {
  const d = state.developers[key >> 1];
  return (key & 1 ? d.wtpInference : d.wtpTraining) * d.wtpFunding;
}

/** True when tranche `a` (limit `la`) comes before tranche `b` (limit `lb`) in merit order. */
const before = (la: number, a: number, lb: number, b: number): boolean => la > lb || (la === lb && a < b);

/**
 * Tranches being added to the merit order, sorted into it: their keys and limit prices. Shared by
 * every run in the thread, as the sort's work arrays are: each update fills them before reading them.
 */
const ADDED = { keys: [] as number[], limits: new Float64Array(0) as Float64Array, unsorted: [] as number[], positions: [] as number[] };

/** The tranche sort's work arrays (see `ADDED`). */
const TRANCHE_SORT = sortWork();

/**
 * The tranches of the developers `repriced` (in index order, all below `from`) and of developers
 * `from` onwards, in merit order, into `ADDED`; returns how many. Their positions are sorted by
 * negated limit, which breaks ties by position, that is by key.
 */
function sortAdded(state: MarketState, from: number, repriced: readonly number[]): number {
  const { unsorted: keys, positions } = ADDED;
  truncate(keys, 0);
  truncate(positions, 0);
  for (const i of repriced) keys.push(i * 2, i * 2 + 1);
  for (let i = from; i < state.developers.length; i++) keys.push(i * 2, i * 2 + 1);
  const n = keys.length;
  if (n === 0) return 0;
  const negated = (TRANCHE_SORT.prices = room(TRANCHE_SORT.prices, n));
  for (let k = 0; k < n; k++) {
    negated[k] = -trancheLimit(state, keys[k]);
    positions.push(k);
  }
  sortByPrice(positions, negated, TRANCHE_SORT);
  const sorted = ADDED.keys;
  const limits = (ADDED.limits = room(ADDED.limits, n));
  truncate(sorted, 0);
  for (let i = 0; i < n; i++) {
    const k = positions[i];
    sorted.push(keys[k]);
    limits[i] = -negated[k];
  }
  return n;
}

/** Sorts every developer's tranches; used once when the market is set up. */
export function sortTranches(state: MarketState): void {
  const n = sortAdded(state, 0, []);
  state.trancheOrder = Int32Array.from(ADDED.keys);
  state.trancheLimits = ADDED.limits.slice(0, n);
  state.trancheCount = n;
  state.spareTrancheOrder = new Int32Array(n);
  state.spareTrancheLimits = new Float64Array(n);
  state.trancheOut = new Uint8Array(state.developers.length);
  state.tranchesThrough = state.developers.length;
}

/**
 * Brings the merit order up to date once a month: tranches of the developers who `left` are dropped
 * (they bid no more), those of developers whose limits changed (`repriced`, active) are taken out,
 * and they and those of developers who arrived are merged in. One pass, into the spare arrays
 * (grown when they lack room), which then change places with the order's. The developers whose
 * tranches are taken out are marked in a byte per developer while it runs, which the pass reads in
 * place of every developer's record.
 */
export function updateTranches(state: MarketState, left: readonly number[], repriced: readonly number[]): void {
  const nAdded = sortAdded(state, state.tranchesThrough, repriced);
  state.tranchesThrough = state.developers.length;
  if (left.length === 0 && nAdded === 0) return;
  const { trancheOrder: order, trancheLimits: limits, trancheCount: n } = state;
  const { keys: added, limits: addedLimits } = ADDED;
  let outOrder = state.spareTrancheOrder;
  let outLimits = state.spareTrancheLimits;
  if (outOrder.length < n + nAdded) {
    const size = Math.max(n + nAdded, 2 * outOrder.length);
    outOrder = new Int32Array(size);
    outLimits = new Float64Array(size);
  }
  const out = (state.trancheOut = growBytes(state.trancheOut, state.developers.length));
  for (const i of left) out[i] = 1;
  for (const i of repriced) out[i] = 1;
  let m = 0;
  let j = 0;
  for (let i = 0; i < n; i++) {
    const key = order[i];
    if (out[key >> 1] === 1) continue;
    for (; j < nAdded && before(addedLimits[j], added[j], limits[i], key); j++, m++) {
      outOrder[m] = added[j];
      outLimits[m] = addedLimits[j];
    }
    outOrder[m] = key;
    outLimits[m++] = limits[i];
  }
  for (; j < nAdded; j++, m++) {
    outOrder[m] = added[j];
    outLimits[m] = addedLimits[j];
  }
  for (const i of left) out[i] = 0;
  for (const i of repriced) out[i] = 0;
  state.trancheOrder = outOrder;
  state.trancheLimits = outLimits;
  state.trancheCount = m;
  state.spareTrancheOrder = order;
  state.spareTrancheLimits = limits;
}

/** `a` if it holds at least `n` bytes, else a larger copy of it. */
function growBytes(a: Uint8Array, n: number): Uint8Array {
  if (a.length >= n) return a;
  const grown = new Uint8Array(Math.max(n, 2 * a.length));
  grown.set(a);
  return grown;
}

/** Adds a developer to the market; its tranches join the merit order at the next `updateTranches`. */
export function addDeveloper(state: MarketState, kind: DeveloperKind, rng: Rng): void {
  const index = state.developers.length;
  state.developers.push(createDeveloper(state.scenario, kind, index, rng, state.view.spotRent, state.developerColumns));
}
