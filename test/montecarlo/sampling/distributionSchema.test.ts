/**
 * What a scenario may write for an uncertain input, what it is told when that is wrong, and how
 * a distribution reads in a report table.
 */
import { describe, expect, it } from 'vitest';
import { describe as describeDist, DistributionSchema } from '../../../src/montecarlo/sampling/distributions.js';

/** The one issue parsing `input` gives, as path and message. */
function issue(input: unknown): { path: string; message: string } {
  const r = DistributionSchema.safeParse(input);
  expect(r.success, 'the input should be rejected').toBe(false);
  const issues = r.error?.issues ?? [];
  expect(issues).toHaveLength(1);
  return { path: issues[0].path.join('.'), message: issues[0].message };
}

describe('the distribution schema', () => {
  it('accepts each kind', () => {
    const inputs = [
      { dist: 'fixed', value: 2 },
      { dist: 'uniform', min: 0.5, max: 2 },
      { dist: 'logUniform', min: 0.1, max: 10 },
      { dist: 'normal', mean: 1, sd: 0.1 },
      { dist: 'normal', mean: 1, sd: 0.1, min: 0, max: 2 },
      { dist: 'lognormal', median: 1, sigma: 0.3 },
      { dist: 'triangular', min: 0, mode: 1, max: 3 },
      { dist: 'beta', alpha: 2, beta: 5, min: 0, max: 10 },
      { dist: 'choice', values: [1, 2, 3], weights: [1, 0, 2] },
    ];
    for (const input of inputs) expect(DistributionSchema.parse(input)).toEqual(input);
  });

  it('puts beta on [0, 1] unless told otherwise', () => {
    expect(DistributionSchema.parse({ dist: 'beta', alpha: 2, beta: 5 })).toEqual({ dist: 'beta', alpha: 2, beta: 5, min: 0, max: 1 });
  });

  it('rejects a key its kind does not have', () => {
    expect(issue({ dist: 'uniform', min: 0, max: 1, mode: 0.5 }).message).toMatch(/mode/);
  });

  it('rejects an unknown kind at `dist`', () => {
    expect(issue({ dist: 'gaussian', mean: 0, sd: 1 }).path).toBe('dist');
  });

  it('requires max above min, saying so at max', () => {
    expect(issue({ dist: 'uniform', min: 2, max: 1 })).toEqual({ path: 'max', message: 'a number above min (2)' });
    expect(issue({ dist: 'logUniform', min: 3, max: 3 })).toEqual({ path: 'max', message: 'a number above min (3)' });
    expect(issue({ dist: 'normal', mean: 0, sd: 1, min: 1, max: 0 })).toEqual({ path: 'max', message: 'a number above min (1)' });
    expect(issue({ dist: 'beta', alpha: 1, beta: 1, min: 1 })).toEqual({ path: 'max', message: 'a number above min (1)' });
  });

  it('requires a positive lower bound for log-uniform and positive median and sigma for lognormal', () => {
    expect(issue({ dist: 'logUniform', min: 0, max: 1 }).path).toBe('min');
    expect(issue({ dist: 'lognormal', median: -1, sigma: 0.3 }).path).toBe('median');
    expect(issue({ dist: 'lognormal', median: 1, sigma: 0 }).path).toBe('sigma');
  });

  it('requires a positive sd and positive beta shapes', () => {
    expect(issue({ dist: 'normal', mean: 0, sd: 0 }).path).toBe('sd');
    expect(issue({ dist: 'beta', alpha: 0, beta: 1 }).path).toBe('alpha');
  });

  it('requires the triangular mode within its bounds', () => {
    expect(issue({ dist: 'triangular', min: 0, mode: 3, max: 2 })).toEqual({ path: 'mode', message: 'a number from min (0) to max (2)' });
  });

  it('requires one non-negative weight per choice value, with a positive sum', () => {
    expect(issue({ dist: 'choice', values: [1, 2, 3], weights: [1, 2] })).toEqual({ path: 'weights', message: 'a list of 3 weights, one per value' });
    expect(issue({ dist: 'choice', values: [1, 2], weights: [0, 0] })).toEqual({ path: 'weights', message: 'weights with a positive sum' });
    expect(issue({ dist: 'choice', values: [1, 2], weights: [1, -1] }).path).toBe('weights.1');
    expect(issue({ dist: 'choice', values: [] }).path).toBe('values');
  });

  it('rejects infinite numbers', () => {
    expect(issue({ dist: 'fixed', value: Infinity }).path).toBe('value');
  });
});

describe('describe', () => {
  const text = (input: unknown) => describeDist(DistributionSchema.parse(input));

  it('writes each kind as a short phrase for report tables', () => {
    expect(text({ dist: 'fixed', value: 3 })).toBe('fixed 3');
    expect(text({ dist: 'uniform', min: 0.5, max: 2 })).toBe('uniform 0.5–2');
    expect(text({ dist: 'uniform', min: -1, max: 2 })).toBe('uniform -1 to 2');
    expect(text({ dist: 'logUniform', min: 0.1, max: 10 })).toBe('log-uniform 0.1–10');
    expect(text({ dist: 'normal', mean: 1, sd: 0.2 })).toBe('normal 1 ± 0.2');
    expect(text({ dist: 'normal', mean: 1, sd: 0.2, min: 0 })).toBe('normal 1 ± 0.2, ≥ 0');
    expect(text({ dist: 'normal', mean: 1, sd: 0.2, max: 2 })).toBe('normal 1 ± 0.2, ≤ 2');
    expect(text({ dist: 'normal', mean: 1, sd: 0.2, min: 0, max: 2 })).toBe('normal 1 ± 0.2, within 0–2');
    expect(text({ dist: 'lognormal', median: 1, sigma: 0.3 })).toBe('lognormal median 1, σ 0.3');
    expect(text({ dist: 'triangular', min: 0.5, mode: 1, max: 2 })).toBe('triangular 0.5–2, mode 1');
    expect(text({ dist: 'beta', alpha: 2, beta: 5 })).toBe('beta(2, 5)');
    expect(text({ dist: 'beta', alpha: 2, beta: 5, min: 10, max: 20 })).toBe('beta(2, 5) on 10–20');
    expect(text({ dist: 'choice', values: [1, 2, 3] })).toBe('choice of 1, 2, 3');
    expect(text({ dist: 'choice', values: [1, 2, 3], weights: [1, 1, 1] })).toBe('choice of 1, 2, 3');
    expect(text({ dist: 'choice', values: [1, 2, 3], weights: [1, 1, 2] })).toBe('choice of 1 (25%), 2 (25%), 3 (50%)');
  });

  it('rounds to 6 significant digits and shortens long choice lists', () => {
    expect(text({ dist: 'uniform', min: 1 / 3, max: 2 })).toBe('uniform 0.333333–2');
    expect(text({ dist: 'choice', values: [1, 2, 3, 4, 5, 6, 7, 8] })).toBe('choice of 1, 2, 3, 4, 5, 6, … (8 values)');
  });
});
