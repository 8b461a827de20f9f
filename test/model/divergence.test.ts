/**
 * The model's guard: values it cannot hold stop the run with an error that names the month and the
 * quantity, instead of hanging in a loop or writing infinities. The schema refuses values beyond any
 * market, so these scenarios are edited after validation, as a library caller's could be; inside the
 * ranges, a combination of extremes can still get there.
 */
import { describe, expect, it } from 'vitest';
import { ModelDivergence } from '../../src/model/divergence.js';
import { simulate } from '../../src/model/simulate.js';
import type { Scenario } from '../../src/scenario/index.js';
import { baseline } from './helpers.js';

/** The baseline with `edit` applied past the schema. */
const edited = (edit: (s: Scenario) => void): Scenario => {
  const s = structuredClone(baseline('end=2024-12'));
  edit(s);
  return s;
};

const divergence = (edit: (s: Scenario) => void): ModelDivergence => {
  try {
    simulate(edited(edit), 1);
  } catch (err) {
    if (err instanceof ModelDivergence) return err;
    throw err;
  }
  throw new Error('the run ended without a divergence');
};

describe('a run that leaves the finite numbers', () => {
  it('stops at the vendor, not in an endless queue, when output is infinite', () => {
    const e = divergence((s) => (s.vendor.outputScale = 1e308));
    expect(e.month).toBe('2023-01');
    expect(e.quantity).toMatch(/^an order for \w+ GPUs$/);
  });

  it('stops when start-up arrivals are more than a market could have', () => {
    expect(divergence((s) => (s.market.hype.initial = 1e308)).quantity).toBe('the month’s new start-ups');
  });

  it('stops at the first metric that is not finite, naming it', () => {
    const e = divergence((s) => (s.market.initialRentCcyPerRefGpuHour = 1e308));
    expect(e.quantity).toBe('spotRentCcyPerRefGpuHour');
    expect(e.message).toMatch(/^in 2023-01, spotRentCcyPerRefGpuHour became infinite/);
  });

  it('stops inside the ranges too, where a performance ratio of the smallest positive number makes rents infinite', () => {
    let err: unknown;
    try {
      simulate(baseline('end=2024-12', 'generations[0].perfRatio=5e-324'), 1);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ModelDivergence);
    expect((err as ModelDivergence).quantity).toBe('spotRentCcyPerRefGpuHour');
  });

  it('leaves a run of the shipped scenario alone', () => {
    expect(() => simulate(baseline('end=2024-12'), 1)).not.toThrow();
  });
});
