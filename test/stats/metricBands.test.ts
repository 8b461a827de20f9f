import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodecError } from '../../src/stats/codec.js';
import { addRun, addRuns, bandsCodec, bandsSummary, createBands, type MetricBands, mergeBands, resetBands } from '../../src/stats/metricBands.js';
import { fromWireJSON, toWireJSON } from '../../src/stats/wireJSON.js';
import { ascending, lowerQuantile, normal, permute, splitAt, uniform } from './helpers.js';

const METRICS = ['rent', 'margin', 'regime'];
const MONTHS = 6;
const ALPHA = 0.005;

/** A synthetic run: a lognormal rent, a mixed-sign margin with awkward decimals, a 0/1/2 regime. */
function run(seed: number): Record<string, Float64Array> {
  const u = uniform(seed);
  const z = normal(seed ^ 0x5bd1e995);
  const rent = new Float64Array(MONTHS);
  const margin = new Float64Array(MONTHS);
  const regime = new Float64Array(MONTHS);
  for (let t = 0; t < MONTHS; t++) {
    rent[t] = Math.exp(1 + 0.3 * t * z());
    margin[t] = u() < 0.05 ? 0 : (u() - 0.6) * 10 ** (t - 3);
    regime[t] = Math.floor(3 * u());
  }
  return { rent, margin, regime, ignored: new Float64Array([NaN]) };
}

const bandsOf = (seeds: readonly number[], maxBuckets?: number, into = createBands(METRICS, MONTHS, ALPHA, maxBuckets)): MetricBands => {
  for (const seed of seeds) addRun(into, run(seed));
  return into;
};

/** The bands' state, canonical: equal for equal states, whatever their history. */
const stateOf = (b: MetricBands) => bandsCodec.encode(b);
const checkpoint = (b: MetricBands): MetricBands => bandsCodec.decode(fromWireJSON(JSON.parse(JSON.stringify(toWireJSON(stateOf(b)))), 'bands'));

describe('metric bands', () => {
  it('hold the same state when runs are added together as when added one by one', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 40 }), (seeds) => {
        const together = createBands(METRICS, MONTHS, ALPHA);
        addRuns(together, seeds.map(run));
        expect(stateOf(together)).toEqual(stateOf(bandsOf(seeds)));
      }),
      { numRuns: 60 },
    );
    // One bad run rejects the group before anything is added.
    const b = bandsOf([1, 2]);
    const before = stateOf(b);
    const bad = run(4);
    bad.rent[3] = NaN;
    expect(() => addRuns(b, [run(3), bad])).toThrow(/rent month 3/);
    expect(stateOf(b)).toEqual(before);
  });

  it('summarise byte-identically for any split into shards and any order of merging', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer(), { minLength: 0, maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 7 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.boolean(),
        (seeds, cuts, mergeKeys, viaJSON) => {
          const whole = bandsOf(seeds);
          const text = JSON.stringify(bandsSummary(whole));
          const shards = permute(
            splitAt(seeds, cuts).map((part) => bandsOf(part)),
            mergeKeys,
          ).map((b) => (viaJSON ? checkpoint(b) : structuredClone(b)));
          const merged = shards.reduce((into, from) => mergeBands(into, from), createBands(METRICS, MONTHS, ALPHA));
          expect(JSON.stringify(bandsSummary(merged))).toBe(text);
          expect(stateOf(merged)).toEqual(stateOf(whole));
          expect(merged.runs).toBe(seeds.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('merge encoded exactly as they merge as objects, and are as new once reset', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer(), { maxLength: 50 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        // Few buckets make the stores collapse, in the shards and in the merge.
        fc.constantFrom(8, 40, 2048),
        (seeds, cuts, maxBuckets) => {
          const whole = stateOf(bandsOf(seeds, maxBuckets));
          // One set of bands reused for every shard, as a worker does, reset after each.
          const reused = createBands(METRICS, MONTHS, ALPHA, maxBuckets);
          const merged = createBands(METRICS, MONTHS, ALPHA, maxBuckets);
          for (const part of splitAt(seeds, cuts)) {
            const encoded = structuredClone(stateOf(bandsOf(part, maxBuckets, reused)));
            resetBands(reused);
            expect(stateOf(reused)).toEqual(stateOf(createBands(METRICS, MONTHS, ALPHA, maxBuckets)));
            bandsCodec.mergeEncoded(merged, encoded);
          }
          expect(stateOf(merged)).toEqual(whole);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('refuse encoded bands of another shape or with counts missing, and stay unchanged', () => {
    const encoded = stateOf(bandsOf([1, 2, 3]));
    expect(() => bandsCodec.mergeEncoded(createBands(['rent'], MONTHS, ALPHA), encoded)).toThrow(RangeError);
    const short = { ...encoded, sketches: { ...encoded.sketches, counts: encoded.sketches.counts.subarray(1) } };
    const into = bandsOf([4]);
    const before = stateOf(into);
    expect(() => bandsCodec.mergeEncoded(into, short)).toThrow(CodecError);
    expect(stateOf(into)).toEqual(before);
  });

  it('summarise identically whatever the order of the runs within a shard', () => {
    const seeds = Array.from({ length: 200 }, (_, i) => i * 7919);
    const reversed = [...seeds].reverse();
    expect(JSON.stringify(bandsSummary(bandsOf(reversed)))).toBe(JSON.stringify(bandsSummary(bandsOf(seeds))));
  });

  it('give the P50 of a known set within α, the exact min, max and count, and the exact mean', () => {
    const b = createBands(['x'], 2, ALPHA);
    // Month 0: 1, 2, ..., 1001 (median 501); month 1: 0.1 in every run (a mean naive sums miss).
    for (let i = 1; i <= 1001; i++) addRun(b, { x: [i, 0.1] });
    const { x } = bandsSummary(b);
    expect(Math.abs(x.p50[0] - 501)).toBeLessThanOrEqual(ALPHA * 501);
    expect(x.min).toEqual([1, 0.1]);
    expect(x.max).toEqual([1001, 0.1]);
    expect(x.count).toEqual([1001, 1001]);
    expect(x.mean).toEqual([501, 0.1]);
    expect(x.p5[1]).toBe(0.1);
  });

  it('give every percentile within α of the exact lower quantile of the same rank', () => {
    const seeds = Array.from({ length: 500 }, (_, i) => i + 1);
    const summary = bandsSummary(bandsOf(seeds));
    const runs = seeds.map(run);
    const qs = { p5: 0.05, p10: 0.1, p25: 0.25, p50: 0.5, p75: 0.75, p90: 0.9, p95: 0.95 } as const;
    for (const metric of METRICS) {
      for (let t = 0; t < MONTHS; t++) {
        const sorted = ascending(runs.map((r) => r[metric][t]));
        for (const [key, q] of Object.entries(qs)) {
          const exact = lowerQuantile(sorted, q);
          const estimate = summary[metric][key as keyof typeof qs][t];
          expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(ALPHA * (1 + 1e-9) * Math.abs(exact));
        }
        expect(summary[metric].min[t]).toBe(sorted[0]);
        expect(summary[metric].max[t]).toBe(sorted[sorted.length - 1]);
      }
    }
  });

  it('give NaN (null in JSON) for months without values', () => {
    const s = bandsSummary(createBands(['x'], 1));
    expect(s.x.mean[0]).toBeNaN();
    expect(s.x.p50[0]).toBeNaN();
    expect(s.x.count).toEqual([0]);
    expect(JSON.parse(JSON.stringify(s)).x.p95).toEqual([null]);
  });

  it('list metrics in the order given and keep the field order fixed', () => {
    const s = bandsSummary(bandsOf([1, 2]));
    expect(Object.keys(s)).toEqual(METRICS);
    expect(Object.keys(s.rent)).toEqual(['mean', 'p5', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'min', 'max', 'count']);
  });

  it('reject a run with a missing, short or non-finite column, and leave the bands unchanged', () => {
    const b = bandsOf([1, 2, 3]);
    const before = JSON.stringify(toWireJSON(stateOf(b)));
    const good = run(4);
    expect(() => addRun(b, { ...good, regime: undefined as unknown as Float64Array })).toThrow(/no column regime/);
    expect(() => addRun(b, { ...good, margin: good.margin.subarray(1) })).toThrow(/margin/);
    const bad = Float64Array.from(good.regime);
    bad[MONTHS - 1] = NaN;
    expect(() => addRun(b, { ...good, regime: bad })).toThrow(/regime month 5/);
    expect(JSON.stringify(toWireJSON(stateOf(b)))).toBe(before);
  });

  it('refuse to merge bands of different shapes', () => {
    expect(() => mergeBands(createBands(['a', 'b'], 3), createBands(['b', 'a'], 3))).toThrow(RangeError);
    expect(() => mergeBands(createBands(['a'], 3), createBands(['a'], 4))).toThrow(RangeError);
    expect(() => mergeBands(createBands(['a'], 3, 0.01), createBands(['a'], 3, 0.005))).toThrow(RangeError);
  });
});
