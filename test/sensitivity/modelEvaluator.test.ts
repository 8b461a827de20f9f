import { describe, expect, it } from 'vitest';
import { parseVariable } from '../../src/analysis/variables.js';
import { monthRange } from '../../src/model/calendar.js';
import { loadScenario } from '../../src/scenario/index.js';
import { evaluateOnModel } from '../../src/sensitivity/modelEvaluator.js';
import { tornadoDesign } from '../../src/sensitivity/tornado.js';

const scenario = loadScenario('scenarios/baseline.yaml', ['end=2024-06']);
const months = monthRange(scenario.start, scenario.end);
const inputs = Object.entries(scenario.uncertain).map(([path, dist]) => ({ path, dist }));
const options = (outcome: string) => ({ scenario, inputs, variable: parseVariable(outcome, months), seed: 3, workers: 0 });

describe('evaluating a design on the model', () => {
  it('gives row j of every block the random stream j, so equal points give equal values whatever their block', async () => {
    // Every row of every block is the same point: only the stream (the row) can change the value.
    const point = inputs.map(() => 0.5);
    const block = () => [point, point, point, point];
    const e = await evaluateOnModel([block(), block(), block()], options('maxFallFromPeak'));
    expect(e.values[1]).toEqual(e.values[0]);
    expect(e.values[2]).toEqual(e.values[0]);
    expect(new Set(e.values[0]).size).toBeGreaterThan(1);
    expect(e).toMatchObject({ runs: 12, failures: 0, missing: 0 });
  });

  it('reads a metric in a month, and moves with an input the outcome depends on', async () => {
    const d = tornadoDesign(inputs.length, 2);
    const e = await evaluateOnModel(d.blocks, options('spotRent@2024-03'));
    const scale = inputs.findIndex((x) => x.path === 'vendor.outputScale');
    const [low, high] = [e.values[2 * scale + 1], e.values[2 * scale + 2]];
    // More chips in the market: a lower rent, in each replicate.
    low.forEach((v, j) => expect(high[j]!).toBeLessThan(v!));
  });

  it('censors a month outcome that never happens at the horizon’s length, and counts it', async () => {
    const point = inputs.map(() => 0.5);
    const e = await evaluateOnModel([[point, point, point]], options('redOnset'));
    for (const v of e.values[0]) expect(v).not.toBeNull();
    const atHorizon = e.values[0].filter((v) => v === months.length).length;
    expect(e.censored).toBe(atHorizon);
    expect(e.censored).toBeGreaterThan(0);
    expect(e.missing).toBe(0);
  });
});
