import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distance, scaledResidual, seriesShares, type Target } from '../../src/calibration/distance.js';
import { ensembleScore, pitHistogram } from '../../src/calibration/forecastScores.js';
import { fit } from '../../src/calibration/posterior.js';
import { priorOf, valuesOf } from '../../src/calibration/prior.js';
import { calibratedScenarioText } from '../../src/calibration/calibratedScenario.js';
import { createRng } from '../../src/model/random.js';
import { quantile } from '../../src/montecarlo/sampling/distributions.js';
import { systematicResample } from '../../src/montecarlo/sampling/resample.js';
import { parseParameterTable } from '../../src/montecarlo/sampling/table.js';
import { parseScenario } from '../../src/scenario/load.js';
import { baselineText } from '../cli/helpers.js';

/** Numbers in tenths: differences between them never underflow to a zero square. */
const tenths = fc.integer({ min: -1000, max: 1000 }).map((i) => i / 10);
const point = (value: number, sd = 1, metric = 'm'): Target => ({ metric, value, low: null, high: null, sd, weight: 1 });
const range = (low: number | null, high: number | null, sd = 1): Target => ({ metric: 'm', value: null, low, high, sd, weight: 1 });

describe('distance to observations', () => {
  it('is zero inside a range or beyond a bound, and the gap in errors outside', () => {
    expect(scaledResidual(range(2, 4, 0.5), 3)).toBe(0);
    expect(scaledResidual(range(2, 4, 0.5), 5)).toBe(2);
    expect(scaledResidual(range(2, 4, 0.5), 1)).toBe(-2);
    expect(scaledResidual(range(8, null), 9)).toBe(0);
    expect(scaledResidual(range(8, null, 2), 7)).toBe(-0.5);
    expect(scaledResidual(range(null, 3), 4)).toBe(1);
    expect(scaledResidual(point(10, 2), 13)).toBe(1.5);
    expect(scaledResidual(point(10), Number.NaN)).toBe(Infinity);
  });

  it('gives every series one share, however many points it has', () => {
    const targets = [point(1, 1, 'rent'), point(1, 1, 'rent'), point(1, 1, 'rent'), point(1, 1, 'margin')];
    expect([...seriesShares(targets)]).toEqual([1 / 6, 1 / 6, 1 / 6, 1 / 2]);
    // A margin one error off counts as much as every rent point one error off.
    expect(distance(targets, seriesShares(targets), [[1, 1, 1, 2]])).toBeCloseTo(distance(targets, seriesShares(targets), [[2, 2, 2, 1]]), 12);
  });

  it('is never negative and is zero only when every replicate meets every point', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(tenths, tenths), { minLength: 1, maxLength: 8 }), (pairs) => {
        const targets = pairs.map(([v]) => point(v));
        const d = distance(targets, seriesShares(targets), [pairs.map(([, y]) => y)]);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d === 0).toBe(pairs.every(([v, y]) => v === y));
      }),
    );
  });
});

describe('the prior in normal scores', () => {
  it('maps a score to the input through its distribution, inside its range', () => {
    const prior = priorOf([
      { path: 'a', dist: { dist: 'uniform', min: 2, max: 4 } },
      { path: 'b', dist: { dist: 'choice', values: [1, 2, 3] } },
    ]);
    expect(valuesOf(prior, [0, 0])).toEqual([3, 2]);
    fc.assert(
      fc.property(fc.double({ min: -40, max: 40, noNaN: true }), (z) => {
        const [a, b] = valuesOf(prior, [z, z]);
        expect(a).toBeGreaterThanOrEqual(2);
        expect(a).toBeLessThanOrEqual(4);
        expect([1, 2, 3]).toContain(b);
      }),
    );
  });

  it('refuses correlations that are not a correlation matrix', () => {
    const inputs = ['a', 'b', 'c'].map((path) => ({ path, dist: { dist: 'uniform' as const, min: 0, max: 1 } }));
    expect(() =>
      priorOf(inputs, [
        { a: 'a', b: 'b', rho: 0.99 },
        { a: 'b', b: 'c', rho: 0.99 },
        { a: 'a', b: 'c', rho: -0.99 },
      ]),
    ).toThrow(/not a valid correlation matrix/);
  });
});

describe('posterior fits', () => {
  const rng = createRng('fits');
  const sample = (n: number, draw: () => number) => Array.from({ length: n }, draw);
  const equal = (n: number) => new Array<number>(n).fill(1);

  it('keep the prior family and its support', () => {
    const xs = sample(4000, () => 2 + 0.5 * rng());
    const beta = fit({ dist: 'uniform', min: 2, max: 4 }, xs, equal(xs.length));
    expect(beta).toMatchObject({ dist: 'beta', min: 2, max: 4 });
    const b = beta as Extract<typeof beta, { dist: 'beta' }>;
    // The sample is uniform on [2, 2.5]: mean 2.25 on the prior's scale.
    expect(2 + (2 * b.alpha) / (b.alpha + b.beta)).toBeCloseTo(2.25, 1);
    const logs = sample(4000, () => Math.exp(0.1 + 0.2 * quantile({ dist: 'normal', mean: 0, sd: 1 }, Math.min(0.999, Math.max(0.001, rng())))));
    const ln = fit({ dist: 'lognormal', median: 1, sigma: 0.5 }, logs, equal(logs.length)) as { dist: string; median: number; sigma: number };
    expect(ln.dist).toBe('lognormal');
    expect(ln.median).toBeCloseTo(Math.exp(0.1), 1);
    expect(ln.sigma).toBeCloseTo(0.2, 1);
  });

  it('weight a choice by the posterior mass on each value', () => {
    expect(fit({ dist: 'choice', values: [1, 2, 3] }, [1, 3, 3], [0.2, 0.3, 0.5])).toEqual({ dist: 'choice', values: [1, 2, 3], weights: [0.2, 0, 0.8] });
  });
});

describe('calibrated scenario text', () => {
  it('changes only the calibrated inputs, their correlations and the name, and still loads', () => {
    const text = baselineText();
    const posterior = {
      path: 'market.hype.halfLifeMonths',
      prior: { dist: 'triangular' as const, min: 8, mode: 15, max: 30 },
      mean: 14,
      sd: 2,
      p5: 11,
      p50: 14,
      p95: 18,
      fitted: { dist: 'beta' as const, alpha: 3, beta: 7, min: 8, max: 30 },
    };
    const out = calibratedScenarioText(text, [posterior], [], { observedFile: 'obs.csv', observedSha256: 'abc', command: 'gpu-market calibrate x', summary: 'Stopped.' });
    const removed = text.split('\n').filter((l) => !out.split('\n').includes(l));
    expect(removed).toEqual([text.split('\n').find((l) => l.startsWith('name:')), '  market.hype.halfLifeMonths: { dist: triangular, min: 8, mode: 15, max: 30 }']);
    expect(out).toContain('  market.hype.halfLifeMonths: { dist: beta, alpha: 3, beta: 7, min: 8, max: 30 }');
    expect(out).toContain('# Observed data: obs.csv (sha256 abc)');
    const s = parseScenario(out, 'calibrated.yaml');
    expect(s.uncertain['market.hype.halfLifeMonths']).toEqual(posterior.fitted);
    expect(s.name.endsWith('(calibrated)')).toBe(true);
    // The prior's correlation with an input the calibration left alone is kept.
    expect(s.correlations).toEqual([{ a: 'market.hype.halfLifeMonths', b: 'entrants.baseMonthlyProbability', rho: 0.5 }]);
  });
});

describe('weighted tables', () => {
  it('read a weight column apart from the parameters', () => {
    const t = parseParameterTable('a,weight,b\n1,0.25,2\n3,0.75,4\n', { file: 't.csv', known: ['a', 'b'] });
    expect(t).toEqual({
      paths: ['a', 'b'],
      rows: [
        [1, 2],
        [3, 4],
      ],
      weights: [0.25, 0.75],
    });
    expect(() => parseParameterTable('a,weight\n1,-1\n', { file: 't.csv', known: ['a'] })).toThrow(/t\.csv:2:2: weight: expected a weight of 0 or more/);
    expect(() => parseParameterTable('a,weight\n1,0\n', { file: 't.csv', known: ['a'] })).toThrow(/weights with a positive sum/);
  });

  it('resample each row floor(n·w) or ceil(n·w) times', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 200 }), fc.integer(), (weights, n, seed) => {
        fc.pre(weights.reduce((a, w) => a + w, 0) > 0);
        const picks = systematicResample(weights, n, createRng(`r/${seed}`));
        expect(picks).toHaveLength(n);
        const total = weights.reduce((a, w) => a + w, 0);
        weights.forEach((w, i) => {
          const count = picks.filter((p) => p === i).length;
          expect(count).toBeGreaterThanOrEqual(Math.floor((n * w) / total - 1e-9));
          expect(count).toBeLessThanOrEqual(Math.ceil((n * w) / total + 1e-9));
        });
      }),
    );
  });
});

describe('forecast scores', () => {
  it('give the exact CRPS of an ensemble, a PIT and the band checks', () => {
    const s = ensembleScore(point(2), [1, 2, 3, 4]);
    // (1/n)Σ|x − y| = 1; (1/2n²)ΣΣ|xi − xj| = 20 / 32.
    expect(s.crps).toBeCloseTo(1 - 20 / 32, 12);
    expect(s.pit).toBe((1 + 0.5) / 4);
    expect(s.inside90).toBe(true);
    // A range that holds the median scores as if the forecast were right there.
    const r = ensembleScore(range(2, 3.5), [1, 2, 3, 4]);
    expect(r.scoredAt).toBe(2.5);
    expect(ensembleScore(range(10, null), [1, 2, 3, 4]).inside90).toBe(false);
    expect(pitHistogram([0, 0.05, 0.5, 0.99, 1])).toEqual([2, 0, 0, 0, 0, 1, 0, 0, 0, 2]);
  });

  it('never gives a negative CRPS, and gives 0 to a sure and right forecast', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 30 }), fc.double({ min: -60, max: 60, noNaN: true }), (xs, y) => {
        expect(ensembleScore(point(y), xs).crps).toBeGreaterThanOrEqual(-1e-9);
      }),
    );
    expect(ensembleScore(point(3), [3, 3, 3]).crps).toBe(0);
  });
});
