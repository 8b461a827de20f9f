import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CellTarget } from '../../src/calibration/modelSimulator.js';
import { BASELINE, ROOT } from '../cli/helpers.js';

// The built modules: the runs go to the worker pool, whose workers run the compiled model.
const { abcSmc } = await import('../../dist/calibration/abcSmc.js');
const { modelSimulator, runParticles } = await import('../../dist/calibration/modelSimulator.js');
const { inputPosteriors } = await import('../../dist/calibration/posterior.js');
const { priorOf } = await import('../../dist/calibration/prior.js');
const { monthRange } = await import('../../dist/model/calendar.js');
const { createRng, normal } = await import('../../dist/model/random.js');
const { closePool } = await import('../../dist/montecarlo/pool.js');
const { loadScenario } = await import('../../dist/scenario/load.js');

/**
 * Parameter recovery: observations made by the model itself at known inputs, with 10 % noise,
 * then calibrated. The demand regimes are held in the boom, so that one simulated history says
 * something about the inputs: with random regime switches a single path is mostly about which
 * switches happened (docs/calibration.md, "Limits", gives the longer check over ten seeds).
 */
const scenario = loadScenario(join(ROOT, BASELINE), ['demand.switchPerMonth.boom.squeeze=0', 'demand.switchPerMonth.boom.wave=0']);
const months = monthRange(scenario.start, scenario.end);
const paths = ['vendor.outputScale', 'developers.frontier.needGrowthPerYear', 'developers.enterprise.priceElasticity', 'lessors.specialist.pricing.cutStep'];
const truth = [0.944, 0.766, 0.823, 0.419];
const SERIES = ['spotRentCcyPerRefGpuHour', 'leadTimeMonths', 'utilisation', 'installedGpus', 'demandRefGpuHours'];

afterAll(() => closePool());

/** One recovery: observations made at `truth` by run `k`'s seeds, calibrated with its own seeds. */
async function recover(k: number) {
  const blank: CellTarget[] = SERIES.flatMap((metric) =>
    Array.from({ length: 36 }, (_, j) => ({ metric, month: months[j + 1], monthIndex: j + 1, line: 0, value: 0, low: null, high: null, sd: 1, weight: 1 })),
  );
  const sim = { scenario, paths, targets: blank, replicates: 2, seed: 1002 + 10 * k, workers: 2 };
  const observedRun = await runParticles([truth], 1001 + 10 * k, { ...sim, replicates: 1 });
  const rng = createRng(`recovery/noise/${k}`);
  const targets = blank.map((b, i) => {
    const v = observedRun.values[0][0][i];
    const sd = Math.max(0.1 * Math.abs(v), 1e-6);
    return { ...b, value: v + sd * normal(rng), sd };
  });
  const prior = priorOf(paths.map((path) => ({ path, dist: scenario.uncertain[path] })));
  const state = await abcSmc(prior, modelSimulator({ ...sim, targets }), {
    particles: 100,
    generations: 8,
    budget: 3000,
    replicates: 2,
    quantile: 0.5,
    targetTolerance: 0,
    minAcceptance: 0.02,
    seed: 2 + k,
  });
  const posterior = inputPosteriors(prior, state.populations[state.populations.length - 1]);
  const priorSample = inputPosteriors(prior, state.populations[0]);
  return { posterior, ratios: posterior.map((p, i) => p.sd / priorSample[i].sd) };
}

describe('calibration of the model', () => {
  it('recovers inputs it was observed at: the 90 % intervals cover them, and the posterior is narrower than the prior', async () => {
    // Three histories, not one: a 90 % interval misses now and then by design (chip output's did
    // in 2 of 40 cases over ten seeds, each time starting just above the truth), so one history
    // would test the seed's luck as much as the calibration.
    const runs: Awaited<ReturnType<typeof recover>>[] = [];
    for (let k = 0; k < 3; k++) runs.push(await recover(k));
    const misses = runs.flatMap((r) => r.posterior.filter((p, i) => p.p5 > truth[i] || p.p95 < truth[i]).map((p) => `${p.path} [${p.p5}, ${p.p95}]`));
    expect(misses.length, misses.join('; ')).toBeLessThanOrEqual(2);
    const meanRatio = (i: number) => runs.reduce((a, r) => a + r.ratios[i], 0) / runs.length;
    // Chip output moves every observed series and is pinned down; the others move them less.
    expect(meanRatio(0)).toBeLessThan(0.9);
    expect(paths.reduce((a, _, i) => a + meanRatio(i), 0) / paths.length).toBeLessThan(1);
  }, 600_000);
});
