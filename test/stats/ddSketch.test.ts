import fc from 'fast-check';
import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import {
  addManyToSketch,
  addToSketch,
  createDDSketch,
  type DDSketch,
  type DDSketchOptions,
  mergeSketches,
  sketchCount,
  sketchesCodec,
  sketchMax,
  sketchMin,
  sketchQuantile,
} from '../../src/stats/ddSketch.js';
import { ascending, lowerQuantile, normal, permute, sample, splitAt, uniform } from './helpers.js';

const ALPHA = 0.005;
/** Room for the floating-point error of log and pow (order 1e-13 relative). */
const SLACK = 1e-9;
const QS = [0, 0.001, 0.01, 0.05, 0.1, 0.25, 0.3, 0.5, 0.7, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

/** The sketch's state, canonical (see `sketchesCodec`): equal for equal states, whatever their history. */
const stateOf = (s: DDSketch) => sketchesCodec.encode([s]);

const sketchOf = (xs: readonly number[], options?: DDSketchOptions): DDSketch => {
  const s = createDDSketch(options);
  addManyToSketch(s, xs);
  return s;
};

/**
 * Every quantile in `qs` keeps the documented guarantee against the exact lower quantile x of the
 * same rank: within relative error alpha when |x| is at least (largest magnitude of its sign) /
 * γ^(maxBuckets - 1); below that, where buckets may have been collapsed, of the same sign and
 * overstated in magnitude up to about that bound. Returns how many quantiles were in collapsed range.
 */
function expectGuarantee(xs: readonly number[], qs: readonly number[] = QS, options: DDSketchOptions = {}): number {
  const alpha = options.alpha ?? ALPHA;
  const maxBuckets = options.maxBuckets ?? 2048;
  const gamma = (1 + alpha) / (1 - alpha);
  const s = sketchOf(xs, options);
  const sorted = ascending(xs);
  const zeroBelow = s.minIndexable;
  let collapsed = 0;
  for (const q of qs) {
    const exact = lowerQuantile(sorted, q);
    const estimate = sketchQuantile(s, q);
    const fail = (why: string) => new Error(`q=${q}: estimate ${estimate}, exact ${exact}: ${why}`);
    if (Math.abs(exact) < zeroBelow) {
      if (!(Math.abs(estimate - exact) < zeroBelow)) throw fail('not zero');
      continue;
    }
    const largest = exact > 0 ? sorted[sorted.length - 1] : -sorted[0];
    const accurateFrom = (largest / gamma ** (maxBuckets - 1)) * (1 + SLACK);
    if (Math.abs(exact) >= accurateFrom) {
      const error = Math.abs(estimate - exact) / Math.abs(exact);
      if (!(error <= alpha * (1 + SLACK))) throw fail(`relative error ${error}`);
    } else {
      collapsed++;
      if (Math.sign(estimate) !== Math.sign(exact)) throw fail('wrong sign');
      if (!(Math.abs(estimate) >= Math.abs(exact) * (1 - alpha) * (1 - SLACK))) throw fail('understated');
      if (!(Math.abs(estimate) <= accurateFrom * gamma)) throw fail('overstated beyond the collapsed bucket');
    }
  }
  return collapsed;
}

/** As `expectGuarantee`, and no quantile may be in collapsed range. */
function expectWithinAlpha(xs: readonly number[], qs: readonly number[] = QS, options: DDSketchOptions = {}): void {
  expect(expectGuarantee(xs, qs, options)).toBe(0);
}

describe('DDSketch quantiles are within α of the exact lower quantile of the same rank', () => {
  it('on uniform samples', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 3000 }), (seed, n) => {
        const u = uniform(seed);
        expectWithinAlpha(sample(n, () => 10 + 90 * u()));
      }),
      { numRuns: 60 },
    );
  });

  it('on lognormal samples (collapsing only the lowest values, and only for wide ones)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 3000 }), fc.double({ min: 0.1, max: 5, noNaN: true }), (seed, n, sigma) => {
        const z = normal(seed);
        const collapsed = expectGuarantee(sample(n, () => Math.exp(2 + sigma * z())));
        if (sigma <= 2) expect(collapsed).toBe(0);
      }),
      { numRuns: 60 },
    );
  });

  it('on mixed-sign samples with zeros', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 3000 }), (seed, n) => {
        const u = uniform(seed);
        expectGuarantee(sample(n, () => (u() < 0.1 ? 0 : (u() - 0.4) * 1e6)));
        expectWithinAlpha(sample(n, () => (u() < 0.1 ? 0 : (u() < 0.4 ? -1 : 1) * (1 + 99 * u()))));
      }),
      { numRuns: 60 },
    );
  });

  it('on heavy-tailed samples (Pareto and Cauchy)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 3000 }), (seed, n) => {
        const u = uniform(seed);
        expectGuarantee(sample(n, () => (1 - u()) ** (-1 / 0.7)));
        expectGuarantee(sample(n, () => Math.tan(Math.PI * (u() - 0.5))));
        // With buckets enough for the whole range, nothing collapses.
        expectWithinAlpha(
          sample(n, () => Math.tan(Math.PI * (u() - 0.5))),
          QS,
          { maxBuckets: 1 << 18 },
        );
      }),
      { numRuns: 60 },
    );
  });

  it('on arbitrary arrays and quantiles drawn by fast-check', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 300 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 }),
        (xs, qs) => {
          expectGuarantee(xs, qs);
          expectGuarantee(xs, qs, { maxBuckets: 8 });
          // 2^18 buckets cover every double's key: no collapsing, the plain guarantee.
          expectWithinAlpha(xs, qs, { maxBuckets: 1 << 18 });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('with other accuracies', () => {
    const z = normal(3);
    const xs = sample(5000, () => Math.exp(3 * z()));
    for (const alpha of [0.01, 0.05, 0.2]) expectWithinAlpha(xs, QS, { alpha });
    // A finer accuracy covers a narrower range with the same buckets.
    expect(expectGuarantee(xs, QS, { alpha: 0.0001 })).toBeGreaterThan(0);
    expectWithinAlpha(xs, QS, { alpha: 0.0001, maxBuckets: 1 << 17 });
  });

  it('and agree with simple-statistics where its rank rule picks the same element', () => {
    // quantileSorted takes element ceil(n q) - 1 unless n q is an integer; with n - 1 = 1000 and
    // q = k / 1000 (k not a multiple of 1000/gcd), floor(q (n - 1)) = k = ceil(n q) - 1.
    const u = uniform(11);
    const sorted = ascending(sample(1001, () => Math.exp(5 * u())));
    const s = sketchOf(sorted);
    for (const q of [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95]) {
      const reference = quantileSorted(sorted, q);
      expect(reference).toBe(lowerQuantile(sorted, q));
      expect(Math.abs(sketchQuantile(s, q) - reference)).toBeLessThanOrEqual(ALPHA * (1 + SLACK) * reference);
    }
  });
});

describe('a DDSketch', () => {
  it('keeps the exact count, min and max, and gives them at q = 0 and q = 1', () => {
    const xs = [3.25, -7.5, 1e-3, 42, 0, -0];
    const s = sketchOf(xs);
    expect(sketchCount(s)).toBe(6);
    expect(sketchMin(s)).toBe(-7.5);
    expect(sketchMax(s)).toBe(42);
    expect(sketchQuantile(s, 0)).toBe(-7.5);
    expect(sketchQuantile(s, 1)).toBe(42);
  });

  it('counts -0 and values below the minimum indexable value as zero', () => {
    const s = sketchOf([-0, 1e-310, -1e-310, 0, 2 ** -1022, -(2 ** -1022)]);
    expect(s.minIndexable).toBe(2 ** -1022 * s.gamma);
    expect(s.zeroCount).toBe(6);
    expect(sketchQuantile(s, 0.5)).toBe(0);
    expect(Object.is(sketchMax(sketchOf([-0])), 0)).toBe(true);
  });

  it('is empty with NaN quantiles, min and max', () => {
    const s = createDDSketch();
    expect(sketchQuantile(s, 0.5)).toBeNaN();
    expect(sketchMin(s)).toBeNaN();
    expect(sketchMax(s)).toBeNaN();
  });

  it('rejects NaN, infinities and quantiles outside [0, 1]', () => {
    const s = sketchOf([1, 2]);
    expect(() => addToSketch(s, NaN)).toThrow(RangeError);
    expect(() => addToSketch(s, Infinity)).toThrow(RangeError);
    expect(() => addToSketch(s, -Infinity)).toThrow(RangeError);
    expect(sketchCount(s)).toBe(2);
    expect(() => sketchQuantile(s, 1.5)).toThrow(RangeError);
    expect(() => sketchQuantile(s, NaN)).toThrow(RangeError);
    expect(() => createDDSketch({ alpha: 0 })).toThrow(RangeError);
  });

  it('stays within maxBuckets per sign, collapsing the lowest magnitudes', () => {
    const xs = sample(
      20_000,
      (() => {
        const u = uniform(5);
        return () => (u() < 0.5 ? -1 : 1) * 10 ** (12 * u() - 6);
      })(),
    );
    const maxBuckets = 100;
    const s = sketchOf(xs, { maxBuckets });
    expect(s.positive.hi - s.positive.lo + 1).toBeLessThanOrEqual(maxBuckets);
    expect(s.negative.hi - s.negative.lo + 1).toBeLessThanOrEqual(maxBuckets);
    expect(s.positive.counts.length).toBeLessThanOrEqual(maxBuckets);
    expect(s.count).toBe(xs.length);
    // Magnitudes within γ^(maxBuckets - 1) of the largest of their sign keep the guarantee;
    // smaller ones are overstated in magnitude.
    const gamma = (1 + ALPHA) / (1 - ALPHA);
    const accurateFrom = (largest: number) => largest / gamma ** (maxBuckets - 1);
    const sorted = ascending(xs);
    let checked = 0;
    for (const q of [0, 0.001, 0.1, 0.3, 0.45, 0.55, 0.7, 0.9, 0.99, 0.999, 1]) {
      const exact = lowerQuantile(sorted, q);
      const estimate = sketchQuantile(s, q);
      const largest = exact > 0 ? sketchMax(s) : -sketchMin(s);
      if (Math.abs(exact) > accurateFrom(largest)) {
        expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(ALPHA * (1 + SLACK) * Math.abs(exact));
      } else {
        expect(Math.abs(estimate)).toBeGreaterThanOrEqual(Math.abs(exact));
        expect(Math.sign(estimate)).toBe(Math.sign(exact));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('refuses to merge sketches of different accuracy', () => {
    expect(() => mergeSketches(createDDSketch({ alpha: 0.01 }), createDDSketch())).toThrow(RangeError);
    expect(() => mergeSketches(createDDSketch({ maxBuckets: 10 }), createDDSketch())).toThrow(RangeError);
  });

  it('throws rather than wrap a bucket count past 2^32 - 1', () => {
    const e = stateOf(sketchOf([1]));
    e.rows[0] = 0xffffffff;
    e.counts[0] = 0xffffffff;
    const [full] = sketchesCodec.decode(e);
    expect(() => addToSketch(full, 1)).toThrow(RangeError);
  });
});

describe('merging DDSketches', () => {
  /** Samples over a wide range of magnitudes and both signs, to exercise collapsing too. */
  const values = fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0, 1, -1, 1e-320)), { maxLength: 120 });

  it('gives the sketch of the concatenation, for any split, order of values and order of merges', () => {
    fc.assert(
      fc.property(
        values,
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 120 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.constantFrom(4, 16, 2048),
        (xs, cuts, orderKeys, mergeKeys, maxBuckets) => {
          const options = { maxBuckets };
          const whole = stateOf(sketchOf(xs, options));
          expect(stateOf(sketchOf(permute(xs, orderKeys), options))).toEqual(whole);
          const parts = permute(
            splitAt(permute(xs, orderKeys), cuts).map((p) => sketchOf(p, options)),
            mergeKeys,
          );
          const folded = parts.reduce((into, from) => mergeSketches(into, from), createDDSketch(options));
          expect(stateOf(folded)).toEqual(whole);
          // Right to left, each part encoded and decoded on its way.
          const back = parts.map((p) => sketchesCodec.decode(stateOf(p))[0]).reduceRight((into, from) => mergeSketches(from, into));
          expect(stateOf(back ?? createDDSketch(options))).toEqual(whole);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('leaves the merged-in sketch unchanged', () => {
    const a = sketchOf([1, 2, 3], { maxBuckets: 4 });
    const b = sketchOf([1e9, -5, 0.5], { maxBuckets: 4 });
    const before = stateOf(b);
    mergeSketches(a, b);
    expect(stateOf(b)).toEqual(before);
  });
});

describe('DDSketch encoding', () => {
  it('gives the same quantiles after a round trip', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e12, max: 1e12, noNaN: true }), { maxLength: 200 }), (xs) => {
        const s = sketchOf(xs);
        const [back] = sketchesCodec.decode(stateOf(s));
        expect(stateOf(back)).toEqual(stateOf(s));
        for (const q of QS) expect(Object.is(sketchQuantile(back, q), sketchQuantile(s, q))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('holds each store from its lowest to its highest nonzero key, and key 0 as +0', () => {
    const e = stateOf(sketchOf([1, 1, 2, -3]));
    expect(Array.from(e.rows)).toEqual([4, 0, -3, 2, 0, 71, 110, 1]);
    expect(Array.from(e.counts)).toEqual([2, ...Array(69).fill(0), 1, 1]);
    const zero = stateOf(sketchOf([0.999, -0.999]));
    expect(Object.is(zero.rows[4], 0) && Object.is(zero.rows[6], 0)).toBe(true);
  });

  it('survives structured cloning', () => {
    const s = sketchOf([1, 5, -2, 0]);
    expect(stateOf(structuredClone(s))).toEqual(stateOf(s));
  });
});
