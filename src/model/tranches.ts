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
export function trancheLimit(state: MarketState, key: number): number {
  const d = state.developers[key >> 1];
  return (key & 1 ? d.wtpInference : d.wtpTraining) * d.wtpFunding;
}

/** True when tranche `a` (limit `la`) comes before tranche `b` (limit `lb`) in merit order. */
const before = (la: number, a: number, lb: number, b: number): boolean => la > lb || (la === lb && a < b);

/**
 * Tranche keys of the developers `repriced` (in index order, all below `from`) and of developers
 * `from` onwards, sorted into merit order.
 */
function sortedKeys(state: MarketState, from: number, repriced: readonly number[] = []): number[] {
  const keys: number[] = [];
  if (repriced.length === 0 && from >= state.developers.length) return keys;
  for (const i of repriced) keys.push(i * 2, i * 2 + 1);
  for (let i = from; i < state.developers.length; i++) keys.push(i * 2, i * 2 + 1);
  return meritSorted(state, keys);
}

/**
 * The tranche sort's work arrays. Shared by every run in the thread: a sort leaves nothing in them
 * that changes the next one's result.
 */
const TRANCHE_SORT = sortWork();

/**
 * Tranche `keys` (ascending) in merit order, as a new array: positions sorted by negated limit,
 * which breaks ties by position, that is by key.
 */
export function meritSorted(state: MarketState, keys: readonly number[]): number[] {
  const work = TRANCHE_SORT;
  const negated = (work.prices = room(work.prices, keys.length));
  const positions: number[] = [];
  for (let k = 0; k < keys.length; k++) {
    negated[k] = -trancheLimit(state, keys[k]);
    positions.push(k);
  }
  sortByPrice(positions, negated, work);
  const sorted: number[] = [];
  for (const k of positions) sorted.push(keys[k]);
  return sorted;
}

/** Sorts every developer's tranches; used once when the market is set up. */
export function sortTranches(state: MarketState): void {
  state.trancheOrder = sortedKeys(state, 0);
  // Pushed, not mapped: map() may hand back a holey array, which later months would trip over.
  state.trancheLimits = [];
  for (const key of state.trancheOrder) state.trancheLimits.push(trancheLimit(state, key));
  state.tranchesThrough = state.developers.length;
}

/**
 * Brings the merit order up to date once a month: tranches of developers who left are dropped
 * (they bid no more), those of developers whose limits changed (`repriced`: active, each marked
 * `repriced` once; the mark is cleared) are taken out, and they and those of developers who arrived
 * are merged in. One pass, into the spare arrays, which then change places with the order's.
 */
export function updateTranches(state: MarketState, someLeft: boolean, repriced: readonly number[]): void {
  const added = sortedKeys(state, state.tranchesThrough, repriced);
  state.tranchesThrough = state.developers.length;
  if (!someLeft && added.length === 0) return;
  const { trancheOrder: order, trancheLimits: limits, developers } = state;
  const outOrder = state.spareTrancheOrder;
  const outLimits = state.spareTrancheLimits;
  truncate(outOrder, 0);
  truncate(outLimits, 0);
  const addedLimits = added.map((key) => trancheLimit(state, key));
  let j = 0;
  for (let i = 0; i < order.length; i++) {
    const key = order[i];
    const d = developers[key >> 1];
    if (!d.active || d.repriced) continue;
    for (; j < added.length && before(addedLimits[j], added[j], limits[i], key); j++) {
      outOrder.push(added[j]);
      outLimits.push(addedLimits[j]);
    }
    outOrder.push(key);
    outLimits.push(limits[i]);
  }
  for (; j < added.length; j++) {
    outOrder.push(added[j]);
    outLimits.push(addedLimits[j]);
  }
  for (const i of repriced) developers[i].repriced = false;
  state.trancheOrder = outOrder;
  state.trancheLimits = outLimits;
  state.spareTrancheOrder = order;
  state.spareTrancheLimits = limits;
}

/** Adds a developer to the market; its tranches join the merit order at the next `updateTranches`. */
export function addDeveloper(state: MarketState, kind: DeveloperKind, rng: Rng): void {
  const index = state.developers.length;
  state.developers.push(createDeveloper(state.scenario, kind, index, rng, state.view.spotRent, state.developerColumns));
}
