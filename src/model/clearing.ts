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
 * function is pure: it reads its inputs and returns fresh arrays aligned with them. Inputs that
 * already arrive in merit order are detected in one pass and not sorted again, which is how the
 * model keeps clearing cheap with thousands of bids.
 */
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

/** Merit order of a side: asks ascending by (price, id), bids descending by price then ascending id. */
export function meritOrder(side: Side, ascending: boolean): number[] {
  const n = side.length;
  const idx: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const { price, id } = side;
  const before = ascending
    ? (a: number, b: number) => price[a] - price[b] || id[a] - id[b]
    : (a: number, b: number) => price[b] - price[a] || id[a] - id[b];
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = before(i - 1, i) < 0;
  if (!sorted) idx.sort(before);
  return idx;
}

export function zeros(n: number): number[] {
  const a = new Array<number>(n);
  for (let i = 0; i < n; i++) a[i] = 0;
  return a;
}

export function clearMarket(asks: Side, bids: Side): ClearingResult {
  const nA = asks.length;
  const nB = bids.length;
  // Plain arrays: in the young generation they cost far less to allocate than typed arrays.
  const sold = zeros(nA);
  const filled = zeros(nB);
  const paid = zeros(nB);
  const trades = { count: 0, ask: [] as number[], bid: [] as number[], quantity: [] as number[], price: [] as number[] };
  const askOrder = meritOrder(asks, true);
  const bidOrder = meritOrder(bids, false);
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
    trades.count++;
    trades.ask.push(a);
    trades.bid.push(b);
    trades.quantity.push(q);
    trades.price.push(p);
  }
  return { sold, filled, paid, averagePrice: volume > 0 ? value / volume : 0, volume, trades };
}
