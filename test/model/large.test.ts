import { describe, expect, it } from 'vitest';
import { largeScenario } from '../../src/bench/largeScenario.js';
import { METRICS } from '../../src/model/metrics.js';
import { simulate } from '../../src/model/simulate.js';
import { BASELINE, rowsAttached } from './helpers.js';

describe('a large run', () => {
  it('handles 1,000 lessors and 10,000 developers over 120 months', () => {
    const s = largeScenario(BASELINE);
    let detached = 0;
    const r = simulate(s, 1, {
      // The lessors' rows grow many times over in a run this size; every lessor must move with them.
      onMonth: (state) => {
        for (const l of state.lessors) if (!rowsAttached(state, l)) detached++;
      },
    });
    expect(detached).toBe(0);
    expect(r.months).toHaveLength(120);
    expect(r.metrics.activeLessors[0]).toBeGreaterThanOrEqual(1000);
    expect(r.metrics.activeDevelopers[0]).toBeGreaterThanOrEqual(10_000);
    for (const name of METRICS) for (const v of r.metrics[name]) expect(Number.isFinite(v)).toBe(true);
    // The scaled market keeps the baseline's story: a boom, then a fall from the peak.
    expect(r.outcomes.maxFallFromPeak).toBeGreaterThan(0.2);
  });
});
