import { describe, expect, it } from 'vitest';
import { extractionPlan, parseVariable, valueIn } from '../../src/analysis/variables.js';
import { monthRange } from '../../src/model/calendar.js';
import { runBatch } from '../../src/montecarlo/batch.js';
import { scenarioHash } from '../../src/montecarlo/summary.js';
import { planBatch } from '../../src/montecarlo/plan.js';
import { loadScenario } from '../../src/scenario/index.js';
import { wilsonInterval } from '../../src/stats/wilson.js';
import { runThesis, verdictOf } from '../../src/thesis/runThesis.js';
import { parseThesis } from '../../src/thesis/thesisFile.js';
import { thesisJson, thesisRunsCsv, thesisTable } from '../../src/thesis/thesisOutput.js';

const scenario = loadScenario('scenarios/baseline.yaml', ['end=2024-12']);
const RUNS = 40;

const THESIS = `name: Short
claims:
  - name: rent-up
    expr: spotRent@2024-06 > spotRent@2023-09
    require: 0.5
  - name: peak-at-least-start
    expr: peakRent >= startRent
    require: 0.9
  - name: early-red
    expr: redOnset <= 2024-06
    require: 0.5
`;

describe('verdicts', () => {
  it('hold when the interval clears the requirement, fail when it stays below, and are undecided in between', () => {
    expect(verdictOf({ lower: 0.81, upper: 0.9 }, 0.8)).toBe('holds');
    expect(verdictOf({ lower: 0.8, upper: 0.9 }, 0.8)).toBe('holds');
    expect(verdictOf({ lower: 0.6, upper: 0.79 }, 0.8)).toBe('fails');
    expect(verdictOf({ lower: 0.75, upper: 0.85 }, 0.8)).toBe('undecided');
    expect(verdictOf({ lower: 0, upper: 1 }, 0)).toBe('holds');
  });
});

describe('running a thesis', () => {
  it('counts each claim over the batch’s runs, with its Wilson interval, verdict and conditions', async () => {
    const thesis = parseThesis(THESIS, 'short.yaml', scenario);
    const result = await runThesis(scenario, thesis, { runs: RUNS, seed: 3, workers: 0 });

    // The same batch, read directly.
    const months = monthRange(scenario.start, scenario.end);
    const vars = ['spotRent@2024-06', 'spotRent@2023-09', 'peakRent', 'startRent', 'redOnset'].map((t) => parseVariable(t, months));
    const { cells, positions } = extractionPlan(vars);
    const batch = await runBatch(planBatch(scenario, { runs: RUNS, seed: 3, design: 'lhs' }), { workers: 0, extract: cells });
    const v = (k: number, r: (typeof batch.runs)[number]) => valueIn(vars[k], positions[k], r);
    const expected = [batch.runs.filter((r) => v(0, r)! > v(1, r)!).length, batch.runs.filter((r) => v(2, r)! >= v(3, r)!).length, batch.runs.filter((r) => v(4, r) !== null && v(4, r)! <= 17).length];

    expect(result.completedRuns).toBe(RUNS);
    expect(result.claims.map((c) => c.successes)).toEqual(expected);
    expect(result.rows.map((r) => r.index)).toEqual(Array.from({ length: RUNS }, (_, i) => i));
    for (const [i, c] of result.claims.entries()) {
      const w = wilsonInterval(expected[i], RUNS);
      expect(c.probability).toBe(expected[i] / RUNS);
      expect(c.interval).toEqual({ lower: w.lower, upper: w.upper });
      expect(c.verdict).toBe(verdictOf(w, c.require));
      expect(result.rows.filter((r) => r.holds[i]).length).toBe(expected[i]);
    }
    // The peak is never below the start: the claim holds everywhere and needs no condition.
    const peak = result.claims[1];
    expect(peak.successes).toBe(RUNS);
    expect(peak.verdict).toBe('holds');
    expect(peak.conditions.boxes).toEqual([]);
    expect(peak.conditions.stopReason).toMatch(/every case is of interest/);
    expect(result.inputs).toEqual(Object.keys(scenario.uncertain));

    const csv = thesisRunsCsv(result).trim().split('\n');
    expect(csv[0]).toBe(['run', 'seed', ...result.inputs, 'rent-up', 'peak-at-least-start', 'early-red'].join(','));
    expect(csv).toHaveLength(RUNS + 1);
    expect(csv[1].split(',').slice(-2)).toEqual(['1', result.rows[0].holds[2] ? '1' : '0']);
    const json = thesisJson(result) as { scenarioHash: string; claims: { name: string; verdict: string; conditions: { found: boolean } }[] };
    expect(json.scenarioHash).toBe(scenarioHash(scenario));
    expect(json.claims.map((c) => c.name)).toEqual(['rent-up', 'peak-at-least-start', 'early-red']);
    expect(json.claims[1].conditions.found).toBe(false);
    const table = thesisTable(result);
    expect(table).toMatch(/^claim +P +95 % interval +required +verdict +holds where \(PRIM\)$/m);
    expect(table).toMatch(/^peak-at-least-start +1\.000 +0\.9\d\d – 1\.000 +≥ 0\.9 +holds +none found: every case is of interest/m);
  });

  it('reads a month range from the batch: its aggregates agree with the months named one by one', async () => {
    const months = ['2024-01', '2024-02', '2024-03'].map((m) => `spotRent@${m}`);
    const ranges = `name: Ranges
claims:
  - name: mean
    expr: abs(mean(spotRent@2024-01..2024-03) - (${months.join(' + ')}) / 3) < 1e-9
    require: 0.5
  - name: extremes
    expr: min(spotRent@2024-01..2024-03) == min(${months.join(', ')}) and max(spotRent@2024-01..2024-03) == max(${months.join(', ')})
    require: 0.5
  - name: ends
    expr: first(spotRent@2024-01..2024-03) == ${months[0]} and last(spotRent@2024-01..2024-03) == ${months[2]}
    require: 0.5
`;
    const result = await runThesis(scenario, parseThesis(ranges, 'ranges.yaml', scenario), { runs: 10, seed: 2, workers: 0 });
    expect(result.completedRuns).toBe(10);
    expect(result.claims.map((c) => c.successes)).toEqual([10, 10, 10]);
  });

  it('refuses a thesis compiled for a scenario with other months', async () => {
    const longer = loadScenario('scenarios/baseline.yaml');
    const thesis = parseThesis(THESIS, 'short.yaml', longer);
    await expect(runThesis(scenario, thesis, { runs: 2, seed: 1, workers: 0 })).rejects.toThrow(/compiled for another scenario/);
  });
});
