import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from '../../src/montecarlo/sampling/normal.js';
import { crpsFromQuantiles } from '../../src/stats/crps.js';
import { BAND_LEVELS } from '../../src/observed/scores.js';

/** The closed form for a normal forecast (Gneiting and Raftery 2007, eq. 21). */
function exactNormalCrps(mu: number, sigma: number, y: number): number {
  const z = (y - mu) / sigma;
  const pdf = Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
  return sigma * (z * (2 * normalCdf(z) - 1) + 2 * pdf - 1 / Math.sqrt(Math.PI));
}

const normalQuantiles = (levels: readonly number[], mu: number, sigma: number) => levels.map((p) => mu + sigma * normalQuantile(p));

describe('crpsFromQuantiles', () => {
  const mu = 20;
  const sigma = 4;

  it('matches the exact CRPS of a normal forecast when many quantiles are known', () => {
    const levels = Array.from({ length: 999 }, (_, i) => (i + 1) / 1000);
    const q = normalQuantiles(levels, mu, sigma);
    for (const y of [8, 14, 19, 20, 23.5, 30, 40]) {
      const exact = exactNormalCrps(mu, sigma, y);
      expect(crpsFromQuantiles(levels, q, y, 20_000)).toBeCloseTo(exact, 2);
      expect(Math.abs(crpsFromQuantiles(levels, q, y, 20_000) - exact) / exact).toBeLessThan(0.005);
    }
  });

  it('is within 4 % of the exact CRPS with only the seven band levels, for observations within 4 σ', () => {
    const q = normalQuantiles(BAND_LEVELS, mu, sigma);
    for (let z = -4; z <= 4; z += 0.25) {
      const y = mu + z * sigma;
      const exact = exactNormalCrps(mu, sigma, y);
      const approx = crpsFromQuantiles(BAND_LEVELS, q, y);
      expect(Math.abs(approx - exact) / exact, `z = ${z}`).toBeLessThan(0.04);
    }
  });

  it('is the absolute error for a forecast that is a single value', () => {
    const q = BAND_LEVELS.map(() => 10);
    expect(crpsFromQuantiles(BAND_LEVELS, q, 13)).toBeCloseTo(3, 9);
    expect(crpsFromQuantiles(BAND_LEVELS, q, 10)).toBe(0);
  });

  it('grows as the observation moves away from the median, and is lowest near it', () => {
    const q = normalQuantiles(BAND_LEVELS, mu, sigma);
    const at = (y: number) => crpsFromQuantiles(BAND_LEVELS, q, y);
    expect(at(mu)).toBeLessThan(at(mu + 2));
    expect(at(mu + 2)).toBeLessThan(at(mu + 6));
    expect(at(mu - 2)).toBeLessThan(at(mu - 6));
    // Far outside the band, each further unit costs one unit.
    expect(at(mu + 60) - at(mu + 50)).toBeCloseTo(10, 6);
  });

  it('refuses levels that do not increase or do not match the quantiles', () => {
    expect(() => crpsFromQuantiles([0.5, 0.25], [1, 2], 1)).toThrow(/increase/);
    expect(() => crpsFromQuantiles([0.5], [1, 2], 1)).toThrow(/as many/);
  });
});
