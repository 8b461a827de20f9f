/**
 * Phases 2 and 3 of a month: agents form their intents from what they can see (last month's
 * observed market and their own records), then the month clears, contracts first and spot second.
 * Unfilled contract demand falls through to the spot market at the same limit price.
 */
import { truncate } from './arrays.js';
import { clearingBuffers, clearMarket, type ClearingBuffers } from './clearing.js';
import { signContract } from './contracts.js';
import { buildDecision, growNeed, rentalDemand } from './developer.js';
import { investmentIntent, updateAsk, updateExpectations } from './lessor.js';
import { developerParams, lessorParams } from './params.js';
import type { MarketState } from './state.js';
import { placeLessorOrder, placeOrder } from './vendor.js';

/** What the spot market sold and bought this month, by lessor and by developer index (scratch). */
export interface MonthSales {
  /** Spot quantity sold by each lessor (reference GPUs), indexed like `state.lessors`. */
  spotSold: Float64Array;
  spotRevenuePerHour: Float64Array;
  spotFilled: Float64Array;
  spotPaidPerHour: Float64Array;
}

/** One side of a market as `clearMarket` reads it, in arrays reused from month to month. */
interface Book {
  id: Float64Array;
  quantity: Float64Array;
  price: Float64Array;
  length: number;
}

/**
 * The clearing's work arrays, kept on the state and reused every month: with thousands of
 * developers, fresh arrays each month are most of what the young generation collects.
 */
export interface ClearingScratch {
  /** Contract and spot quantity wanted, by tranche key. */
  contractQty: Float64Array;
  spotQty: Float64Array;
  contractAsks: Book;
  contractBids: Book;
  spotAsks: Book;
  spotBids: Book;
  contractClearing: ClearingBuffers;
  spotClearing: ClearingBuffers;
  sales: MonthSales;
  /**
   * Active lessors by ask (then index), kept from month to month: posted in this order, both ask
   * books arrive in merit order and clearing need not sort them, and last month's order is nearly
   * this month's, which the sort exploits.
   */
  lessorsByAsk: number[];
  /** Lessors with an index below this have been added to `lessorsByAsk` (or left). */
  lessorsRanked: number;
}

const emptyBook = (): Book => ({ id: new Float64Array(0), quantity: new Float64Array(0), price: new Float64Array(0), length: 0 });

const emptySales = (): MonthSales => ({
  spotSold: new Float64Array(0),
  spotRevenuePerHour: new Float64Array(0),
  spotFilled: new Float64Array(0),
  spotPaidPerHour: new Float64Array(0),
});

export function clearingScratch(): ClearingScratch {
  return {
    contractQty: new Float64Array(0),
    spotQty: new Float64Array(0),
    contractAsks: emptyBook(),
    contractBids: emptyBook(),
    spotAsks: emptyBook(),
    spotBids: emptyBook(),
    contractClearing: clearingBuffers(),
    spotClearing: clearingBuffers(),
    sales: emptySales(),
    lessorsByAsk: [],
    lessorsRanked: 0,
  };
}

/** `a` if it holds at least `n` values, else a larger array; the first `n` values are zero. */
function zeroed(a: Float64Array, n: number): Float64Array {
  if (a.length < n) return new Float64Array(Math.max(n, 2 * a.length));
  a.fill(0, 0, n);
  return a;
}

/** Empties a book that will take up to `n` orders. */
function openBook(b: Book, n: number): Book {
  if (b.id.length < n) {
    const size = Math.max(n, 2 * b.id.length);
    b.id = new Float64Array(size);
    b.quantity = new Float64Array(size);
    b.price = new Float64Array(size);
  }
  b.length = 0;
  return b;
}

export function intentsPhase(state: MarketState): void {
  const s = state.scenario;
  const { view } = state;
  for (const d of state.activeDevelopers) {
    growNeed(developerParams(s, d.kind), state.needDecay[d.kind], d, state.streams.developers);
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

function push(b: Book, id: number, quantity: number, price: number): void {
  const k = b.length++;
  b.id[k] = id;
  b.quantity[k] = quantity;
  b.price[k] = price;
}

/** Puts the active lessors in order of their ask (then index), starting from last month's order. */
function rankLessorsByAsk(state: MarketState): number[] {
  const sc = state.scratch;
  const lessors = state.lessors;
  const rank = sc.lessorsByAsk;
  let k = 0;
  for (let i = 0; i < rank.length; i++) if (lessors[rank[i]].active) rank[k++] = rank[i];
  truncate(rank, k);
  for (let i = sc.lessorsRanked; i < lessors.length; i++) if (lessors[i].active) rank.push(i);
  sc.lessorsRanked = lessors.length;
  if (!insertionSortByAsk(state, rank, 32 * rank.length)) rank.sort((a, b) => lessors[a].ask - lessors[b].ask || a - b);
  return rank;
}

/**
 * Insertion sort by (ask, index): asks move a little each month, so last month's order needs few
 * moves. Gives up (false) after `budget` moves, leaving a permutation for a full sort to finish.
 */
function insertionSortByAsk(state: MarketState, rank: number[], budget: number): boolean {
  const lessors = state.lessors;
  let moves = 0;
  for (let i = 1; i < rank.length; i++) {
    const x = rank[i];
    const ask = lessors[x].ask;
    let j = i - 1;
    for (; j >= 0; j--) {
      const y = rank[j];
      const other = lessors[y].ask;
      if (other < ask || (other === ask && y < x)) break;
      rank[j + 1] = y;
    }
    rank[j + 1] = x;
    moves += i - 1 - j;
    if (moves > budget) return false;
  }
  return true;
}

/**
 * Lessors' asks, in order of ask. Contract asks are all the same fraction of the spot ask, so that
 * order is theirs too (clearing checks, and sorts in the rare case rounding made two prices equal).
 */
function lessorAsks(state: MarketState, b: Book, ranked: number[], contract: boolean): Book {
  const s = state.scenario;
  const discount = 1 - s.market.contractDiscount;
  const asks = openBook(b, ranked.length);
  for (const i of ranked) {
    const l = state.lessors[i];
    const q = contract
      ? lessorParams(s, l.kind).contractShare * l.capacityRef - l.contractedRef
      : l.capacityRef - l.contractedRef;
    if (q > 0) push(asks, l.index, q, contract ? l.ask * discount : l.ask);
  }
  return asks;
}

export function clearingPhase(state: MarketState): MonthSales {
  const s = state.scenario;
  const sc = state.scratch;
  const nL = state.lessors.length;
  const nD = state.developers.length;

  // Each developer splits the demand it has not covered into contract and spot, training and inference.
  const contractQty = (sc.contractQty = zeroed(sc.contractQty, nD * 2));
  const spotQty = (sc.spotQty = zeroed(sc.spotQty, nD * 2));
  let demand = 0;
  for (const d of state.activeDevelopers) {
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
  const contractBids = openBook(sc.contractBids, order.length);
  for (let i = 0; i < order.length; i++) {
    const key = order[i];
    if (contractQty[key] > 0) push(contractBids, key, contractQty[key], limits[i]);
  }
  const ranked = rankLessorsByAsk(state);
  const asks = lessorAsks(state, sc.contractAsks, ranked, true);
  const c = clearMarket(asks, contractBids, sc.contractClearing);
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
    signContract(state, l.index, d.index, q, price, state.month + length);
    state.tally.contractVolume += q;
    state.tally.contractValue += q * price;
  }
  // Unfilled contract demand joins the spot market at the same limit.
  for (let k = 0; k < contractBids.length; k++) contractQty[contractBids.id[k]] -= c.filled[k];
  const spotBids = openBook(sc.spotBids, order.length);
  for (let i = 0; i < order.length; i++) {
    const key = order[i];
    const q = spotQty[key] + Math.max(0, contractQty[key]);
    if (q > 1e-12) push(spotBids, key, q, limits[i]);
  }
  const spotAsks = lessorAsks(state, sc.spotAsks, ranked, false);
  const sp = clearMarket(spotAsks, spotBids, sc.spotClearing);
  const sales = sc.sales;
  sales.spotSold = zeroed(sales.spotSold, nL);
  sales.spotRevenuePerHour = zeroed(sales.spotRevenuePerHour, nL);
  sales.spotFilled = zeroed(sales.spotFilled, nD);
  sales.spotPaidPerHour = zeroed(sales.spotPaidPerHour, nD);
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
