/**
 * Monthly market clearing: a merit-order double auction, paid as asked.
 *
 * Lessors post asks (capacity, price per reference-GPU-hour); developers post bids (quantity,
 * limit price). Asks are taken cheapest first and bids most urgent (highest limit) first; units trade
 * while the cheapest remaining ask is at or below the highest remaining bid. Each unit trades at the
 * lessor's ask, because in the rental trade lessors post list and contract prices and renters pick
 * among them; a uniform price would let lessors' own pricing decisions vanish in scarcity.
 *
 * Ties are broken by id, never by list position, so shuffling the inputs changes nothing. The
 * function is pure: it reads its inputs and returns fresh arrays aligned with them (unless the caller
 * lends it buffers to fill, as the model's monthly clearing does). Inputs that
 * already arrive in merit order are detected in one pass and not sorted again, which is how the
 * model keeps clearing cheap with thousands of bids.
 */
import { truncate } from './arrays.js';
export interface Side {
  /** Stable identity of each order; ties in price are broken by it. Must be unique within a side. */
  id: ArrayLike<number>;
  quantity: ArrayLike<number>;
  /** Asks: the price asked. Bids: the highest price the buyer accepts. */
  price: ArrayLike<number>;
  length: number;
}

export interface ClearingResult {
  /** Quantity sold by each ask, aligned with the asks. */
  sold: number[];
  /** Quantity bought by each bid, aligned with the bids. */
  filled: number[];
  /** Money per hour paid by each bid (quantity times the asks it met), aligned with the bids. */
  paid: number[];
  /** Volume-weighted price of all trades, 0 when nothing traded. */
  averagePrice: number;
  volume: number;
  /** The matches, cheapest ask and highest bid first: positions in the inputs, quantity and price. */
  trades: { count: number; ask: number[]; bid: number[]; quantity: number[]; price: number[] };
}

const EPS = 1e-9;

/**
 * Merit order of a side: asks ascending by (price, id), bids descending by price then ascending id.
 * `into`, when given, is reused for the result.
 */
export function meritOrder(side: Side, ascending: boolean, into: number[] = []): number[] {
  const idx = ordered(side, ascending, { order: into, identity: 0 }, false);
  truncate(idx, side.length);
  return idx;
}

/** A side's merit order, reused from call to call, and how many of its first entries are 0, 1, 2, …. */
interface Order {
  order: number[];
  identity: number;
}

/**
 * The merit order of `side` in `o.order`. A side that already is in merit order (as the model's
 * books are) leaves the identity in place, and only new positions are written.
 */
function ordered(side: Side, ascending: boolean, o: Order, known: boolean): number[] {
  const n = side.length;
  const idx = o.order;
  if (known || inMeritOrder(side, ascending)) {
    for (let i = o.identity; i < n; i++) idx[i] = i;
    o.identity = Math.max(o.identity, n);
  } else {
    for (let i = 0; i < n; i++) idx[i] = i;
    truncate(idx, n);
    idx.sort(meritComparator(side, ascending));
    o.identity = 0;
  }
  return idx;
}

function meritComparator(side: Side, ascending: boolean): (a: number, b: number) => number {
  const { price, id } = side;
  return ascending ? (a: number, b: number) => price[a] - price[b] || id[a] - id[b] : (a: number, b: number) => price[b] - price[a] || id[a] - id[b];
}

/** Whether the side already is in merit order: the comparator's test, without calling it. */
export function inMeritOrder(side: Side, ascending: boolean): boolean {
  const { price, id } = side;
  for (let i = 1; i < side.length; i++) {
    const byPrice = ascending ? price[i - 1] - price[i] : price[i] - price[i - 1];
    if (!((byPrice || id[i - 1] - id[i]) < 0)) return false;
  }
  return true;
}

/** `a` with `n` zeros in front; a fresh array ends there, a reused one keeps stale entries after. */
function zeroed(a: number[], n: number): number[] {
  // A loop, not fill(): on a plain array fill() is a call into the runtime, dear on short ones.
  const m = Math.min(n, a.length);
  for (let i = 0; i < m; i++) a[i] = 0;
  for (let i = a.length; i < n; i++) a.push(0);
  return a;
}

/** Work arrays `clearMarket` may reuse from call to call (see its `buffers` argument). */
export interface ClearingBuffers {
  result: ClearingResult;
  askOrder: Order;
  bidOrder: Order;
  /** Room for the quantities a clearing in passes sets aside (see restrictedClearing.ts). */
  askQuantity: Float64Array;
  bidQuantity: Float64Array;
}

export function clearingBuffers(): ClearingBuffers {
  return {
    result: emptyResult(),
    askOrder: { order: [], identity: 0 },
    bidOrder: { order: [], identity: 0 },
    askQuantity: new Float64Array(0),
    bidQuantity: new Float64Array(0),
  };
}

function emptyResult(): ClearingResult {
  return { sold: [], filled: [], paid: [], averagePrice: 0, volume: 0, trades: { count: 0, ask: [], bid: [], quantity: [], price: [] } };
}

/**
 * Clears one market. Without `buffers` it allocates its result; with them (the model's monthly
 * clearing) it fills and returns `buffers.result`, valid until the next call with the same
 * buffers. Its arrays may then run past the inputs' length (or `trades.count`) with stale entries.
 * `inOrder` says the caller has already checked that both sides are in merit order (a clearing in
 * passes over the same books checks them once, not once a pass).
 */
export function clearMarket(asks: Side, bids: Side, buffers?: ClearingBuffers, inOrder = false): ClearingResult {
  const nA = asks.length;
  const nB = bids.length;
  const out = buffers ? buffers.result : emptyResult();
  // Plain arrays: in the young generation they cost far less to allocate than typed arrays.
  const sold = zeroed(out.sold, nA);
  const filled = zeroed(out.filled, nB);
  const paid = zeroed(out.paid, nB);
  const trades = out.trades;
  let count = 0;
  const askOrder = buffers ? ordered(asks, true, buffers.askOrder, inOrder) : meritOrder(asks, true);
  const bidOrder = buffers ? ordered(bids, false, buffers.bidOrder, inOrder) : meritOrder(bids, false);
  let i = 0;
  let j = 0;
  let remAsk = nA > 0 ? asks.quantity[askOrder[0]] : 0;
  let remBid = nB > 0 ? bids.quantity[bidOrder[0]] : 0;
  let volume = 0;
  let value = 0;
  while (i < nA && j < nB) {
    if (remAsk <= EPS) {
      if (++i < nA) remAsk = asks.quantity[askOrder[i]];
      continue;
    }
    if (remBid <= EPS) {
      if (++j < nB) remBid = bids.quantity[bidOrder[j]];
      continue;
    }
    const a = askOrder[i];
    const b = bidOrder[j];
    const p = asks.price[a];
    if (p > bids.price[b]) break;
    const q = remAsk < remBid ? remAsk : remBid;
    sold[a] += q;
    filled[b] += q;
    paid[b] += q * p;
    remAsk -= q;
    remBid -= q;
    volume += q;
    value += q * p;
    trades.ask[count] = a;
    trades.bid[count] = b;
    trades.quantity[count] = q;
    trades.price[count] = p;
    count++;
  }
  trades.count = count;
  out.averagePrice = volume > 0 ? value / volume : 0;
  out.volume = volume;
  return out;
}
