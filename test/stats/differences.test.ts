import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/model/random.js';
import { pairedDifference, unpairedDifference, Z90 } from '../../src/stats/differences.js';
import { quantileSorted } from '../../src/stats/quantile.js';

const values = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 });
const median = (xs: readonly number[]): number =>
  quantileSorted(
    [...xs].sort((a, b) => a - b),
    0.5,
  );

describe('pairedDifference', () => {
  it('is exactly zero, interval and spread included, for a sample against itself', () => {
    fc.assert(
      fc.property(values, (a) => {
        const d = pairedDifference(a, [...a])!;
        expect(d.pairs).toBe(a.length);
        for (const v of [d.median, d.p5, d.p95, d.mean]) expect(v).toBe(0);
        if (a.length > 1) expect([d.meanLow, d.meanHigh]).toEqual([0, 0]);
      }),
    );
  });

  it('turns over when the two sides are swapped', () => {
    fc.assert(
      fc.property(values, values, (x, y) => {
        const n = Math.min(x.length, y.length);
        const ab = pairedDifference(x.slice(0, n), y.slice(0, n))!;
        const ba = pairedDifference(y.slice(0, n), x.slice(0, n))!;
        expect(ba.median).toBeCloseTo(-ab.median, 6);
        expect(ba.p5).toBeCloseTo(-ab.p95, 6);
        expect(ba.mean).toBeCloseTo(-ab.mean, 6);
      }),
    );
  });

  it('gives the differences’ median, P5, P95 and the mean ± 1.645 standard errors', () => {
    const a = [10, 10, 10, 10, 10];
    const b = [11, 12, 13, 14, 15];
    const d = pairedDifference(a, b)!;
    expect(d).toMatchObject({ pairs: 5, median: 3, mean: 3 });
    expect(d.p5).toBeCloseTo(1.2, 12);
    expect(d.p95).toBeCloseTo(4.8, 12);
    // sd of 1…5 is √2.5; the standard error √(2.5 / 5).
    expect(d.meanLow).toBeCloseTo(3 - Z90 * Math.sqrt(0.5), 12);
    expect(d.meanHigh).toBeCloseTo(3 + Z90 * Math.sqrt(0.5), 12);
  });

  it('has no interval for a single pair, and nothing at all for none', () => {
    expect(pairedDifference([1], [4])).toMatchObject({ pairs: 1, median: 3, mean: 3, meanLow: null, meanHigh: null });
    expect(pairedDifference([], [])).toBeNull();
    expect(() => pairedDifference([1, 2], [1])).toThrow(RangeError);
  });
});

describe('unpairedDifference', () => {
  it('gives the difference of medians and means, both zero for a sample against itself', () => {
    fc.assert(
      fc.property(values, (a) => {
        const d = unpairedDifference(a, [...a], createRng('test'), 50)!;
        expect(d.median).toBe(0);
        expect(d.mean).toBe(0);
      }),
    );
    const d = unpairedDifference([1, 2, 3], [5, 6, 7, 100], createRng('test'), 200)!;
    expect(d.median).toBe(6.5 - 2);
    expect(d.mean).toBe(29.5 - 2);
  });

  it('bootstraps the medians exactly as resampling and sorting would, from the same draws', () => {
    fc.assert(
      fc.property(values, values, fc.integer({ min: 1, max: 30 }), (a, b, replicates) => {
        if (a.length < 2 || b.length < 2) return;
        const fast = unpairedDifference(a, b, createRng('boot'), replicates)!;
        // The same draws: per replicate, b's resample first, then a's, each index ⌊u · n⌋ of the sorted sample.
        const uniform = createRng('boot');
        const sa = [...a].sort((x, y) => x - y);
        const sb = [...b].sort((x, y) => x - y);
        const resample = (s: number[]) => s.map(() => s[Math.min(s.length - 1, Math.floor(uniform() * s.length))]);
        const reps = Array.from({ length: replicates }, () => {
          const rb = median(resample(sb));
          return rb - median(resample(sa));
        }).sort((x, y) => x - y);
        expect(fast.medianLow).toBeCloseTo(quantileSorted(reps, 0.05), 6);
        expect(fast.medianHigh).toBeCloseTo(quantileSorted(reps, 0.95), 6);
      }),
      { numRuns: 60 },
    );
  });

  it('is the same every time from the same seed', () => {
    const a = Array.from({ length: 300 }, (_, i) => Math.sin(i) * 10);
    const b = a.map((v, i) => v + 2 + Math.cos(i));
    expect(unpairedDifference(a, b, createRng('x'))).toEqual(unpairedDifference(a, b, createRng('x')));
  });

  it('covers a known shift: samples 2 apart give an interval around 2 that excludes 0', () => {
    const a = Array.from({ length: 400 }, (_, i) => (i % 20) / 10);
    const b = a.map((v) => v + 2);
    const d = unpairedDifference(a, b, createRng('shift'))!;
    expect(d.median).toBeCloseTo(2, 12);
    expect(d.medianLow!).toBeLessThanOrEqual(2);
    expect(d.medianHigh!).toBeGreaterThanOrEqual(2);
    expect(d.medianLow!).toBeGreaterThan(0);
    expect(d.meanLow!).toBeGreaterThan(1.9);
    expect(d.meanHigh!).toBeLessThan(2.1);
  });

  it('leaves out the medians’ interval without a stream (0/1 values), and every interval with a single value', () => {
    expect(unpairedDifference([0, 1, 1], [1, 1, 1])).toMatchObject({ medianLow: null, medianHigh: null });
    expect(unpairedDifference([0, 1, 1], [1, 1, 1])!.meanLow).not.toBeNull();
    expect(unpairedDifference([1], [2, 3], createRng('x'))).toEqual({ median: 1.5, medianLow: null, medianHigh: null, mean: 1.5, meanLow: null, meanHigh: null });
    expect(unpairedDifference([], [2, 3], createRng('x'))).toBeNull();
  });
});
