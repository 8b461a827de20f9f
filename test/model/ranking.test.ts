/**
 * The offer rankings' sort: for any prices (ties included) and any starting order, it leaves the
 * keys in order of (price, key), whether the insertion sort finishes or the merge sort takes over.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortByPrice } from '../../src/model/ranking.js';

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
          const buffer: number[] = [];
          sortByPrice(keys, price, buffer);
          expect(keys).toEqual(expected);
        },
      ),
    );
  });

  it('leaves an ordered ranking as it is, and reorders one that moved a little', () => {
    const price = Float64Array.of(1, 2, 3, 4, 5);
    const keys = [0, 1, 2, 3, 4];
    sortByPrice(keys, price, []);
    expect(keys).toEqual([0, 1, 2, 3, 4]);
    price[4] = 0;
    sortByPrice(keys, price, []);
    expect(keys).toEqual([4, 0, 1, 2, 3]);
  });
});
