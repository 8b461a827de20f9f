import { describe, expect, it } from 'vitest';
import * as ss from 'simple-statistics';
import { createRng, normal } from '../../src/model/random.js';

describe('normal deviates', () => {
  const draws = (seed: string, n: number): number[] => {
    const rng = createRng(seed);
    return Array.from({ length: n }, () => normal(rng));
  };

  it('have mean 0, standard deviation 1 and normal tails', () => {
    const x = draws('normal', 200_000);
    expect(Math.abs(ss.mean(x))).toBeLessThan(0.01);
    expect(Math.abs(ss.standardDeviation(x) - 1)).toBeLessThan(0.01);
    // P(|Z| > 1.96) = 5 %, P(|Z| > 3) = 0.27 %.
    expect(x.filter((z) => Math.abs(z) > 1.96).length / x.length).toBeCloseTo(0.05, 2);
    expect(x.filter((z) => Math.abs(z) > 3).length / x.length).toBeCloseTo(0.0027, 3);
  });

  it('are uncorrelated from one draw to the next', () => {
    const x = draws('pairs', 100_000);
    const first = x.filter((_, i) => i % 2 === 0);
    const second = x.filter((_, i) => i % 2 === 1);
    expect(Math.abs(ss.sampleCorrelation(first, second))).toBeLessThan(0.02);
    expect(Math.abs(ss.sampleCorrelation(x.slice(1), x.slice(0, -1)))).toBeLessThan(0.02);
    expect(
      Math.abs(
        ss.sampleCorrelation(
          first.map((z) => z * z),
          second.map((z) => z * z),
        ),
      ),
    ).toBeLessThan(0.02);
  });

  it('repeat for the same seed, each stream on its own', () => {
    expect(draws('same', 101)).toEqual(draws('same', 101));
    const a = createRng('a');
    const b = createRng('b');
    const interleaved = [normal(a), normal(b), normal(a), normal(b)];
    expect([interleaved[0], interleaved[2]]).toEqual(draws('a', 2));
    expect([interleaved[1], interleaved[3]]).toEqual(draws('b', 2));
  });
});
