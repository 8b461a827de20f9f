/**
 * The clearing with newest-chip restrictions, for any book: the invariants of the plain clearing
 * hold, no restricted bid trades with an ask below its floor, the books come back unchanged, and
 * without floors it is the plain clearing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clearingBuffers, clearMarket } from '../../src/model/clearing.js';
import { clearRestricted, type MutableSide } from '../../src/model/restrictedClearing.js';

const PERF = [0.8, 1, 3, 6];

const order = fc.record({
  id: fc.integer({ min: 0, max: 10_000 }),
  quantity: fc.double({ min: 0, max: 1000, noNaN: true }),
  price: fc.double({ min: 0, max: 100, noNaN: true }),
  level: fc.integer({ min: 0, max: PERF.length }),
});
const book = fc.uniqueArray(order, { selector: (o) => o.id, maxLength: 30 });
type Order = { id: number; quantity: number; price: number; level: number };

/** A side in merit order, as the model posts it: asks cheapest first, bids dearest first, then by id. */
function side(os: Order[], ascending: boolean): MutableSide {
  const sorted = [...os].sort((a, b) => (ascending ? a.price - b.price : b.price - a.price) || a.id - b.id);
  return {
    id: Float64Array.from(sorted, (o) => o.id),
    quantity: Float64Array.from(sorted, (o) => o.quantity),
    price: Float64Array.from(sorted, (o) => o.price),
    length: sorted.length,
  };
}

/** Performance of an ask (`level` picks one), and a bid's floor (0, or a performance to exceed). */
const perfOf = (os: Order[], ascending: boolean) => [...os].sort((a, b) => (ascending ? a.price - b.price : b.price - a.price) || a.id - b.id).map((o) => PERF[o.level % PERF.length]);
const floorOf = (os: Order[]) => [...os].sort((a, b) => b.price - a.price || a.id - b.id).map((o) => (o.level === 0 ? 0 : PERF[o.level - 1]));

describe('clearing with newest-chip restrictions, for any book', () => {
  it('trades a restricted bid only with asks of at least its floor, at the ask, never above the bid', () => {
    fc.assert(
      fc.property(book, book, (a, b) => {
        const asks = side(a, true);
        const bids = side(b, false);
        const askPerf = perfOf(a, true);
        const bidFloor = floorOf(b);
        const r = clearRestricted(asks, bids, askPerf, bidFloor, clearingBuffers(), clearingBuffers());
        for (let k = 0; k < r.trades.count; k++) {
          expect(askPerf[r.trades.ask[k]]).toBeGreaterThanOrEqual(bidFloor[r.trades.bid[k]]);
          expect(r.trades.price[k]).toBe(asks.price[r.trades.ask[k]]);
          expect(r.trades.price[k]).toBeLessThanOrEqual(bids.price[r.trades.bid[k]]);
        }
      }),
    );
  });

  it('sells no more than each ask offers, fills no more than each bid wants, and its trades add up', () => {
    fc.assert(
      fc.property(book, book, (a, b) => {
        const asks = side(a, true);
        const bids = side(b, false);
        const r = clearRestricted(asks, bids, perfOf(a, true), floorOf(b), clearingBuffers(), clearingBuffers());
        const soldByTrades = new Float64Array(asks.length);
        const filledByTrades = new Float64Array(bids.length);
        for (let k = 0; k < r.trades.count; k++) {
          soldByTrades[r.trades.ask[k]] += r.trades.quantity[k];
          filledByTrades[r.trades.bid[k]] += r.trades.quantity[k];
        }
        for (let k = 0; k < asks.length; k++) {
          expect(r.sold[k]).toBeLessThanOrEqual(asks.quantity[k] + 1e-9);
          expect(r.sold[k]).toBeCloseTo(soldByTrades[k], 9);
        }
        for (let k = 0; k < bids.length; k++) {
          expect(r.filled[k]).toBeLessThanOrEqual(bids.quantity[k] + 1e-9);
          expect(r.filled[k]).toBeCloseTo(filledByTrades[k], 9);
        }
      }),
    );
  });

  it('leaves the books as it found them', () => {
    fc.assert(
      fc.property(book, book, (a, b) => {
        const asks = side(a, true);
        const bids = side(b, false);
        const before = [Array.from(asks.quantity), Array.from(bids.quantity)];
        clearRestricted(asks, bids, perfOf(a, true), floorOf(b), clearingBuffers(), clearingBuffers());
        expect([Array.from(asks.quantity), Array.from(bids.quantity)]).toEqual(before);
      }),
    );
  });

  it('is the plain clearing when no bid has a floor', () => {
    fc.assert(
      fc.property(book, book, (a, b) => {
        const asks = side(a, true);
        const bids = side(b, false);
        const r = clearRestricted(asks, bids, perfOf(a, true), new Float64Array(bids.length), clearingBuffers(), clearingBuffers());
        const plain = clearMarket(asks, bids);
        expect(r.sold.slice(0, asks.length)).toEqual(plain.sold);
        expect(r.filled.slice(0, bids.length)).toEqual(plain.filled);
      }),
    );
  });

  it('serves the restricted bids first, against the offers they accept', () => {
    // Two asks, old and new; a restricted bid outranked by an unrestricted one still gets the new chips.
    const asks = side(
      [
        { id: 1, quantity: 10, price: 1, level: 1 },
        { id: 2, quantity: 10, price: 2, level: 3 },
      ],
      true,
    );
    const bids = side(
      [
        { id: 7, quantity: 10, price: 9, level: 0 },
        { id: 8, quantity: 10, price: 5, level: 0 },
      ],
      false,
    );
    const r = clearRestricted(asks, bids, [1, 6], [0, 3], clearingBuffers(), clearingBuffers());
    expect(r.filled.slice(0, 2)).toEqual([10, 10]);
    expect(r.sold.slice(0, 2)).toEqual([10, 10]);
    // The restricted bid (limit 5) bought the H100-class offer; the other took the A100s.
    const restrictedTrade = Array.from({ length: r.trades.count }, (_, k) => k).find((k) => r.trades.bid[k] === 1)!;
    expect(r.trades.ask[restrictedTrade]).toBe(1);
  });
});
