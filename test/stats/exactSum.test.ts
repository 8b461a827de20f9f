import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addManyToSum, addToSum, createExactSum, type ExactSum, mergeSums, sumsCodec, sumValue } from '../../src/stats/exactSum.js';
import { exactRoundedSum, permute, splitAt, toUnits, unitsToDouble, uniform } from './helpers.js';

/** The sum's state, canonical (see `sumsCodec`): equal for equal values, whatever their history. */
const stateOf = (acc: ExactSum) => sumsCodec.encode([acc]);
const decoded = (acc: ExactSum): ExactSum => sumsCodec.decode(stateOf(acc))[0];

const sumOf = (xs: readonly number[]): ExactSum => {
  const acc = createExactSum();
  addManyToSum(acc, xs);
  return acc;
};
const valueOf = (xs: readonly number[]): number => sumValue(sumOf(xs));

/** Any finite double: huge, tiny, subnormal, signed zeros. */
const anyDouble = fc.double({ noNaN: true, noDefaultInfinity: true });
/** Doubles over a wide but realistic range of magnitudes, both signs. */
const wideDouble = fc.tuple(fc.double({ min: 1, max: 2, noNaN: true }), fc.integer({ min: -300, max: 300 }), fc.boolean()).map(([m, e, neg]) => (neg ? -1 : 1) * m * 2 ** e);

describe('the reference rounding used by these tests', () => {
  it('gives back every double it is given', () => {
    fc.assert(fc.property(anyDouble, (x) => Object.is(unitsToDouble(toUnits(x)), x === 0 ? 0 : x)));
  });
});

describe('an exact sum', () => {
  it('is 0 when empty', () => {
    expect(sumValue(createExactSum())).toBe(0);
  });

  it('of two doubles equals their IEEE sum, which is correctly rounded', () => {
    fc.assert(
      fc.property(anyDouble, anyDouble, (a, b) => {
        expect(valueOf([a, b]) + 0).toBe(a + b + 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('equals the correctly rounded exact sum of any doubles', () => {
    fc.assert(
      fc.property(fc.array(anyDouble, { maxLength: 40 }), (xs) => {
        expect(valueOf(xs)).toBe(exactRoundedSum(xs));
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.array(wideDouble, { maxLength: 200 }), (xs) => {
        expect(valueOf(xs)).toBe(exactRoundedSum(xs));
      }),
      { numRuns: 500 },
    );
  });

  it.each<[string, number[], number]>([
    ['cancellation: 1e16 + 1 - 1e16', [1e16, 1, -1e16], 1],
    ['intermediate overflow: 1e308 + 1e308 - 1e308', [1e308, 1e308, -1e308], 1e308],
    ['ten times 0.1', Array(10).fill(0.1), 1],
    ['two half-ulps that naive addition loses', [1, 2 ** -53, 2 ** -53], 1 + 2 ** -52],
    ['a tie, to even (down)', [1, 2 ** -53], 1],
    ['a tie, to even (up)', [1 + 2 ** -52, 2 ** -53], 1 + 2 ** -51],
    ['just above a tie', [1, 2 ** -53, 2 ** -300], 1 + 2 ** -52],
    ['just below a tie', [1, 2 ** -53, -(2 ** -300)], 1],
    ['the smallest subnormals', [Number.MIN_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE], Number.MIN_VALUE],
    ['subnormals adding up to a normal', Array(4).fill(2 ** -1023), 2 ** -1021],
    ['the largest doubles, overflowing', [Number.MAX_VALUE, Number.MAX_VALUE], Infinity],
    ['the largest doubles, negative', [-Number.MAX_VALUE, -Number.MAX_VALUE, Number.MAX_VALUE], -Number.MAX_VALUE],
    ['opposite signed zeros', [-0, 0, -0], 0],
    ['huge and tiny that cancel to the tiny', [1e300, 1e-300, -1e300, 5e-324], 1e-300],
  ])('is exact on %s', (_, xs, expected) => {
    expect(valueOf(xs)).toBe(expected);
    expect(valueOf(xs)).toBe(exactRoundedSum(xs));
  });

  it('stays exact over more additions than it holds between carries', () => {
    const u = uniform(7);
    const xs = Array.from({ length: 600_000 }, () => (u() - 0.3) * 2 ** Math.floor(u() * 120 - 60));
    expect(valueOf(xs)).toBe(exactRoundedSum(xs));
    // Same digits all the way: every addition lands on the same chunks.
    const ones = Array(1_100_000).fill(4294967295.75);
    expect(valueOf(ones)).toBe(exactRoundedSum(ones));
  });

  it('is the same for any order and any grouping into merged parts', () => {
    fc.assert(
      fc.property(
        fc.array(anyDouble, { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.array(fc.double({ noNaN: true }), { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (xs, cuts, orderKeys, mergeKeys) => {
          const whole = sumOf(xs);
          const parts = permute(splitAt(permute(xs, orderKeys), cuts).map(sumOf), mergeKeys);
          const merged = parts.reduce((into, from) => mergeSums(into, from), createExactSum());
          expect(stateOf(merged)).toEqual(stateOf(whole));
          expect(Object.is(sumValue(merged), sumValue(whole))).toBe(true);
          // A balanced tree of merges, too.
          let level = parts.map(decoded);
          while (level.length > 1) {
            const next: ExactSum[] = [];
            for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? mergeSums(level[i], level[i + 1]) : level[i]);
            level = next;
          }
          expect(stateOf(level[0] ?? createExactSum())).toEqual(stateOf(whole));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('leaves the merged-in sum unchanged', () => {
    const a = sumOf([1, 2, 3]);
    const b = sumOf([-1e300, 1e-300]);
    const before = stateOf(b);
    mergeSums(a, b);
    expect(stateOf(b)).toEqual(before);
  });

  it('round-trips through its encoding', () => {
    fc.assert(
      fc.property(fc.array(anyDouble, { maxLength: 30 }), (xs) => {
        const acc = sumOf(xs);
        const back = decoded(acc);
        expect(stateOf(back)).toEqual(stateOf(acc));
        expect(Object.is(sumValue(back), sumValue(acc))).toBe(true);
        // And keeps accumulating correctly.
        addToSum(back, 0.1);
        expect(sumValue(back)).toBe(exactRoundedSum([...xs, 0.1]));
      }),
      { numRuns: 300 },
    );
  });

  it('survives structured cloning', () => {
    const acc = sumOf([1e16, 1, -3.5]);
    expect(sumValue(structuredClone(acc))).toBe(sumValue(acc));
  });

  it('is encoded compactly, in sign and magnitude', () => {
    const e = sumsCodec.encode([sumOf([]), sumOf([-1]), sumOf([2 ** 40, 1])]);
    expect(Array.from(e.rows)).toEqual([0, 0, 0, 1, 33, 1, 0, 33, 2]);
    expect(Array.from(e.digits)).toEqual([262144, 262144, 67108864]);
  });

  it('rejects NaN and infinities', () => {
    const acc = createExactSum();
    expect(() => addToSum(acc, NaN)).toThrow(RangeError);
    expect(() => addToSum(acc, Infinity)).toThrow(RangeError);
    expect(() => addToSum(acc, -Infinity)).toThrow(RangeError);
    expect(sumValue(acc)).toBe(0);
  });
});
