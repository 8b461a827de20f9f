/**
 * Developers' bid tranches in merit order. A tranche key is developer index * 2, plus 1 for the
 * inference tranche. Limit prices are fixed per developer, so the order only changes when
 * developers arrive; keeping it sorted lets every month's clearing skip sorting thousands of bids.
 */
import { createDeveloper } from './developer.js';
import type { Rng } from './random.js';
import type { DeveloperKind, MarketState } from './state.js';

/** Limit price of a tranche key (developer * 2 + 0 training, + 1 inference). */
export function trancheLimit(state: MarketState, key: number): number {
  const d = state.developers[key >> 1];
  return key & 1 ? d.wtpInference : d.wtpTraining;
}

/** Limits of the merit-ordered tranches, aligned with `state.trancheOrder`. */
function refreshLimits(state: MarketState): void {
  state.trancheLimits = state.trancheOrder.map((key) => trancheLimit(state, key));
}

/** Puts new developers' tranches into the merit-ordered list by binary search. */
function insertTranches(state: MarketState, developerIndex: number): void {
  const order = state.trancheOrder;
  for (const key of [developerIndex * 2, developerIndex * 2 + 1]) {
    const limit = trancheLimit(state, key);
    let lo = 0;
    let hi = order.length;
    const limits = state.trancheLimits;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = limits[mid];
      if (m > limit || (m === limit && order[mid] < key)) lo = mid + 1;
      else hi = mid;
    }
    order.splice(lo, 0, key);
    limits.splice(lo, 0, limit);
  }
}


const meritCompare = (state: MarketState) => (a: number, b: number) =>
  trancheLimit(state, b) - trancheLimit(state, a) || a - b;

/** Sorts every developer's tranches; used once when the market is set up. */
export function sortTranches(state: MarketState): void {
  const keys: number[] = [];
  for (const d of state.developers) keys.push(d.index * 2, d.index * 2 + 1);
  state.trancheOrder = keys.sort(meritCompare(state));
  refreshLimits(state);
}

/** Adds a developer to the market and its tranches to the merit order. */
export function addDeveloper(state: MarketState, kind: DeveloperKind, rng: Rng): void {
  const index = state.developers.length;
  state.developers.push(createDeveloper(state.scenario, kind, index, rng, state.view.spotRent));
  insertTranches(state, index);
}
