/**
 * The model's guard: values the schema accepts but the model cannot hold stop the run with an error
 * that names the month and the quantity, instead of hanging in a loop or writing infinities.
 */
import { describe, expect, it } from 'vitest';
import { ModelDivergence } from '../../src/model/divergence.js';
import { simulate } from '../../src/model/simulate.js';
import { baseline } from './helpers.js';

const divergence = (...overrides: string[]): ModelDivergence => {
  try {
    simulate(baseline('end=2024-12', ...overrides), 1);
  } catch (err) {
    if (err instanceof ModelDivergence) return err;
    throw err;
  }
  throw new Error('the run ended without a divergence');
};

describe('a run that leaves the finite numbers', () => {
  it('stops at the vendor, not in an endless queue, when output is infinite', () => {
    const e = divergence('vendor.outputScale=1e308');
    expect(e.month).toBe('2023-01');
    expect(e.quantity).toMatch(/^an order for \w+ GPUs$/);
  });

  it('stops when start-up arrivals are more than a market could have', () => {
    expect(divergence('market.hype.initial=1e308').quantity).toBe('the month’s new start-ups');
  });

  it('stops at the first metric that is not finite, naming it', () => {
    const e = divergence('market.initialRentCcyPerRefGpuHour=1e308');
    expect(e.quantity).toBe('spotRentCcyPerRefGpuHour');
    expect(e.message).toMatch(/^in 2023-01, spotRentCcyPerRefGpuHour became infinite/);
  });

  it('leaves a run of the shipped scenario alone', () => {
    expect(() => simulate(baseline('end=2024-12'), 1)).not.toThrow();
  });
});
