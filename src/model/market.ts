/**
 * The intents and clearing phases of a month: agents form their intents from what they can see (last month's
 * observed market and their own records), then the month clears: multi-year offtakes first, then
 * one-year contracts, then spot. Unfilled offtake demand falls through to the contract market, and
 * unfilled contract demand to the spot market, at the same limit price.
 *
 * Every generation is its own product: a lessor offers each generation it holds at that
 * generation's price, and buyers compare offers by price per reference-GPU-hour (per unit of
 * performance), so they switch to whichever generation is cheapest for the work. Training tranches
 * of archetypes that insist on the newest chips (`trainingMinPerfShareOfNewest`) clear first, against
 * the generations they accept; everyone else then clears against what is left.
 */
import { fillRange, room, truncate } from './arrays.js';
import { clearingBuffers, clearMarket, type ClearingBuffers, type ClearingResult } from './clearing.js';
import { clearRestricted } from './restrictedClearing.js';
import { sortByPrice, sortWork, type SortWork } from './ranking.js';
import { QUANTUM, signContract } from './contracts.js';
import { buildDecision, growNeed, rentalGap } from './developer.js';
import { contractAsk, investmentDecision, updateAsks, updateExpectations } from './lessor.js';
import { developerParams, lessorParams } from './params.js';
import type { Lessor, MarketState } from './state.js';
import { cancelNewestOrders, keepOpen, placeLessorOrder, placeOrder } from './vendor.js';

/** What the spot market sold and bought this month (scratch). */
export interface MonthSales {
  /** Spot quantity sold (reference GPUs) and money per hour, by offer key (lessor * generations + generation). */
  spotSold: Float64Array;
  spotRevenuePerHour: Float64Array;
  /** Spot quantity bought and money per hour, by developer index. */
  spotFilled: Float64Array;
  spotPaidPerHour: Float64Array;
}

/** One side of a market as `clearMarket` reads it, in arrays reused from month to month. */
interface Book {
  /** Offer or tranche keys. Whole numbers in an Int32Array: `key % generations` is then an integer division, not a call to a floating-point remainder. */
  id: Int32Array;
  quantity: Float64Array;
  price: Float64Array;
  length: number;
}

/**
 * The clearing's work arrays, kept by the run (see simulate.ts) and reused every month: with
 * thousands of developers, fresh arrays each month are most of what the young generation collects.
 * Later runs in the thread reuse them too (see `takeClearingScratch`). None of it is the market's
 * state: the rankings kept from month to month only save sorting, and every other array is written
 * as far as a month reads it before it is read.
 */
export interface ClearingScratch {
  /** Offtake, contract and spot quantity wanted, by tranche key. */
  offtakeQty: Float64Array;
  contractQty: Float64Array;
  /** Tranche keys that may bid for offtakes this month. */
  offtakeKeys: number[];
  spotQty: Float64Array;
  contractAsks: Book;
  contractBids: Book;
  spotAsks: Book;
  spotBids: Book;
  contractClearing: ClearingBuffers;
  spotClearing: ClearingBuffers;
  /** Work arrays of one pass of a clearing with restrictions. */
  passClearing: ClearingBuffers;
  sales: MonthSales;
  /**
   * Offer keys (lessor * generations + generation) of every generation a lessor holds, by spot
   * price per reference-GPU-hour (then key), kept from month to month: posted in this order, the
   * spot book arrives in merit order and clearing need not sort it.
   */
  offersBySpot: number[];
  /**
   * The offer keys of one term market's book, by its price. Sorted afresh for each clearing: most
   * term capacity is under contract, so a term book holds a few of the offers, not all of them.
   */
  termOffers: number[];
  /** Per offer key: 1 while it is in the spot ranking. */
  ranked: Uint8Array;
  /** Work arrays of the spot ranking's sort and of each term book's. */
  sortWork: { spot: SortWork; contract: SortWork; offtake: SortWork };
  /** Work arrays of a clearing with restrictions: each ask's performance per GPU, each bid's floor. */
  askPerf: Float64Array;
  bidFloor: Float64Array;
  /** The month's least performance per GPU by developer kind (see `minimumPerformance`). */
  minPerf: Float64Array;
  /** Per offer key: this month's spot, contract and offtake price per reference-GPU-hour. */
  spotPrice: Float64Array;
  contractPrice: Float64Array;
  offtakePrice: Float64Array;
  /** Per offer key: this month's capacity (reference GPUs), and the part of it the lessor offers on term. */
  capacity: Float64Array;
  termCapacity: Float64Array;
}

const emptyBook = (): Book => ({ id: new Int32Array(0), quantity: new Float64Array(0), price: new Float64Array(0), length: 0 });

const emptySales = (): MonthSales => ({
  spotSold: new Float64Array(0),
  spotRevenuePerHour: new Float64Array(0),
  spotFilled: new Float64Array(0),
  spotPaidPerHour: new Float64Array(0),
});

export function clearingScratch(): ClearingScratch {
  return {
    offtakeQty: new Float64Array(0),
    offtakeKeys: [],
    contractQty: new Float64Array(0),
    spotQty: new Float64Array(0),
    contractAsks: emptyBook(),
    contractBids: emptyBook(),
    spotAsks: emptyBook(),
    spotBids: emptyBook(),
    contractClearing: clearingBuffers(),
    spotClearing: clearingBuffers(),
    passClearing: clearingBuffers(),
    sales: emptySales(),
    offersBySpot: [],
    termOffers: [],
    ranked: new Uint8Array(0),
    sortWork: { spot: sortWork(), contract: sortWork(), offtake: sortWork() },
    askPerf: new Float64Array(0),
    bidFloor: new Float64Array(0),
    minPerf: new Float64Array(3),
    spotPrice: new Float64Array(0),
    contractPrice: new Float64Array(0),
    offtakePrice: new Float64Array(0),
    capacity: new Float64Array(0),
    termCapacity: new Float64Array(0),
  };
}

/**
 * Scratch that finished runs left for the next run in this thread. A run's scratch grows to its
 * market's size, and each typed array of more than 64 bytes is memory outside V8's heap, which
 * costs about a microsecond to allocate and collect: a run would spend a hundred of them growing
 * fresh scratch.
 */
const SPARE_SCRATCH: ClearingScratch[] = [];

/**
 * Scratch for a run: a spare one made as good as new (nothing the model reads first is left in
 * it; see `ClearingScratch`), or a new one. Hand it back with `releaseClearingScratch`.
 */
export function takeClearingScratch(): ClearingScratch {
  const sc = SPARE_SCRATCH.pop();
  if (sc === undefined) return clearingScratch();
  truncate(sc.offersBySpot, 0);
  sc.ranked.fill(0);
  for (const w of [sc.sortWork.spot, sc.sortWork.contract, sc.sortWork.offtake]) w.skipInsertion = 0;
  return sc;
}

/** Gives back a run's scratch once the run has finished with it. */
export function releaseClearingScratch(sc: ClearingScratch): void {
  SPARE_SCRATCH.push(sc);
}

/** `a` if it holds at least `n` values, else a larger array; the first `n` values are zero. */
function zeroed(a: Float64Array, n: number): Float64Array {
  return fillRange(room(a, n), 0, 0, n);
}

/** Empties a book that will take up to `n` orders. */
function openBook(b: Book, n: number): Book {
  if (b.id.length < n) {
    const size = Math.max(n, 2 * b.id.length);
    b.id = new Int32Array(size);
    b.quantity = new Float64Array(size);
    b.price = new Float64Array(size);
  }
  b.length = 0;
  return b;
}

/**
 * Developers' need grows, some order chips for their own clusters; lessors update their
 * expectations and asks, then order chips or cancel orders. Each step is a loop of its own over
 * the agents, in the same order as one loop doing all would take them (no agent's step reads what
 * another's changes): the optimising compiler inlines calls up to a budget per function, and a
 * rule that is not inlined costs a call and must box the numbers it returns.
 */
export function intentsPhase(state: MarketState): void {
  growDevelopers(state);
  developerBuildOrders(state);
  lessorPricing(state);
  lessorInvestment(state);
}

/** Every active developer's need grows by a month. */
function growDevelopers(state: MarketState): void {
  const s = state.scenario;
  for (const d of state.activeDevelopers) growNeed(developerParams(s, d.kind), state.needDecay[d.kind], state.needGrowthAdjust, d, state.streams.developers);
}

/** Developers that would rather own than rent order chips for their own clusters. */
function developerBuildOrders(state: MarketState): void {
  const s = state.scenario;
  for (const d of state.activeDevelopers) {
    const order = buildDecision(s, state.vendorMonth, state.view.spotRent, state.month >= state.buildFrom[d.kind], d);
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
        shadow: false,
      });
      d.ownPipelineRef += order.count * s.generations[order.gen].perfRatio;
    }
  }
}

/** Lessors update their expectations of each generation's rent and their asks. */
function lessorPricing(state: MarketState): void {
  const s = state.scenario;
  const pricing = state.streams.pricing;
  for (const l of state.lessors) {
    if (!l.active) continue;
    const p = lessorParams(s, l.kind);
    updateExpectations(p.expectations.adaptation, state.view, l);
    updateAsks(p.pricing, state.costs, state.view, l, pricing);
  }
}

/** Lessors order chips, or cancel orders they no longer want. */
function lessorInvestment(state: MarketState): void {
  const s = state.scenario;
  const cancelShare = s.vendor.cancelShareWhenUnwanted;
  for (const l of state.lessors) {
    if (!l.active) continue;
    if (l.policy) {
      l.wantGpus = 0;
      continue;
    }
    const p = lessorParams(s, l.kind);
    const { intent, surplusRef } = investmentDecision(s, state.costs, state.vendorMonth, l, l.fleet.bookValue, l.fleet.gpus);
    l.wantGpus = intent ? intent.unmet : 0;
    if (intent && intent.count > 0) {
      placeLessorOrder(state, l, intent.gen, intent.count, intent.pricePerGpu, intent.debtPerGpu, intent.equityPerGpu, p.priorityClass);
    } else if (cancelShare > 0 && surplusRef > 0 && l.pipelineGpus > 0) {
      cancelOrdersUpTo(state, l, cancelShare, surplusRef);
    }
  }
}

/** Cancels a share of a lessor's open orders, but no more than its surplus (reference GPUs). */
function cancelOrdersUpTo(state: MarketState, l: Lessor, share: number, surplusRef: number): void {
  // A lessor that only cancels never reaches the compaction at its next order; filled orders would pile up here.
  keepOpen(l.orders);
  let open = 0;
  let ref = 0;
  for (const o of l.orders) {
    open += o.remaining;
    ref += o.remaining * state.scenario.generations[o.gen].perfRatio;
  }
  if (open <= 0) return;
  const count = Math.floor(open * Math.min(share, surplusRef / ref));
  cancelNewestOrders(state, l, count);
  state.tally.cancelledGpus += count;
}

function push(b: Book, id: number, quantity: number, price: number): void {
  const k = b.length++;
  b.id[k] = id;
  b.quantity[k] = quantity;
  b.price[k] = price;
}

/** Offer keys of lessors holding a generation, in order of `price` (then key), starting from last month's order. */
function rankOffers(rank: number[], price: Float64Array, ranked: Uint8Array, fresh: number[], work: SortWork): number[] {
  let k = 0;
  for (let i = 0; i < rank.length; i++) {
    const key = rank[i];
    if (ranked[key] === 1) rank[k++] = key;
  }
  truncate(rank, k);
  for (const key of fresh) rank.push(key);
  sortByPrice(rank, price, work);
  return rank;
}

/**
 * This month's offers: each lessor's spot, contract and (when anyone asks for them) offtake price
 * per reference-GPU-hour of every generation it holds, the spot ranking brought up to date.
 */
function prepareOffers(state: MarketState, sc: ClearingScratch): void {
  const s = state.scenario;
  const gens = s.generations;
  const nGen = gens.length;
  const nKeys = state.lessors.length * nGen;
  if (sc.spotPrice.length < nKeys) {
    const n = Math.max(nKeys, 2 * sc.spotPrice.length);
    const ranked = new Uint8Array(n);
    ranked.set(sc.ranked);
    sc.ranked = ranked;
    sc.spotPrice = new Float64Array(n);
    sc.contractPrice = new Float64Array(n);
    sc.offtakePrice = new Float64Array(n);
    sc.capacity = new Float64Array(n);
    sc.termCapacity = new Float64Array(n);
  }
  const discount = s.market.contractDiscount;
  const offtakeDiscount = s.market.offtake.discount;
  const offtakes = state.offtakes;
  const tr = state.trades;
  fillRange(tr.contractQuote, 0);
  fillRange(tr.offtakeQuote, 0);
  fillRange(tr.quoteCapacity, 0);
  const fresh: number[] = [];
  const { installed, asks, expectedRent } = state.lessorRows;
  for (const l of state.lessors) {
    if (!l.active) {
      // A lessor that left offers nothing again; its keys leave the rankings at the next pass.
      if (l.exitMonth === state.month - 1) sc.ranked.fill(0, l.index * nGen, (l.index + 1) * nGen);
      continue;
    }
    const floors = state.costs.floorPerHour[l.kind];
    const termShare = lessorParams(s, l.kind).contractShare;
    for (let g = 0, key = l.index * nGen; g < nGen; g++, key++) {
      if (installed[key] <= 0) {
        sc.ranked[key] = 0;
        continue;
      }
      const perf = gens[g].perfRatio;
      sc.spotPrice[key] = asks[key] / perf;
      // Priced on the rent expected over the term, not on this month's spot: in a glut a contract
      // can cost more than spot. Never below the cash cost that also floors the spot ask.
      const floor = floors[g];
      const contract = Math.max(floor, contractAsk(expectedRent[key], state.contractTermMean[g], discount));
      const offtake = Math.max(floor, contractAsk(expectedRent[key], state.offtakeTermMean[g], offtakeDiscount));
      sc.contractPrice[key] = contract / perf;
      if (offtakes) sc.offtakePrice[key] = offtake / perf;
      const cap = installed[key] * perf;
      sc.capacity[key] = cap;
      sc.termCapacity[key] = termShare * cap;
      tr.contractQuote[g] += contract * cap;
      tr.offtakeQuote[g] += offtake * cap;
      tr.quoteCapacity[g] += cap;
      if (sc.ranked[key] === 0) {
        sc.ranked[key] = 1;
        fresh.push(key);
      }
    }
  }
  rankOffers(sc.offersBySpot, sc.spotPrice, sc.ranked, fresh, sc.sortWork.spot);
}

/**
 * The offers of one market, in the order of `rank`: what each offer's `capacity` holds beyond its
 * contracts, where that is more than `least`.
 */
function offerBook(state: MarketState, b: Book, rank: number[], price: Float64Array, capacity: Float64Array, least: number): Book {
  const contracted = state.lessorRows.contracted;
  const book = openBook(b, rank.length);
  for (const key of rank) {
    const q = capacity[key] - contracted[key];
    if (q > least) push(book, key, q, price[key]);
  }
  return book;
}

/**
 * Least quantity a term market trades. A contract is a whole number of quanta (see contracts.ts),
 * so a lessor whose term capacity is all but contracted keeps a remainder below one quantum, which
 * can hold no contract; nor can a bid that small. In the books they would only make trades that
 * sign nothing.
 */
const TERM_LEAST = QUANTUM;

/**
 * The offers with term capacity beyond their contracts, by `price` (then key). They come in spot
 * order, which says little about term prices; a book of a few dozen is sorted by insertion all the
 * same, which costs less than a call to any other sort.
 */
function termOffers(state: MarketState, sc: ClearingScratch, price: Float64Array, work: SortWork): number[] {
  const contracted = state.lessorRows.contracted;
  const keys = sc.termOffers;
  truncate(keys, 0);
  for (const key of sc.offersBySpot) if (sc.termCapacity[key] - contracted[key] > TERM_LEAST) keys.push(key);
  sortByPrice(keys, price, work, keys.length <= SMALL_BOOK ? Infinity : keys.length);
  return keys;
}

/** Books up to this long are sorted by insertion whatever their order. */
const SMALL_BOOK = 32;

/** Least quantity the spot market trades: anything more than rounding. */
const SPOT_LEAST = 1e-12;

/**
 * Least performance per GPU each bid accepts: training tranches of archetypes that want the newest
 * chips accept only generations within their share of the best performance on offer. Null when
 * no bid is restricted this month.
 */
function minimumPerformance(state: MarketState, sc: ClearingScratch, asks: Book): Float64Array | null {
  if (!state.newestRestricts) return null;
  const s = state.scenario;
  const d = s.developers;
  const [a, b, c] = [d.frontier.trainingMinPerfShareOfNewest, d.startup.trainingMinPerfShareOfNewest, d.enterprise.trainingMinPerfShareOfNewest];
  const nGen = s.generations.length;
  let best = 0;
  for (let k = 0; k < asks.length; k++) best = Math.max(best, s.generations[asks.id[k] % nGen].perfRatio);
  const m = sc.minPerf;
  m[0] = a * best;
  m[1] = b * best;
  m[2] = c * best;
  return m;
}

/**
 * Clears one market, with the newest-chip restrictions of the month (`minPerf` by developer kind,
 * null for none): each ask's performance per GPU and each bid's floor are read off the books and
 * handed to `clearRestricted`. A floor at or below the least performance on offer restricts nothing.
 */
function clearWithRestrictions(state: MarketState, sc: ClearingScratch, asks: Book, bids: Book, minPerf: Float64Array | null, buffers: ClearingBuffers, pass: ClearingBuffers): ClearingResult {
  if (minPerf === null) return clearMarket(asks, bids, buffers);
  const gens = state.scenario.generations;
  const nGen = gens.length;
  const askPerf = (sc.askPerf = room(sc.askPerf, asks.length));
  let lowestOffered = Infinity;
  for (let k = 0; k < asks.length; k++) {
    askPerf[k] = gens[asks.id[k] % nGen].perfRatio;
    lowestOffered = Math.min(lowestOffered, askPerf[k]);
  }
  if (Math.max(minPerf[0], minPerf[1], minPerf[2]) <= lowestOffered) return clearMarket(asks, bids, buffers);
  const bidFloor = (sc.bidFloor = room(sc.bidFloor, bids.length));
  for (let k = 0; k < bids.length; k++) {
    const key = bids.id[k];
    const f = key & 1 ? 0 : minPerf[state.developers[key >> 1].kind];
    bidFloor[k] = f > lowestOffered ? f : 0;
  }
  return clearRestricted(asks, bids, askPerf, bidFloor, buffers, pass);
}

/** How the trades of a term market are signed. */
interface TermMarket {
  months: number;
  offtake: boolean;
  prepaidShare: number;
}

/**
 * Clears one market for term commitments: the bids `qty` (by tranche key; what is filled is taken
 * off) against the lessors' offers at `price`. Every trade is signed on the
 * market's terms, and its volume and value added by generation. Bids go in the kept merit order of
 * every tranche (every limit scales by the same market-wide factor, which keeps that order), so
 * clearing does not sort them; a tranche without a bid in this market (`qty` below a quantum) is
 * left out.
 */
function clearTermMarket(state: MarketState, sc: ClearingScratch, qty: Float64Array, price: Float64Array, market: TermMarket, volume: Float64Array, value: Float64Array): void {
  const nGen = state.scenario.generations.length;
  const wtp = state.wtpFactor;
  const order = state.trancheOrder;
  const limits = state.trancheLimits;
  const n = state.trancheCount;
  const bids = openBook(sc.contractBids, n);
  for (let i = 0; i < n; i++) {
    const key = order[i];
    if (qty[key] >= TERM_LEAST) push(bids, key, qty[key], limits[i] * wtp);
  }
  if (bids.length === 0) return;
  const work = market.offtake ? sc.sortWork.offtake : sc.sortWork.contract;
  const asks = offerBook(state, sc.contractAsks, termOffers(state, sc, price, work), price, sc.termCapacity, TERM_LEAST);
  const c = clearWithRestrictions(state, sc, asks, bids, minimumPerformance(state, sc, asks), sc.contractClearing, sc.passClearing);
  const firstMonth = state.month === 0;
  const tr = c.trades;
  // In the first month the book stands for commitments signed over the past term, so their ends
  // are spread (and their prepayments are in the lessors' starting cash).
  const terms = { end: state.month + market.months, offtake: market.offtake, prepaidShare: market.prepaidShare, prepaidEarlier: firstMonth };
  for (let k = 0; k < tr.count; k++) {
    const key = asks.id[tr.ask[k]];
    const g = key % nGen;
    const q = tr.quantity[k];
    const p = tr.price[k];
    if (firstMonth) terms.end = 1 + Math.floor(state.streams.init() * market.months);
    signContract(state, (key / nGen) | 0, bids.id[tr.bid[k]] >> 1, g, q, p, terms);
    volume[g] += q;
    value[g] += q * p;
  }
  for (let k = 0; k < bids.length; k++) qty[bids.id[k]] -= c.filled[k];
}

/**
 * Each developer splits the demand it has not covered into offtake, contract and spot, training
 * and inference: the bids of each market by tranche key, in `sc`. Offtake bidders are listed in
 * `sc.offtakeKeys`.
 */
function splitDemand(state: MarketState, sc: ClearingScratch): void {
  const s = state.scenario;
  const nD = state.developers.length;
  const offtakes = state.offtakes;
  const offtakeQty = (sc.offtakeQty = zeroed(sc.offtakeQty, offtakes ? nD * 2 : 0));
  const offtakeKeys = sc.offtakeKeys;
  truncate(offtakeKeys, 0);
  const contractQty = (sc.contractQty = zeroed(sc.contractQty, nD * 2));
  const spotQty = (sc.spotQty = zeroed(sc.spotQty, nD * 2));
  let demand = 0;
  for (const d of state.activeDevelopers) {
    const response = state.priceResponse[d.kind];
    demand += Math.max(d.need * response - d.ownRef, d.contractedRef);
    const gap = rentalGap(d, response);
    if (gap <= 0) continue;
    const p = developerParams(s, d.kind);
    const pref = p.contractPreference;
    const i = d.index * 2;
    contractQty[i] = gap * pref * d.trainingShare;
    contractQty[i + 1] = gap * pref * (1 - d.trainingShare);
    spotQty[i] = gap * (1 - pref) * d.trainingShare;
    spotQty[i + 1] = gap * (1 - pref) * (1 - d.trainingShare);
    if (offtakes && p.offtakeShare > 0) {
      offtakeQty[i] = contractQty[i] * p.offtakeShare;
      offtakeQty[i + 1] = contractQty[i + 1] * p.offtakeShare;
      contractQty[i] -= offtakeQty[i];
      contractQty[i + 1] -= offtakeQty[i + 1];
      offtakeKeys.push(i, i + 1);
    }
  }
  state.tally.demandRef = demand;
}

/** The spot bids: what each tranche bids on spot, plus what the term markets left it unfilled, in merit order. */
function spotBids(state: MarketState, sc: ClearingScratch): Book {
  const { trancheOrder: order, trancheLimits: limits, trancheCount: n, wtpFactor: wtp } = state;
  const { spotQty, contractQty } = sc;
  const bids = openBook(sc.spotBids, n);
  for (let i = 0; i < n; i++) {
    const key = order[i];
    const q = spotQty[key] + Math.max(0, contractQty[key]);
    if (q > SPOT_LEAST) push(bids, key, q, limits[i] * wtp);
  }
  return bids;
}

/** What the spot clearing sold by offer key and bought by developer, and its volume and value by generation. */
function spotSales(state: MarketState, sc: ClearingScratch, asks: Book, bids: Book, sp: ClearingResult): MonthSales {
  const nGen = state.scenario.generations.length;
  const nKeys = state.lessors.length * nGen;
  const nD = state.developers.length;
  const trades = state.trades;
  const sales = sc.sales;
  sales.spotSold = zeroed(sales.spotSold, nKeys);
  sales.spotRevenuePerHour = zeroed(sales.spotRevenuePerHour, nKeys);
  sales.spotFilled = zeroed(sales.spotFilled, nD);
  sales.spotPaidPerHour = zeroed(sales.spotPaidPerHour, nD);
  for (let k = 0; k < asks.length; k++) {
    const key = asks.id[k];
    const sold = sp.sold[k];
    if (sold <= 0) continue;
    const g = key % nGen;
    sales.spotSold[key] = sold;
    sales.spotRevenuePerHour[key] = sold * asks.price[k];
    trades.spotVolume[g] += sold;
    trades.spotValue[g] += sold * asks.price[k];
  }
  for (let k = 0; k < bids.length; k++) {
    const d = bids.id[k] >> 1;
    sales.spotFilled[d] += sp.filled[k];
    sales.spotPaidPerHour[d] += sp.paid[k];
  }
  state.tally.spotVolume = sp.volume;
  state.tally.spotValue = sp.volume * sp.averagePrice;
  return sales;
}

export function clearingPhase(state: MarketState, sc: ClearingScratch): MonthSales {
  const s = state.scenario;
  const nGen = s.generations.length;
  splitDemand(state, sc);
  const trades = state.trades;
  fillRange(trades.spotVolume, 0);
  fillRange(trades.spotValue, 0);
  fillRange(trades.contractVolume, 0);
  fillRange(trades.contractValue, 0);
  fillRange(trades.offtakeVolume, 0);
  fillRange(trades.offtakeValue, 0);
  prepareOffers(state, sc);

  // Offtakes, then contracts; what either leaves unfilled falls through to the next market.
  const m = s.market;
  const { offtakeQty, offtakeKeys, contractQty } = sc;
  if (state.offtakes) {
    const o = m.offtake;
    if (offtakeKeys.length > 0) {
      clearTermMarket(state, sc, offtakeQty, sc.offtakePrice, { months: o.months, offtake: true, prepaidShare: o.prepaymentShare }, trades.offtakeVolume, trades.offtakeValue);
    }
    for (const key of offtakeKeys) contractQty[key] += offtakeQty[key];
  }
  clearTermMarket(state, sc, contractQty, sc.contractPrice, { months: m.contractMonths, offtake: false, prepaidShare: 0 }, trades.contractVolume, trades.contractValue);
  for (let g = 0; g < nGen; g++) {
    state.tally.contractVolume += trades.contractVolume[g];
    state.tally.contractValue += trades.contractValue[g];
  }
  const bids = spotBids(state, sc);
  const asks = offerBook(state, sc.spotAsks, sc.offersBySpot, sc.spotPrice, sc.capacity, SPOT_LEAST);
  const sp = clearWithRestrictions(state, sc, asks, bids, minimumPerformance(state, sc, asks), sc.spotClearing, sc.passClearing);
  return spotSales(state, sc, asks, bids, sp);
}
