import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addProbabilityRun, createProbabilities, mergeProbabilities, type ProbabilityCounts, probabilitySummary } from '../../src/stats/probability.js';
import { permute, splitAt } from './helpers.js';

const EVENTS = ['red', 'loss'];

describe('probability counters', () => {
  it('count, per month, the runs in which each event held, and share them out of all runs', () => {
    const p = createProbabilities(EVENTS, 3);
    addProbabilityRun(p, { red: [true, false, true], loss: [0, 0, 1] });
    addProbabilityRun(p, { red: [true, true, false], loss: [0, 1, 1], other: [] });
    addProbabilityRun(p, { red: [false, false, false], loss: [0, 0, 1] });
    addProbabilityRun(p, { red: Uint8Array.from([1, 0, 0]), loss: [false, false, true] });
    expect(probabilitySummary(p)).toEqual({
      total: 4,
      events: {
        red: { count: [3, 1, 1], share: [0.75, 0.25, 0.25] },
        loss: { count: [0, 1, 4], share: [0, 0.25, 1] },
      },
    });
  });

  it('merge to the same counts for any split and order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }))),
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (runs, cuts, mergeKeys) => {
          const countsOf = (rs: typeof runs): ProbabilityCounts => {
            const p = createProbabilities(EVENTS, 4);
            for (const [red, loss] of rs) addProbabilityRun(p, { red, loss });
            return p;
          };
          const whole = countsOf(runs);
          const shards = permute(splitAt(runs, cuts).map(countsOf), mergeKeys).map((p) => JSON.parse(JSON.stringify(p)));
          const merged = shards.reduce((into, from) => mergeProbabilities(into, from), createProbabilities(EVENTS, 4));
          expect(merged).toEqual(whole);
          expect(JSON.stringify(probabilitySummary(merged))).toBe(JSON.stringify(probabilitySummary(whole)));
        },
      ),
    );
  });

  it('give NaN shares before any run is counted', () => {
    expect(probabilitySummary(createProbabilities(['red'], 2)).events.red.share).toEqual([NaN, NaN]);
  });

  it('reject malformed runs without counting any of them', () => {
    const p = createProbabilities(EVENTS, 2);
    expect(() => addProbabilityRun(p, { red: [true, false] })).toThrow(/no outcome loss/);
    expect(() => addProbabilityRun(p, { red: [true, false], loss: [1] })).toThrow(/loss/);
    expect(() => addProbabilityRun(p, { red: [true, false], loss: [1, 2] })).toThrow(/not a boolean/);
    expect(probabilitySummary(p).total).toBe(0);
    expect(p.hits).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it('refuse to merge counters of different events or months', () => {
    expect(() => mergeProbabilities(createProbabilities(['a'], 2), createProbabilities(['b'], 2))).toThrow(RangeError);
    expect(() => mergeProbabilities(createProbabilities(['a'], 2), createProbabilities(['a'], 3))).toThrow(RangeError);
  });
});
