import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ranks } from '../../../src/montecarlo/sampling/ranks.js';

/** The definition: positions after a sort by value, equal values in index order. */
function ranksByDefinition(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  const out = new Array<number>(values.length);
  order.forEach((idx, r) => (out[idx] = r));
  return out;
}

describe('ranks', () => {
  it('are the positions of a sort by value, ties (-0 and 0 among them) broken by index', () => {
    expect([...ranks([3, 1, 2, 1, -0, 0, 1])]).toEqual([6, 2, 5, 3, 0, 1, 4]);
  });

  it('agree with the definition on any finite values, with many ties', () => {
    const value = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0, 1, 2));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 200 }), (values) => {
        expect([...ranks(values)]).toEqual(ranksByDefinition(values));
      }),
      { numRuns: 300 },
    );
  });
});
