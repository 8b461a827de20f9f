/**
 * A run's scenario is built from the plan's resolved paths; it must be exactly the scenario that
 * setting the same values as `--set` overrides and validating the result gives.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planBatch, runScenarios, scenarioForRun } from '../../src/montecarlo/plan.js';
import { applyOverrides } from '../../src/scenario/overrides.js';
import { loadScenario } from '../../src/scenario/index.js';
import { ScenarioSchema, type Scenario } from '../../src/scenario/schema.js';

/** The general way: every value as override text, the whole scenario copied and parsed. */
const viaOverrides = (base: Scenario, paths: readonly string[], values: readonly number[]): Scenario =>
  ScenarioSchema.parse(
    applyOverrides(
      base,
      paths.map((p, k) => `${p}=${values[k]}`),
    ).data,
  );

const outcome = (f: () => Scenario): { scenario?: Scenario; error?: string } => {
  try {
    return { scenario: f() };
  } catch (e) {
    return { error: (e as Error).message };
  }
};

const SCENARIOS = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));

describe('the scenario of a run', () => {
  it.each(SCENARIOS)('equals the one --set overrides give, for every drawn row of %s', (file) => {
    const base = loadScenario(`scenarios/${file}`);
    const plan = planBatch(base, { runs: 40, seed: 3, design: 'lhs' });
    const build = runScenarios(plan.scenario, plan.paths);
    for (const row of plan.rows) expect(build(row)).toEqual(viaOverrides(plan.scenario, plan.paths, row));
  });

  it('handles paths into list items by name and by index, and several paths under one container', () => {
    const base = loadScenario('scenarios/baseline.yaml');
    const paths = ['generations.A100.perfRatio', 'generations[1].outputGrowthPerYear', 'generations[1].perfRatio', 'vendor.outputScale'];
    const values = [1.05, 0.4, 2.5, 0.8];
    const s = runScenarios(base, paths)(values);
    expect(s).toEqual(viaOverrides(base, paths, values));
    expect(s.generations[1].perfRatio).toBe(2.5);
    // The base is shared, never changed.
    expect(base).toEqual(loadScenario('scenarios/baseline.yaml'));
  });

  it('fails a value out of its field range with the same message as the override would', () => {
    const base = loadScenario('scenarios/baseline.yaml');
    const paths = ['vendor.outputScale', 'market.contractMonths'];
    expect(runScenarios(base, paths)([1, 12]).market.contractMonths).toBe(12);
    for (const values of [
      [-1, 12],
      [1, 0],
      [1, 12.5],
    ]) {
      const fast = outcome(() => runScenarios(base, paths)(values));
      expect(fast.error).toBeDefined();
      expect(fast).toEqual(outcome(() => viaOverrides(base, paths, values)));
    }
  });

  it('is what scenarioForRun gives for one run alone', () => {
    const base = loadScenario('scenarios/us-h100-2023.yaml');
    const plan = planBatch(base, { runs: 5, seed: 1, design: 'mc' });
    expect(scenarioForRun(plan.scenario, plan.paths, plan.rows[4])).toEqual(runScenarios(plan.scenario, plan.paths)(plan.rows[4]));
  });
});
