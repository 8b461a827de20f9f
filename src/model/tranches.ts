/**
 * Developers' bid tranches in merit order. A tranche key is developer index * 2, plus 1 for the
 * inference tranche. Limit prices are fixed per developer, so the order only changes when
 * developers arrive or leave; keeping it sorted lets every month's clearing skip sorting thousands
 * of bids. The merit order is limit price descending, then key ascending.
 */
import { truncate } from './arrays.js';
import { createDeveloper } from './developer.js';
import type { Rng } from './random.js';
import type { DeveloperKind, MarketState } from './state.js';

/** Limit price of a tranche key (developer * 2 + 0 training, + 1 inference). */
export function trancheLimit(state: MarketState, key: number): number {
  const d = state.developers[key >> 1];
  return key & 1 ? d.wtpInference : d.wtpTraining;
}

/** True when tranche `a` (limit `la`) comes before tranche `b` (limit `lb`) in merit order. */
const before = (la: number, a: number, lb: number, b: number): boolean => la > lb || (la === lb && a < b);

const meritCompare = (state: MarketState) => (a: number, b: number) =>
  trancheLimit(state, b) - trancheLimit(state, a) || a - b;

/** Tranche keys of developers `from` onwards, sorted into merit order. */
function sortedKeys(state: MarketState, from: number): number[] {
  const keys: number[] = [];
  for (let i = from; i < state.developers.length; i++) keys.push(i * 2, i * 2 + 1);
  return keys.sort(meritCompare(state));
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
 * Brings the merit order up to date once a month, in place: tranches of developers who left are
 * dropped (they bid no more), and those of developers who arrived are merged in.
 */
export function updateTranches(state: MarketState, someLeft: boolean): void {
  if (someLeft) dropDeparted(state);
  const added = sortedKeys(state, state.tranchesThrough);
  state.tranchesThrough = state.developers.length;
  if (added.length > 0) mergeIn(state, added);
}

function dropDeparted(state: MarketState): void {
  const { trancheOrder: order, trancheLimits: limits, developers } = state;
  let k = 0;
  for (let i = 0; i < order.length; i++) {
    if (!developers[order[i] >> 1].active) continue;
    order[k] = order[i];
    limits[k] = limits[i];
    k++;
  }
  if (k === order.length) return;
  truncate(order, k);
  truncate(limits, k);
}

/** Merges sorted keys into the sorted order from the back, so nothing moves more than once. */
function mergeIn(state: MarketState, added: number[]): void {
  const { trancheOrder: order, trancheLimits: limits } = state;
  let i = order.length - 1;
  let j = added.length - 1;
  for (let n = 0; n < added.length; n++) {
    order.push(0);
    limits.push(0);
  }
  for (let k = order.length - 1; j >= 0; k--) {
    const key = added[j];
    const limit = trancheLimit(state, key);
    if (i >= 0 && before(limit, key, limits[i], order[i])) {
      order[k] = order[i];
      limits[k] = limits[i];
      i--;
    } else {
      order[k] = key;
      limits[k] = limit;
      j--;
    }
  }
}

/** Adds a developer to the market; its tranches join the merit order at the next `updateTranches`. */
export function addDeveloper(state: MarketState, kind: DeveloperKind, rng: Rng): void {
  const index = state.developers.length;
  state.developers.push(createDeveloper(state.scenario, kind, index, rng, state.view.spotRent));
}
