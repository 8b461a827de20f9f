/**
 * Phases 2 and 3 of a month: agents form their intents from what they can see (last month's
 * observed market and their own records), then the month clears, contracts first and spot second.
 * Unfilled contract demand falls through to the spot market at the same limit price.
 */
import { clearMarket, zeros } from './clearing.js';
import { buildDecision, growNeed, rentalDemand } from './developer.js';
import { investmentIntent, updateAsk, updateExpectations } from './lessor.js';
import { developerParams, lessorParams } from './params.js';
import type { DeveloperKind, MarketState } from './state.js';
import { placeLessorOrder, placeOrder } from './vendor.js';

export interface MonthSales {
  /** Spot quantity sold by each lessor (reference GPUs), indexed like `state.lessors`. */
  spotSold: number[];
  spotRevenuePerHour: number[];
  spotFilled: number[];
  spotPaidPerHour: number[];
}

export function intentsPhase(state: MarketState): void {
  const s = state.scenario;
  const { view } = state;
  const params = [0, 1, 2].map((k) => developerParams(s, k as DeveloperKind));
  const decay = params.map((p) => Math.pow(1 - p.growthDecayPerYear, 1 / 12));
  for (const d of state.developers) {
    if (!d.active) continue;
    growNeed(params[d.kind], decay[d.kind], d, state.streams.developers);
    const order = buildDecision(state, d);
    if (order) {
      const b = developerParams(s, d.kind).build!;
      placeOrder(state, {
        gen: order.gen,
        priority: b.priorityClass,
        buyerIsLessor: false,
        buyer: d.index,
        remaining: order.count,
        pricePerGpu: state.genPrice[order.gen],
        debtPerGpu: 0,
        equityPerGpu: state.genPrice[order.gen],
      });
      d.ownPipelineRef += order.count * s.generations[order.gen].perfRatio;
    }
  }
  for (const l of state.lessors) {
    if (!l.active) continue;
    updateExpectations(s, l, view.spotRent, view.previousSpotRent);
    updateAsk(state, l, view.spotRent, state.streams.pricing);
    const intent = investmentIntent(state, l, l.fleet.bookValue, l.fleet.gpus);
    l.wantGpus = intent ? intent.unmet : 0;
    if (intent && intent.count > 0) {
      const priority = lessorParams(s, l.kind).priorityClass;
      placeLessorOrder(state, l, intent.gen, intent.count, intent.pricePerGpu, intent.debtPerGpu, intent.equityPerGpu, priority);
    }
  }
}

interface Book {
  id: number[];
  quantity: number[];
  price: number[];
  length: number;
}

function book(): Book {
  return { id: [], quantity: [], price: [], length: 0 };
}

function push(b: Book, id: number, quantity: number, price: number): void {
  b.length++;
  b.id.push(id);
  b.quantity.push(quantity);
  b.price.push(price);
}

function lessorAsks(state: MarketState, contract: boolean): Book {
  const s = state.scenario;
  const discount = 1 - s.market.contractDiscount;
  const asks = book();
  for (const l of state.lessors) {
    if (!l.active) continue;
    const q = contract
      ? lessorParams(s, l.kind).contractShare * l.capacityRef - l.contractedRef
      : l.capacityRef - l.contractedRef;
    if (q > 0) push(asks, l.index, q, contract ? l.ask * discount : l.ask);
  }
  return asks;
}

export function clearingPhase(state: MarketState): MonthSales {
  const s = state.scenario;
  const nL = state.lessors.length;
  const nD = state.developers.length;

  // Each developer splits the demand it has not covered into contract and spot, training and inference.
  const contractQty = zeros(nD * 2);
  const spotQty = zeros(nD * 2);
  let demand = 0;
  for (const d of state.developers) {
    if (!d.active) continue;
    demand += rentalDemand(d);
    const gap = Math.max(0, d.need - d.ownRef - d.contractedRef);
    if (gap <= 0) continue;
    const pref = developerParams(s, d.kind).contractPreference;
    const i = d.index * 2;
    contractQty[i] = gap * pref * d.trainingShare;
    contractQty[i + 1] = gap * pref * (1 - d.trainingShare);
    spotQty[i] = gap * (1 - pref) * d.trainingShare;
    spotQty[i + 1] = gap * (1 - pref) * (1 - d.trainingShare);
  }
  state.tally.demandRef = demand;

  // Contract market. Bids go in merit order, so clearing does not sort them.
  const order = state.trancheOrder;
  const limits = state.trancheLimits;
  const contractBids = book();
  for (let i = 0; i < order.length; i++) {
    const key = order[i];
    if (contractQty[key] > 0) push(contractBids, key, contractQty[key], limits[i]);
  }
  const asks = lessorAsks(state, true);
  const c = clearMarket(asks, contractBids);
  const firstMonth = state.month === 0;
  const L = s.market.contractMonths;
  const tr = c.trades;
  for (let k = 0; k < tr.count; k++) {
    const l = state.lessors[asks.id[tr.ask[k]]];
    const d = state.developers[contractBids.id[tr.bid[k]] >> 1];
    const q = tr.quantity[k];
    const price = tr.price[k];
    // In the first month the book stands for contracts signed over the past term, so their ends are spread.
    const length = firstMonth ? 1 + Math.floor(state.streams.init() * L) : L;
    state.contracts.push({ lessor: l.index, developer: d.index, quantityRef: q, pricePerHour: price, end: state.month + length });
    l.contractedRef += q;
    l.contractRevenuePerHour += q * price;
    d.contractedRef += q;
    d.contractSpendPerHour += q * price;
    state.tally.contractVolume += q;
    state.tally.contractValue += q * price;
  }
  // Unfilled contract demand joins the spot market at the same limit.
  for (let k = 0; k < contractBids.length; k++) contractQty[contractBids.id[k]] -= c.filled[k];
  const spotBids = book();
  for (let i = 0; i < order.length; i++) {
    const key = order[i];
    const q = spotQty[key] + Math.max(0, contractQty[key]);
    if (q > 1e-12) push(spotBids, key, q, limits[i]);
  }
  const spotAsks = lessorAsks(state, false);
  const sp = clearMarket(spotAsks, spotBids);
  const sales: MonthSales = {
    spotSold: zeros(nL),
    spotRevenuePerHour: zeros(nL),
    spotFilled: zeros(nD),
    spotPaidPerHour: zeros(nD),
  };
  for (let k = 0; k < spotAsks.length; k++) {
    const i = spotAsks.id[k];
    sales.spotSold[i] = sp.sold[k];
    sales.spotRevenuePerHour[i] = sp.sold[k] * spotAsks.price[k];
  }
  for (let k = 0; k < spotBids.length; k++) {
    const d = spotBids.id[k] >> 1;
    sales.spotFilled[d] += sp.filled[k];
    sales.spotPaidPerHour[d] += sp.paid[k];
  }
  state.tally.spotVolume = sp.volume;
  state.tally.spotValue = sp.volume * sp.averagePrice;
  return sales;
}
