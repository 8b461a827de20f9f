/**
 * Plain Monte Carlo and Latin hypercube designs: reproducible from the seed alone, stratified
 * where they promise to be, and converging as they should.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRng } from '../../../src/model/random.js';
import { designRng, sampleDesign, shuffleInPlace, unitDesign, type UncertainInput } from '../../../src/montecarlo/sampling/designs.js';
import { DistributionSchema } from '../../../src/montecarlo/sampling/distributions.js';

const input = (path: string, dist: unknown): UncertainInput => ({ path, dist: DistributionSchema.parse(dist) });
const INPUTS = [
  input('vendor.outputScale', { dist: 'lognormal', median: 1, sigma: 0.3 }),
  input('generations.H800.outputGrowthPerYear', { dist: 'uniform', min: 0.5, max: 2 }),
  input('market.hype.initial', { dist: 'triangular', min: 0.5, mode: 1, max: 1.5 }),
];
const UNIFORM = [input('x', { dist: 'uniform', min: 0, max: 1 })];
const column = (rows: number[][], j: number) => rows.map((r) => r[j]);
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

afterEach(() => {
  vi.restoreAllMocks();
});

describe.each(['mc', 'lhs'] as const)('a %s design', (design) => {
  it('has n rows of one value per input', () => {
    const rows = sampleDesign(INPUTS, 7, design, createRng('a'));
    expect(rows).toHaveLength(7);
    for (const row of rows) expect(row).toHaveLength(3);
  });

  it('is the same for the same seed', () => {
    expect(sampleDesign(INPUTS, 50, design, designRng(42))).toEqual(sampleDesign(INPUTS, 50, design, designRng(42)));
  });

  it('differs for a different seed', () => {
    expect(sampleDesign(INPUTS, 50, design, designRng(42))).not.toEqual(sampleDesign(INPUTS, 50, design, designRng(43)));
  });

  it('lets one run be reproduced by regenerating the design and taking its row', () => {
    const batch = sampleDesign(INPUTS, 20, design, designRng('batch-7'));
    const again = sampleDesign(INPUTS, 20, design, designRng('batch-7'));
    expect(again[13]).toEqual(batch[13]);
  });

  it('never calls Math.random', () => {
    const spy = vi.spyOn(Math, 'random');
    sampleDesign(INPUTS, 100, design, designRng(1));
    expect(spy).not.toHaveBeenCalled();
  });

  it('keeps u strictly inside (0, 1) even when the generator returns exactly 0', () => {
    const draws = [0, 0, 0.5, 0.25, 0.75, 0.1, 0.9, 0.3, 0.6, 0.2];
    let i = 0;
    const rng = () => draws[i++ % draws.length];
    for (const row of unitDesign(2, 3, design, rng)) for (const u of row) expect(u > 0 && u < 1).toBe(true);
  });

  it('rejects a run count that is not a whole number ≥ 1', () => {
    for (const n of [0, -1, 2.5, Number.NaN]) expect(() => sampleDesign(INPUTS, n, design, designRng(1))).toThrow(RangeError);
  });
});

describe('a Latin hypercube design', () => {
  it('puts exactly one sample in each of the n equal-probability strata of every input', () => {
    const n = 100;
    const units = unitDesign(4, n, 'lhs', designRng(5));
    for (let j = 0; j < 4; j++) {
      const strata = column(units, j)
        .map((u) => Math.floor(u * n))
        .sort((a, b) => a - b);
      expect(strata).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  it('does so in the values too: quantile boundaries split the samples one per stratum', () => {
    const n = 40;
    const rows = sampleDesign(INPUTS, n, 'lhs', designRng(9));
    // For uniform(0.5, 2), stratum i is [0.5 + 1.5·i/n, 0.5 + 1.5·(i+1)/n).
    const strata = column(rows, 1).map((x) => Math.floor(((x - 0.5) / 1.5) * n));
    expect(new Set(strata).size).toBe(n);
  });

  it('orders the strata differently for each input', () => {
    const units = unitDesign(2, 50, 'lhs', designRng(3));
    const order = (j: number) => column(units, j).map((u) => Math.floor(u * 50));
    expect(order(0)).not.toEqual(order(1));
  });

  it('estimates the mean of uniform(0, 1) within 1e-2 at n = 100, much closer than plain Monte Carlo', () => {
    const seeds = Array.from({ length: 20 }, (_, i) => `convergence-${i}`);
    const error = (design: 'mc' | 'lhs', seed: string) => Math.abs(mean(column(sampleDesign(UNIFORM, 100, design, designRng(seed)), 0)) - 0.5);
    const lhs = seeds.map((s) => error('lhs', s));
    const mc = seeds.map((s) => error('mc', s));
    for (const e of lhs) expect(e).toBeLessThan(1e-2);
    expect(mean(lhs)).toBeLessThan(mean(mc) / 10);
  });
});

describe('a plain Monte Carlo design', () => {
  it('is row by row, so a smaller batch is the start of a larger one with the same seed', () => {
    const small = sampleDesign(INPUTS, 10, 'mc', designRng(11));
    const large = sampleDesign(INPUTS, 30, 'mc', designRng(11));
    expect(large.slice(0, 10)).toEqual(small);
  });

  it('converges to the mean of each input as n grows', () => {
    const rows = sampleDesign(UNIFORM, 20_000, 'mc', designRng(2));
    expect(mean(column(rows, 0))).toBeCloseTo(0.5, 2);
  });
});

describe('the design stream', () => {
  it('depends only on the master seed', () => {
    const a = designRng(42);
    const b = designRng(42);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
    expect(designRng(42)()).not.toBe(designRng('42-other')());
  });

  it('is not any run’s stream', () => {
    expect(designRng(42)()).not.toBe(createRng('gpu-market/42/0/init')());
  });

  it('requires a seed', () => {
    expect(() => designRng('')).toThrow(/seed/);
  });
});

describe('the Fisher–Yates shuffle', () => {
  it('permutes without losing or repeating an element', () => {
    const a = Array.from({ length: 100 }, (_, i) => i);
    shuffleInPlace(a, createRng('shuffle'));
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(a).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('makes every position equally likely for every element', () => {
    // 3 elements: each of the 6 permutations should come up about 1/6 of the time.
    const rng = createRng('uniformity');
    const counts = new Map<string, number>();
    const trials = 60_000;
    for (let t = 0; t < trials; t++) {
      const a = [0, 1, 2];
      shuffleInPlace(a, rng);
      counts.set(a.join(''), (counts.get(a.join('')) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const c of counts.values()) expect(Math.abs(c / trials - 1 / 6)).toBeLessThan(0.01);
  });
});
