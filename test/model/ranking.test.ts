/**
 * The offer rankings' sort: for any prices (ties included) and any starting order, it leaves the
 * keys in order of (price, key), whether the insertion sort finishes, the packed sort or the merge
 * sort takes over.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortByPrice, sortWork } from '../../src/model/ranking.js';

const byPriceThenKey = (price: Float64Array) => (a: number, b: number) => price[a] - price[b] || a - b;

describe('sortByPrice', () => {
  it('orders keys by price, then key, from any starting order', () => {
    fc.assert(
      fc.property(
        // Few distinct prices, so that ties are common.
        fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 0, maxLength: 200 }),
        fc.integer(),
        (levels, seed) => {
          const price = Float64Array.from(levels, (x) => x / 4);
          const keys = levels.map((_, i) => i);
          // A seeded shuffle of the keys as the starting order.
          let s = seed | 0;
          for (let i = keys.length - 1; i > 0; i--) {
            s = (Math.imul(s, 1103515245) + 12345) | 0;
            const j = (s >>> 0) % (i + 1);
            [keys[i], keys[j]] = [keys[j], keys[i]];
          }
          const expected = [...keys].sort(byPriceThenKey(price));
          sortByPrice(keys, price);
          expect(keys).toEqual(expected);
        },
      ),
    );
  });

  it('orders prices that differ only in their last bits, zeros of both signs and infinities, month after month', () => {
    // Prices one or two units in the last place apart cannot carry their keys in those bits: the
    // sort must notice and still order them by price.
    const levels = [1, 1 + 2 ** -52, 1 + 2 ** -51, 0, -0, 3, Infinity, 2 ** -1074, 1e300];
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: levels.length - 1 }), { minLength: 30, maxLength: 30 }), { minLength: 1, maxLength: 4 }), (months) => {
        const work = sortWork();
        const keys = months[0].map((_, i) => 29 - i);
        for (const month of months) {
          const price = Float64Array.from(month, (i) => levels[i]);
          const expected = [...keys].sort((a, b) => (price[a] < price[b] ? -1 : price[a] > price[b] ? 1 : a - b));
          sortByPrice(keys, price, work);
          expect(keys).toEqual(expected);
        }
      }),
    );
  });

  it('leaves an ordered ranking as it is, and reorders one that moved a little', () => {
    const price = Float64Array.of(1, 2, 3, 4, 5);
    const keys = [0, 1, 2, 3, 4];
    sortByPrice(keys, price);
    expect(keys).toEqual([0, 1, 2, 3, 4]);
    price[4] = 0;
    sortByPrice(keys, price);
    expect(keys).toEqual([4, 0, 1, 2, 3]);
  });

  it('orders keys too large to pack with their prices, as it orders small ones', () => {
    // Keys past 2^20 do not fit beside a price in one 64-bit integer; the sort must still order them.
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 2 ** 21 }), { minLength: 2, maxLength: 60 }), fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 60, maxLength: 60 }), (keys, levels) => {
        const price = new Float64Array(2 ** 21 + 1);
        keys.forEach((key, i) => (price[key] = levels[i] / 2));
        const expected = [...keys].sort(byPriceThenKey(price));
        sortByPrice(keys, price, sortWork(), 0);
        expect(keys).toEqual(expected);
      }),
      { numRuns: 30 },
    );
  });
});
