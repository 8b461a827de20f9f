/**
 * A merit-order clearing in which some bids accept only asks of enough performance: frontier
 * training that wants the newest chips. The restricted bids clear first, strictest floor first,
 * each level against the asks it accepts with what earlier levels left; then the unrestricted bids
 * clear against what is left. Each pass is `clearMarket` on the full books with the quantities
 * outside the pass set to zero (and restored after), so the books keep their merit order, nothing
 * is copied, and the result is aligned with the full books as `clearMarket`'s is. A pure function
 * of its inputs: the books come back as they went in.
 */
import { clearMarket, inMeritOrder, type ClearingBuffers, type ClearingResult } from './clearing.js';
import { room } from './arrays.js';

/** A side of the market whose quantities the clearing may set and restore. */
export interface MutableSide {
  id: ArrayLike<number>;
  quantity: Float64Array;
  price: ArrayLike<number>;
  length: number;
}

/**
 * Clears `asks` against `bids`, where bid `k` trades only with asks `j` of `askPerf[j] >=
 * bidFloor[k]` (a floor of 0 accepts every ask). The result goes into `buffers.result`; `pass` holds
 * the work arrays of one pass.
 */
export function clearRestricted(asks: MutableSide, bids: MutableSide, askPerf: ArrayLike<number>, bidFloor: ArrayLike<number>, buffers: ClearingBuffers, pass: ClearingBuffers): ClearingResult {
  const levels: number[] = [];
  for (let k = 0; k < bids.length; k++) if (bidFloor[k] > 0 && !levels.includes(bidFloor[k])) levels.push(bidFloor[k]);
  if (levels.length === 0) return clearMarket(asks, bids, buffers);
  levels.sort((a, b) => b - a).push(0);
  const askQty = (pass.askQuantity = room(pass.askQuantity, asks.length));
  const bidQty = (pass.bidQuantity = room(pass.bidQuantity, bids.length));
  for (let k = 0; k < asks.length; k++) askQty[k] = asks.quantity[k];
  for (let k = 0; k < bids.length; k++) bidQty[k] = bids.quantity[k];
  // Each pass changes quantities only, so the books' merit order holds for all of them or for none.
  const inOrder = inMeritOrder(asks, true) && inMeritOrder(bids, false);
  const out = buffers.result;
  const { sold, filled, paid } = out;
  for (let k = 0; k < asks.length; k++) sold[k] = 0;
  for (let k = 0; k < bids.length; k++) {
    filled[k] = 0;
    paid[k] = 0;
  }
  const t = out.trades;
  t.count = 0;
  let volume = 0;
  let value = 0;
  try {
    for (const level of levels) {
      for (let k = 0; k < asks.length; k++) asks.quantity[k] = askPerf[k] >= level ? askQty[k] - sold[k] : 0;
      for (let k = 0; k < bids.length; k++) bids.quantity[k] = bidFloor[k] === level ? bidQty[k] : 0;
      const r = clearMarket(asks, bids, pass, inOrder);
      for (let k = 0; k < asks.length; k++) sold[k] += r.sold[k];
      for (let k = 0; k < bids.length; k++) {
        filled[k] += r.filled[k];
        paid[k] += r.paid[k];
      }
      for (let i = 0; i < r.trades.count; i++) {
        t.ask[t.count] = r.trades.ask[i];
        t.bid[t.count] = r.trades.bid[i];
        t.quantity[t.count] = r.trades.quantity[i];
        t.price[t.count] = r.trades.price[i];
        t.count++;
      }
      volume += r.volume;
      value += r.volume * r.averagePrice;
    }
  } finally {
    for (let k = 0; k < asks.length; k++) asks.quantity[k] = askQty[k];
    for (let k = 0; k < bids.length; k++) bids.quantity[k] = bidQty[k];
  }
  out.volume = volume;
  out.averagePrice = volume > 0 ? value / volume : 0;
  return out;
}
