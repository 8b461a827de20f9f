import { describe, expect, it } from 'vitest';
import { abcSmc, emptyState, weightedQuantile, type AbcOptions, type AbcState, type Simulate } from '../../src/calibration/abcSmc.js';
import { distance, seriesShares, type Target } from '../../src/calibration/distance.js';
import { priorOf } from '../../src/calibration/prior.js';
import { createRng, normal } from '../../src/model/random.js';

/**
 * A stand-in simulator with a known posterior: n observations y ~ N(θ, σ²) summarised by their
 * mean, and a normal prior on θ. The posterior is normal with precision 1/τ² + n/σ².
 */
const mu0 = 0;
const tau = 2;
const sigma = 1;
const n = 10;
const yBar = 1.3;
const se = sigma / Math.sqrt(n);
const postPrecision = 1 / tau ** 2 + n / sigma ** 2;
const postMean = (mu0 / tau ** 2 + (n * yBar) / sigma ** 2) / postPrecision;
const postSd = Math.sqrt(1 / postPrecision);

const target: Target = { metric: 'mean', value: yBar, low: null, high: null, sd: se, weight: 1 };
const shares = seriesShares([target]);
const toy: Simulate = (values, key) => {
  const rng = createRng(`toy/${key.generation}/${key.round}`);
  return Promise.resolve(values.map(([theta]) => distance([target], shares, [[theta + se * normal(rng)]])));
};
const prior = priorOf([{ path: 'theta', dist: { dist: 'normal', mean: mu0, sd: tau } }]);
const options: AbcOptions = { particles: 2000, generations: 12, budget: 1e6, replicates: 1, quantile: 0.5, targetTolerance: 0.2, minAcceptance: 0.01, seed: 7 };

function moments(state: AbcState): { mean: number; sd: number } {
  const pop = state.populations[state.populations.length - 1];
  const mean = pop.values.reduce((a, [v], i) => a + pop.weights[i] * v, 0);
  const variance = pop.values.reduce((a, [v], i) => a + pop.weights[i] * (v - mean) ** 2, 0);
  return { mean, sd: Math.sqrt(variance) };
}

describe('ABC-SMC', () => {
  it('recovers the analytic posterior of a normal mean with a normal prior', async () => {
    const state = await abcSmc(prior, toy, options);
    expect(state.stop).toBe('tolerance');
    const { mean, sd } = moments(state);
    expect(Math.abs(mean - postMean)).toBeLessThan(0.1 * postSd);
    expect(sd / postSd).toBeGreaterThan(0.9);
    expect(sd / postSd).toBeLessThan(1.1);
  });

  it('tightens its tolerance every generation and keeps weights normalised', async () => {
    const state = await abcSmc(prior, toy, { ...options, particles: 300, targetTolerance: 0.5 });
    const tolerances = state.populations.map((p) => p.tolerance);
    expect(tolerances[0]).toBe(Infinity);
    for (let t = 1; t < tolerances.length; t++) expect(tolerances[t]).toBeLessThan(tolerances[t - 1]);
    for (const p of state.populations) {
      expect(p.weights.reduce((a, w) => a + w, 0)).toBeCloseTo(1, 12);
      expect(p.ess).toBeGreaterThan(1);
      expect(p.ess).toBeLessThanOrEqual(p.weights.length + 1e-9);
      expect(Math.max(...p.distances)).toBeLessThanOrEqual(p.tolerance);
    }
  });

  it('gives the same posterior resumed from any round as run straight through', async () => {
    const o = { ...options, particles: 200, targetTolerance: 0.5 };
    const saved: string[] = [];
    const whole = await abcSmc(prior, toy, o, emptyState(), { onRound: (s) => void saved.push(JSON.stringify(s)) });
    expect(saved.length).toBeGreaterThan(3);
    for (const at of [0, Math.floor(saved.length / 2), saved.length - 2]) {
      const resumed = await abcSmc(prior, toy, o, JSON.parse(saved[at]) as AbcState);
      expect(JSON.stringify(resumed)).toBe(JSON.stringify(whole));
    }
  });

  it('stops at the run budget with the last finished generation', async () => {
    const state = await abcSmc(prior, toy, { ...options, particles: 200, budget: 1500, targetTolerance: 0 });
    expect(state.stop).toBe('budget');
    expect(state.runs).toBeLessThanOrEqual(1500);
    expect(state.partial).toBeNull();
    expect(state.populations.length).toBeGreaterThan(0);
  });

  it('stops when too few proposals are accepted', async () => {
    // A simulator that never comes closer than 1 cannot meet a tolerance below it.
    const far: Simulate = (values, key) => {
      const rng = createRng(`far/${key.generation}/${key.round}`);
      return Promise.resolve(values.map(() => 1 + rng()));
    };
    const state = await abcSmc(prior, far, { ...options, particles: 100, quantile: 0.02, minAcceptance: 0.05, targetTolerance: 0 });
    expect(state.stop).toBe('acceptance');
  });

  it('takes the weighted quantile of distances', () => {
    expect(weightedQuantile([3, 1, 2], [1, 1, 1], 0.5)).toBe(2);
    expect(weightedQuantile([3, 1, 2], [0.1, 0.1, 0.8], 0.5)).toBe(2);
    expect(weightedQuantile([3, 1, 2], [0.8, 0.1, 0.1], 0.5)).toBe(3);
  });
});
