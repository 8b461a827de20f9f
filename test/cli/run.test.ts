import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generationMetricNames, METRICS } from '../../src/model/metrics.js';
import { BASELINE, cli, ROOT, type CliResult, tempDirForFile, tempLeftovers } from './helpers.js';

const FILES = ['metrics.csv', 'outcomes.json', 'scenario.resolved.json', 'probe-cashflows.csv', 'probe-archetypes.csv'];
const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');
const csvRows = (dir: string) => read(dir, 'metrics.csv').trimEnd().split('\n');

describe('gpu-market run', () => {
  const tmp = tempDirForFile('run');
  const out = (name: string) => join(tmp, name);
  let first: CliResult;

  beforeAll(() => {
    first = cli(['run', BASELINE, '--seed', '7', '--out', out('seed7')]);
  });

  it('exits 0 and writes the metrics, outcomes and resolved scenario', () => {
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toBe('');
    expect(readdirSync(out('seed7')).sort()).toEqual([...FILES].sort());
  });

  it('prints the headline table and the paths it wrote', () => {
    expect(first.stdout).toMatch(/^Scenario +Baseline - China compute leasing/);
    expect(first.stdout).toMatch(/^Seed +7$/m);
    expect(first.stdout).toMatch(/^Peak spot rent +[\d.]+ CNY\/ref-GPU-hour \([\d,]+ CNY per 8x A100 server-month\) in \d{4}-\d\d$/m);
    expect(first.stdout).toMatch(/^Probe IRR +(n\/a|-?[\d.]+ %) vs hurdle 15\.0 %$/m);
    for (const f of FILES) expect(first.stdout).toContain(`wrote ${join(out('seed7'), f)}\n`);
  });

  it('writes a CSV with the month, every metric and each generation, one row per month', () => {
    const rows = csvRows(out('seed7'));
    const generations = generationMetricNames(['A100', 'A800', 'H800', 'Domestic910B', 'H100', 'H20']);
    expect(rows[0].split(',')).toEqual(['month', ...METRICS, ...generations]);
    expect(rows).toHaveLength(96 + 1);
    expect(rows[1].startsWith('2023-01,')).toBe(true);
    expect(rows[96].startsWith('2030-12,')).toBe(true);
  });

  it('records the seed and horizon in the outcomes', () => {
    const doc = JSON.parse(read(out('seed7'), 'outcomes.json'));
    expect(doc).toMatchObject({ seed: 7, runIndex: 0, startMonth: '2023-01', endMonth: '2030-12', months: 96, currency: 'CNY' });
  });

  it('leaves no temporary folders beside the out dir', () => {
    expect(tempLeftovers(tmp)).toEqual([]);
  });

  it('writes byte-identical files for the same seed', () => {
    const again = cli(['run', BASELINE, '--seed', '7', '--out', out('seed7-again')]);
    expect(again.status, again.stderr).toBe(0);
    for (const f of FILES) expect(read(out('seed7-again'), f), f).toBe(read(out('seed7'), f));
    expect(again.stdout.replaceAll('seed7-again', 'seed7')).toBe(first.stdout);
  });

  it('writes different metrics for a different seed', () => {
    const other = cli(['run', BASELINE, '--seed', '8', '--out', out('seed8')]);
    expect(other.status, other.stderr).toBe(0);
    expect(read(out('seed8'), 'metrics.csv')).not.toBe(read(out('seed7'), 'metrics.csv'));
    expect(read(out('seed8'), 'scenario.resolved.json')).toBe(read(out('seed7'), 'scenario.resolved.json'));
  });

  it('writes the metrics as JSON with --format json', () => {
    const r = cli(['run', BASELINE, '--seed', '7', '--format', 'json', '--out', out('json')]);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(out('json')).sort()).toEqual(['metrics.json', 'outcomes.json', 'probe-archetypes.csv', 'probe-cashflows.csv', 'scenario.resolved.json']);
    const doc = JSON.parse(read(out('json'), 'metrics.json'));
    expect(doc.months).toHaveLength(96);
    expect(Object.keys(doc.columns)).toEqual(csvRows(out('seed7'))[0].split(',').slice(1));
    expect(doc.columns.regime.every((r: string) => ['blue', 'transition', 'red'].includes(r))).toBe(true);
  });

  it('simulates only the first N months with --months N', () => {
    const r = cli(['run', BASELINE, '--seed', '7', '--months', '24', '--out', out('months24')]);
    expect(r.status, r.stderr).toBe(0);
    const rows = csvRows(out('months24'));
    expect(rows).toHaveLength(24 + 1);
    expect(rows[24].startsWith('2024-12,')).toBe(true);
    expect(JSON.parse(read(out('months24'), 'scenario.resolved.json')).end).toBe('2024-12');
    expect(JSON.parse(read(out('months24'), 'outcomes.json')).months).toBe(24);
  });

  it('applies --set overrides and records them in the resolved scenario', () => {
    const r = cli(['run', BASELINE, '--seed', '7', '--set', 'vendor.outputScale=0', '--set', 'probe.gpus=500', '--out', out('set')]);
    expect(r.status, r.stderr).toBe(0);
    const resolved = JSON.parse(read(out('set'), 'scenario.resolved.json'));
    expect(resolved.vendor.outputScale).toBe(0);
    expect(resolved.probe.gpus).toBe(500);
    expect(read(out('set'), 'metrics.csv')).not.toBe(read(out('seed7'), 'metrics.csv'));
  });

  it('reproduces a run from its resolved scenario', () => {
    const r = cli(['run', join(out('seed7'), 'scenario.resolved.json'), '--seed', '7', '--out', out('replay')]);
    expect(r.status, r.stderr).toBe(0);
    expect(read(out('replay'), 'metrics.csv')).toBe(read(out('seed7'), 'metrics.csv'));
  });

  it('writes to reports/<scenario file name>-run under the working folder when --out is not given', () => {
    const cwd = out('cwd');
    mkdirSync(cwd);
    const r = cli(['run', join(ROOT, BASELINE), '--months', '12'], { cwd });
    expect(r.status, r.stderr).toBe(0);
    // In twelve months the probe ordered in 2023-10 has no chips yet, so it has no cash flows.
    expect(readdirSync(cwd)).toEqual(['reports']);
    expect(readdirSync(join(cwd, 'reports'))).toEqual(['baseline-run']);
    expect(readdirSync(join(cwd, 'reports', 'baseline-run')).sort()).toEqual(FILES.filter((f) => f !== 'probe-cashflows.csv').sort());
  });
});
