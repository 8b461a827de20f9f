/**
 * Each distribution's inverse distribution function against values known in closed form or
 * computed to 40 digits with mpmath, and the properties every quantile function must have.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { betaQuantile, incompleteBeta } from '../../../src/montecarlo/sampling/beta.js';
import { type Distribution, DistributionSchema, quantile, summary } from '../../../src/montecarlo/sampling/distributions.js';
import { normalCdf, normalQuantile } from '../../../src/montecarlo/sampling/normal.js';

const dist = (input: unknown): Distribution => DistributionSchema.parse(input);
/** u strictly inside (0, 1), including values very close to either end. */
const unit = fc.double({ min: 0, max: 1, noNaN: true, minExcluded: true, maxExcluded: true });

describe('the normal quantile', () => {
  // Reference values: mpmath, sqrt(2)·erfinv(2u − 1) at 60 digits.
  const known: [number, number][] = [
    [0.975, 1.9599639845400542],
    [0.025, -1.9599639845400542],
    [0.9, 1.2815515655446005],
    [0.99, 2.3263478740408411],
    [0.999, 3.0902323061678135],
    [0.3, -0.52440051270804078],
    [1e-10, -6.3613409024040562],
    [1e-300, -37.047096299361199],
  ];

  it.each(known)('at %s is %s to within 1e-9', (u, z) => {
    expect(Math.abs(normalQuantile(u) - z)).toBeLessThan(1e-9);
  });

  it('is 1.959963985 at 0.975 for a standard normal distribution', () => {
    expect(quantile(dist({ dist: 'normal', mean: 0, sd: 1 }), 0.975)).toBeCloseTo(1.959963985, 9);
  });

  it('is exactly 0 at one half', () => {
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('inverts Φ across the whole range of doubles', () => {
    fc.assert(
      fc.property(unit, (u) => {
        const p = normalCdf(normalQuantile(u));
        // Relative in the tail nearer to u, where the probability is known most precisely.
        const tail = Math.min(u, 1 - u);
        expect(Math.abs(p - u)).toBeLessThanOrEqual(1e-12 * tail + 1e-16);
      }),
    );
  });

  it('scales and shifts with mean and sd', () => {
    expect(quantile(dist({ dist: 'normal', mean: 10, sd: 2 }), 0.975)).toBeCloseTo(10 + 2 * 1.9599639845400542, 12);
  });
});

describe('the truncated normal quantile', () => {
  it('maps u into [Φ(a), Φ(b)]: the median of N(0,1) on [1, 2] is 1.33644034774525', () => {
    expect(quantile(dist({ dist: 'normal', mean: 0, sd: 1, min: 1, max: 2 }), 0.5)).toBeCloseTo(1.3364403477452469, 10);
  });

  it('still spreads samples over an interval 40 sd out, where Φ rounds to 0 or 1', () => {
    expect(quantile(dist({ dist: 'normal', mean: 0, sd: 1, min: -41, max: -40 }), 0.5)).toBeCloseTo(-40.017314126764651, 9);
    expect(quantile(dist({ dist: 'normal', mean: 0, sd: 1, min: 40, max: 41 }), 0.5)).toBeCloseTo(40.017314126764651, 9);
  });

  it('equals the plain normal when the bounds are far away', () => {
    const d = dist({ dist: 'normal', mean: 0, sd: 1, min: -100, max: 100 });
    expect(quantile(d, 0.975)).toBeCloseTo(1.9599639845400542, 12);
  });

  it('stays within its bounds for any bounds and any u', () => {
    const bounded = fc
      .record({
        mean: fc.double({ min: -100, max: 100, noNaN: true }),
        sd: fc.double({ min: 1e-3, max: 50, noNaN: true }),
        lo: fc.double({ min: -300, max: 300, noNaN: true }),
        width: fc.double({ min: 1e-3, max: 300, noNaN: true }),
        side: fc.constantFrom('both', 'min', 'max'),
      })
      .map(({ mean, sd, lo, width, side }) => dist({ dist: 'normal', mean, sd, ...(side !== 'max' ? { min: lo } : {}), ...(side !== 'min' ? { max: lo + width } : {}) }));
    fc.assert(
      fc.property(bounded, unit, (d, u) => {
        if (d.dist !== 'normal') throw new Error('unreachable');
        const x = quantile(d, u);
        expect(Number.isFinite(x)).toBe(true);
        if (d.min !== undefined) expect(x).toBeGreaterThanOrEqual(d.min);
        if (d.max !== undefined) expect(x).toBeLessThanOrEqual(d.max);
      }),
    );
  });
});

describe('the closed-form quantiles', () => {
  it('uniform: min + u·(max − min)', () => {
    const d = dist({ dist: 'uniform', min: 0.5, max: 2 });
    expect(quantile(d, 0.5)).toBe(1.25);
    expect(quantile(d, 0.1)).toBeCloseTo(0.65, 15);
  });

  it('log-uniform: its median is the geometric midpoint of the bounds', () => {
    expect(quantile(dist({ dist: 'logUniform', min: 0.1, max: 10 }), 0.5)).toBeCloseTo(1, 14);
    expect(quantile(dist({ dist: 'logUniform', min: 2, max: 8 }), 0.5)).toBeCloseTo(4, 14);
    expect(quantile(dist({ dist: 'logUniform', min: 1, max: 1000 }), 1 / 3)).toBeCloseTo(10, 12);
  });

  it('lognormal: the median is the median, and the 97.5th percentile is median·e^{1.96σ}', () => {
    const d = dist({ dist: 'lognormal', median: 2, sigma: 0.3 });
    expect(quantile(d, 0.5)).toBe(2);
    expect(quantile(d, 0.975)).toBeCloseTo(2 * Math.exp(0.3 * 1.9599639845400542), 12);
  });

  it('triangular: a + √(u(b−a)(c−a)) up to the mode, b − √((1−u)(b−a)(b−c)) after it', () => {
    const d = dist({ dist: 'triangular', min: 0, mode: 1, max: 4 });
    expect(quantile(d, 0.25)).toBeCloseTo(1, 15); // F(mode) = (c − a)/(b − a)
    expect(quantile(d, 0.0625)).toBeCloseTo(0.5, 15);
    expect(quantile(d, 0.91)).toBeCloseTo(4 - Math.sqrt(0.09 * 4 * 3), 15);
  });

  it('triangular with the mode on a bound', () => {
    expect(quantile(dist({ dist: 'triangular', min: 0, mode: 0, max: 1 }), 0.75)).toBeCloseTo(0.5, 15);
    expect(quantile(dist({ dist: 'triangular', min: 0, mode: 1, max: 1 }), 0.25)).toBeCloseTo(0.5, 15);
  });

  it('fixed: the value, whatever u', () => {
    expect(quantile(dist({ dist: 'fixed', value: 3 }), 0.01)).toBe(3);
    expect(quantile(dist({ dist: 'fixed', value: 3 }), 0.99)).toBe(3);
  });
});

describe('the beta quantile', () => {
  it('puts the median of beta(2, 5) at 0.26444998329566', () => {
    expect(quantile(dist({ dist: 'beta', alpha: 2, beta: 5 }), 0.5)).toBeCloseTo(0.26444998329565996, 12);
    expect(quantile(dist({ dist: 'beta', alpha: 2, beta: 5 }), 0.9)).toBeCloseTo(0.51031630655149164, 12);
  });

  it('matches the closed forms: beta(½, ½) is sin²(πu/2), beta(a, 1) is u^{1/a}', () => {
    for (const u of [1e-9, 0.01, 0.3, 0.5, 0.77, 0.999, 1 - 1e-9]) {
      expect(Math.abs(betaQuantile(u, 0.5, 0.5) - Math.sin((Math.PI * u) / 2) ** 2)).toBeLessThan(1e-10);
      expect(Math.abs(betaQuantile(u, 3.5, 1) - u ** (1 / 3.5))).toBeLessThan(1e-10);
      expect(Math.abs(betaQuantile(u, 1, 1) - u)).toBeLessThan(1e-10);
    }
  });

  it('inverts the incomplete beta function to within 1e-10 for any shape, including infinite densities at the ends', () => {
    const shape = fc.double({ min: 0.05, max: 200, noNaN: true });
    fc.assert(
      fc.property(shape, shape, fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }), (a, b, u) => {
        const x = betaQuantile(u, a, b);
        // x is within 1e-10 of the root: the distribution function brackets u across x ± 1e-10.
        // (Comparing I(x) with u instead would fail where the density is steep, e.g. x = 1 − 1e-9
        // for beta(0.05, 0.05), though x is then correct to the last bit.)
        expect(incompleteBeta(x - 1e-10, a, b)).toBeLessThanOrEqual(u);
        expect(incompleteBeta(x + 1e-10, a, b)).toBeGreaterThanOrEqual(u);
      }),
    );
  });

  it('stretches onto [min, max]', () => {
    expect(quantile(dist({ dist: 'beta', alpha: 2, beta: 5, min: 10, max: 20 }), 0.5)).toBeCloseTo(12.6444998329566, 10);
  });
});

describe('the choice quantile', () => {
  it('follows the cumulative weights, values taken in ascending order', () => {
    const d = dist({ dist: 'choice', values: [30, 10, 20], weights: [1, 1, 2] });
    expect(quantile(d, 0.2)).toBe(10);
    expect(quantile(d, 0.25)).toBe(20);
    expect(quantile(d, 0.74)).toBe(20);
    expect(quantile(d, 0.75)).toBe(30);
    expect(quantile(d, 0.99)).toBe(30);
  });

  it('weighs values equally when no weights are given', () => {
    const d = dist({ dist: 'choice', values: [1, 2, 3, 4] });
    expect([0.1, 0.3, 0.6, 0.9].map((u) => quantile(d, u))).toEqual([1, 2, 3, 4]);
  });

  it('never picks a value of weight 0', () => {
    const d = dist({ dist: 'choice', values: [1, 2, 3], weights: [0, 1, 0] });
    for (const u of [1e-12, 0.5, 1 - 1e-12]) expect(quantile(d, u)).toBe(2);
  });
});

const EXAMPLES: Distribution[] = [
  { dist: 'fixed', value: 1 },
  { dist: 'uniform', min: -1, max: 3 },
  { dist: 'logUniform', min: 0.01, max: 100 },
  { dist: 'normal', mean: 1, sd: 0.5 },
  { dist: 'normal', mean: 1, sd: 0.5, min: 0 },
  { dist: 'normal', mean: 1, sd: 0.5, min: 0.9, max: 1.1 },
  { dist: 'lognormal', median: 1, sigma: 1 },
  { dist: 'triangular', min: 0, mode: 0.2, max: 1 },
  { dist: 'beta', alpha: 0.3, beta: 2, min: 5, max: 6 },
  { dist: 'choice', values: [5, 1, 3], weights: [1, 2, 3] },
].map(dist);

describe('every quantile function', () => {
  it('is non-decreasing in u', () => {
    fc.assert(
      fc.property(fc.constantFrom(...EXAMPLES), unit, unit, (d, u1, u2) => {
        const [lo, hi] = u1 <= u2 ? [u1, u2] : [u2, u1];
        expect(quantile(d, lo)).toBeLessThanOrEqual(quantile(d, hi));
      }),
    );
  });

  it('is finite for every u in (0, 1)', () => {
    fc.assert(fc.property(fc.constantFrom(...EXAMPLES), unit, (d, u) => Number.isFinite(quantile(d, u))));
  });

  it('rejects u outside (0, 1)', () => {
    for (const u of [0, 1, -0.1, 1.5, Number.NaN]) expect(() => quantile(EXAMPLES[1], u)).toThrow(RangeError);
  });
});

describe('summary', () => {
  it('gives the median and the 10th and 90th percentiles', () => {
    expect(summary(dist({ dist: 'uniform', min: 0, max: 10 }))).toEqual({ median: 5, p10: 1, p90: 9 });
    const s = summary(dist({ dist: 'normal', mean: 0, sd: 1 }));
    expect(s.median).toBe(0);
    expect(s.p90).toBeCloseTo(1.2815515655446005, 12);
    expect(s.p10).toBeCloseTo(-1.2815515655446005, 12);
  });
});
