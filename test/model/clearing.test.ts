import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clearMarket, type Side } from '../../src/model/clearing.js';

const side = (orders: [id: number, quantity: number, price: number][]): Side => ({
  id: orders.map((o) => o[0]),
  quantity: orders.map((o) => o[1]),
  price: orders.map((o) => o[2]),
  length: orders.length,
});

describe('clearing, worked by hand', () => {
  it('fills the cheapest asks first and the most urgent bids first, each at the ask', () => {
    const asks = side([
      [1, 10, 5],
      [2, 10, 3],
      [3, 10, 9],
    ]);
    const bids = side([
      [7, 8, 4],
      [8, 15, 10],
    ]);
    const r = clearMarket(asks, bids);
    // Bid 8 (limit 10) takes ask 2 (price 3) fully, then 5 from ask 1 (price 5).
    // Bid 7 (limit 4) cannot pay ask 1's 5, so the market stops.
    expect(r.sold).toEqual([5, 10, 0]);
    expect(r.filled).toEqual([0, 15]);
    expect(r.paid).toEqual([0, 10 * 3 + 5 * 5]);
    expect(r.volume).toBe(15);
    expect(r.averagePrice).toBeCloseTo(55 / 15, 12);
  });

  it('trades nothing when every ask is above every bid', () => {
    const r = clearMarket(side([[1, 10, 5]]), side([[1, 10, 4]]));
    expect(r.volume).toBe(0);
    expect(r.averagePrice).toBe(0);
    expect(r.trades.count).toBe(0);
  });

  it('breaks price ties by id, not by position', () => {
    const r = clearMarket(
      side([
        [2, 5, 1],
        [1, 5, 1],
      ]),
      side([[9, 5, 2]]),
    );
    expect(r.sold).toEqual([0, 5]);
  });
});

const orders = fc.uniqueArray(
  fc.record({
    id: fc.integer({ min: 0, max: 10_000 }),
    quantity: fc.double({ min: 0, max: 1000, noNaN: true }),
    price: fc.double({ min: 0, max: 100, noNaN: true }),
  }),
  { selector: (o) => o.id, maxLength: 40 },
);
const toSide = (os: { id: number; quantity: number; price: number }[]) => side(os.map((o) => [o.id, o.quantity, o.price]));

describe('clearing, for any book', () => {
  it('sells no more than each ask offers and fills no more than each bid wants', () => {
    fc.assert(
      fc.property(orders, orders, (a, b) => {
        const r = clearMarket(toSide(a), toSide(b));
        a.forEach((o, i) => expect(r.sold[i]).toBeLessThanOrEqual(o.quantity + 1e-9));
        b.forEach((o, i) => expect(r.filled[i]).toBeLessThanOrEqual(o.quantity + 1e-9));
        const sold = r.sold.reduce((x, y) => x + y, 0);
        const filled = r.filled.reduce((x, y) => x + y, 0);
        expect(sold).toBeCloseTo(filled, 6);
      }),
    );
  });

  it('trades every unit at its ask and never above the bid it meets', () => {
    fc.assert(
      fc.property(orders, orders, (a, b) => {
        const r = clearMarket(toSide(a), toSide(b));
        for (let k = 0; k < r.trades.count; k++) {
          expect(r.trades.price[k]).toBe(a[r.trades.ask[k]].price);
          expect(r.trades.price[k]).toBeLessThanOrEqual(b[r.trades.bid[k]].price);
        }
      }),
    );
  });

  it('gives every order the same result when the inputs are shuffled', () => {
    fc.assert(
      fc.property(orders, orders, fc.integer(), (a, b, seed) => {
        const shuffle = <T>(xs: T[]) => {
          const out = [...xs];
          let x = seed >>> 0 || 1;
          for (let i = out.length - 1; i > 0; i--) {
            x = (x * 1103515245 + 12345) >>> 0;
            const j = x % (i + 1);
            [out[i], out[j]] = [out[j], out[i]];
          }
          return out;
        };
        const r1 = clearMarket(toSide(a), toSide(b));
        const a2 = shuffle(a);
        const b2 = shuffle(b);
        const r2 = clearMarket(toSide(a2), toSide(b2));
        const byId = (os: { id: number }[], xs: number[]) => new Map(os.map((o, i) => [o.id, xs[i]]));
        expect(byId(a2, r2.sold)).toEqual(byId(a, r1.sold));
        expect(byId(b2, r2.filled)).toEqual(byId(b, r1.filled));
        expect(byId(b2, r2.paid)).toEqual(byId(b, r1.paid));
      }),
    );
  });
});
