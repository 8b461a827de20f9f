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

  it('follow the normal distribution everywhere, the ziggurat’s wedges and its tail beyond 3.44 included', () => {
    const x = draws('shape', 400_000).sort((a, b) => a - b);
    const cdf = (z: number): number => 0.5 * (1 + ss.errorFunction(z / Math.SQRT2));
    let d = 0;
    for (let i = 0; i < x.length; i++) d = Math.max(d, Math.abs(cdf(x[i]) - i / x.length), Math.abs(cdf(x[i]) - (i + 1) / x.length));
    // Kolmogorov–Smirnov: the 1 % critical value is 1.63 / sqrt(n).
    expect(d).toBeLessThan(1.63 / Math.sqrt(x.length));
    const beyond = (z: number): number => x.filter((v) => Math.abs(v) > z).length / x.length;
    // P(|Z| > 3.5) = 4.65e-4 (186 expected), P(|Z| > 4) = 6.33e-5 (25 expected): within four standard errors.
    expect(Math.abs(beyond(3.5) - 4.65e-4)).toBeLessThan(4 * Math.sqrt(4.65e-4 / x.length));
    expect(Math.abs(beyond(4) - 6.33e-5)).toBeLessThan(4 * Math.sqrt(6.33e-5 / x.length));
    expect(x.filter((v) => v > 0).length / x.length).toBeCloseTo(0.5, 2);
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
