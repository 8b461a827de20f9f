import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/model/simulate.js';
import { PROBE_CASH_FLOW_COLUMNS } from '../../../src/cli/run/probeCashFlows.js';
import { runFiles } from '../../../src/cli/run/runFiles.js';
import { loadScenario } from '../../../src/scenario/index.js';
import { baseline, useTempDir } from './helpers.js';

describe("a run's files", () => {
  const tmp = useTempDir();
  const s = baseline();
  const result = simulate(s, 5);

  it('are the metrics in the chosen format, the outcomes, the resolved scenario and the probe’s cash flows', () => {
    expect(runFiles(s, result, { seed: 5, runIndex: 0, format: 'csv' }).map((f) => f.name)).toEqual(['metrics.csv', 'outcomes.json', 'scenario.resolved.json', 'probe-cashflows.csv']);
    expect(runFiles(s, result, { seed: 5, runIndex: 0, format: 'json' })[0].name).toBe('metrics.json');
  });

  it('leave out the probe’s cash flows when it never got its chips', () => {
    const starved = loadScenario('scenarios/baseline.yaml', ['vendor.outputScale=0']);
    const names = runFiles(starved, simulate(starved, 5), { seed: 5, runIndex: 0, format: 'csv' }).map((f) => f.name);
    expect(names).not.toContain('probe-cashflows.csv');
  });

  it('write the probe’s cash flows month by month, with totals, each row adding up to its equity flow', () => {
    const csv = runFiles(s, result, { seed: 5, runIndex: 0, format: 'csv' }).find((f) => f.name === 'probe-cashflows.csv')!.content as string;
    const rows = csv
      .trimEnd()
      .split('\n')
      .map((l) => l.split(','));
    expect(rows[0]).toEqual(['month', ...PROBE_CASH_FLOW_COLUMNS]);
    expect(PROBE_CASH_FLOW_COLUMNS.at(-1)).toBe('equityFlow');
    expect(rows[1][0]).toBe(s.probe!.entry);
    expect(rows[rows.length - 1][0]).toBe('total');
    for (const row of rows.slice(1)) {
      const [, , market, contract, costs, interest, tax, principal, equity, exit, flow] = row.map(Number);
      expect(flow).toBeCloseTo(market + contract - costs - interest - tax - principal - equity + exit, 2);
    }
  });

  it('hold no timestamps, host names or paths', () => {
    const text = runFiles(s, result, { seed: 5, runIndex: 0, format: 'csv' })
      .map((f) => f.content)
      .join('');
    expect(text).not.toContain(process.cwd());
    expect(text).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/);
  });

  it('include a resolved scenario that loads back to the same scenario', () => {
    const resolved = runFiles(s, result, { seed: 5, runIndex: 0, format: 'csv' })[2];
    const file = join(tmp(), resolved.name);
    writeFileSync(file, resolved.content);
    expect(loadScenario(file)).toEqual(s);
  });
});
