/**
 * Hyperscalers' on-demand list prices: sticky, revised rarely. A generation's list price is set at
 * its launch (or the start) at `premium` times its spot rent. Every `reviewEveryMonths` after that
 * it is revised towards `premium` times the mean spot rent since the last revision, by at most
 * `maxChangeShare`. It is an index of what list-price customers pay; the spot and contract markets
 * do not read it.
 */
import type { Scenario } from '../scenario/schema.js';
import type { MarketState } from './state.js';

/** The revised list price: towards `premium` times the mean spot rent, moved by at most `maxChangeShare`. */
export function revisedListPrice(p: Scenario['market']['list'], list: number, meanSpot: number): number {
  const target = p.premium * meanSpot;
  return Math.min(list * (1 + p.maxChangeShare), Math.max(list * (1 - p.maxChangeShare), target));
}

export function updateListPrices(state: MarketState): void {
  const p = state.scenario.market.list;
  const t = state.month;
  const view = state.view;
  for (let g = 0; g < view.listByGen.length; g++) {
    const age = t - Math.max(0, state.launchMonth[g]);
    if (age < 0) {
      // Not launched yet: the price it would be listed at, were it launched now.
      view.listByGen[g] = p.premium * view.spotByGen[g];
      continue;
    }
    if (age === 0) {
      view.listByGen[g] = p.premium * view.spotByGen[g];
      state.listSpotSum[g] = 0;
      state.listSpotMonths[g] = 0;
    }
    state.listSpotSum[g] += view.spotByGen[g];
    state.listSpotMonths[g]++;
    if (age > 0 && age % p.reviewEveryMonths === 0) {
      view.listByGen[g] = revisedListPrice(p, view.listByGen[g], state.listSpotSum[g] / state.listSpotMonths[g]);
      state.listSpotSum[g] = 0;
      state.listSpotMonths[g] = 0;
    }
  }
}
