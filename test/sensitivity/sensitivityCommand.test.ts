import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioHash } from '../../src/montecarlo/summary.js';
import { loadScenario } from '../../src/scenario/index.js';
import { BASELINE, cli, expectBadInput, tempDirForFile } from '../cli/helpers.js';

const SHORT = ['--set', 'end=2024-12', '--quiet'];
/** The baseline's uncertain inputs: the design's size follows from their number. */
const K = Object.keys(loadScenario(BASELINE).uncertain).length;

describe('gpu-market sensitivity', () => {
  const tmp = tempDirForFile('sensitivity');

  it('writes the same sensitivity.json and sensitivity.csv for one worker as for two', () => {
    const args = ['sensitivity', BASELINE, '--outcome', 'peakRent', '--method', 'sobol', '--samples', '16', ...SHORT];
    const a = cli([...args, '--workers', '1', '--out', join(tmp, 'one')]);
    const b = cli([...args, '--workers', '2', '--out', join(tmp, 'two')]);
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    for (const f of ['sensitivity.json', 'sensitivity.csv']) {
      expect(readFileSync(join(tmp, 'two', f), 'utf8')).toBe(readFileSync(join(tmp, 'one', f), 'utf8'));
    }
    const table = (stdout: string) => stdout.replace(/^wrote .*\n/gm, '');
    expect(table(a.stdout)).toBe(table(b.stdout));
  });

  it('describes a Sobol analysis completely enough to chart its indices with their intervals', () => {
    const doc = JSON.parse(readFileSync(join(tmp, 'one', 'sensitivity.json'), 'utf8'));
    expect(doc).toMatchObject({
      scenario: expect.stringContaining('Baseline'),
      // The hash a batch of the same scenario and --set options writes, so a report can pair them.
      scenarioHash: scenarioHash(loadScenario(BASELINE, ['end=2024-12'])),
      currency: 'CNY',
      endMonth: '2024-12',
      outcome: { name: 'peakRent', variable: 'peakRentCcyPerRefGpuHour', kind: 'outcome', unit: 'CNY per reference-GPU-hour' },
      method: 'sobol',
      samples: 16,
      runs: 16 * (K + 2),
      failedRuns: 0,
      ignoredCorrelations: [{ a: 'market.hype.halfLifeMonths', b: 'entrants.baseMonthlyProbability', rho: 0.5 }],
    });
    expect(doc.inputs).toHaveLength(K);
    expect(doc.sobol.indices).toHaveLength(K);
    for (const x of doc.sobol.indices) {
      expect(x.firstOrderLow).toBeLessThanOrEqual(x.firstOrder);
      expect(x.firstOrderHigh).toBeGreaterThanOrEqual(x.firstOrder);
      expect(x.totalLow).toBeLessThanOrEqual(x.total);
      expect(x.totalHigh).toBeGreaterThanOrEqual(x.total);
    }
    const totals = doc.sobol.indices.map((x: { total: number }) => x.total);
    expect(totals).toEqual([...totals].sort((p, q) => q - p));
    const csv = readFileSync(join(tmp, 'one', 'sensitivity.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toBe('input,distribution,firstOrder,firstOrderLow,firstOrderHigh,total,totalLow,totalHigh');
    expect(csv).toHaveLength(K + 1);
  });

  it('runs a tornado by default and prints the ranked swings, and warns that correlations are ignored', () => {
    const out = join(tmp, 'tornado');
    const r = cli(['sensitivity', BASELINE, '--outcome', 'spotRent@2024-06', '--samples', '3', ...SHORT, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Method +tornado/);
    expect(r.stdout).toMatch(/^input +P10 → P90 +low +high +swing/m);
    expect(r.stderr).toMatch(/correlation\(s\) between inputs are ignored/);
    const doc = JSON.parse(readFileSync(join(out, 'sensitivity.json'), 'utf8'));
    expect(doc).toMatchObject({ method: 'tornado', samples: 3, runs: 3 * (2 * K + 1), outcome: { kind: 'metric', month: '2024-06' } });
    expect(doc.tornado.bars).toHaveLength(K);
    const bar = doc.tornado.bars[0];
    expect(bar.swing).toBeCloseTo(bar.high - bar.low, 9);
    const input = doc.inputs.find((x: { path: string }) => x.path === bar.path);
    expect([bar.lowInput, bar.highInput]).toEqual([input.p10, input.p90]);
  });

  it('ranks inputs by Morris μ*', () => {
    const out = join(tmp, 'morris');
    const r = cli(['sensitivity', BASELINE, '--outcome', 'redOnset', '--method', 'morris', '--samples', '4', ...SHORT, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(join(out, 'sensitivity.json'), 'utf8'));
    expect(doc).toMatchObject({ method: 'morris', runs: 4 * (K + 1), outcome: { unit: 'month', monthZero: '2023-01' } });
    const muStar = doc.morris.effects.map((x: { muStar: number }) => x.muStar);
    expect(muStar).toEqual([...muStar].sort((p, q) => q - p));
  });

  it('rejects an unknown outcome with exit 2, a suggestion, and no files', () => {
    const out = join(tmp, 'bad');
    expectBadInput(cli(['sensitivity', BASELINE, '--outcome', 'peakRnet', '--out', out]), '--outcome', 'did you mean peakRent');
    expectBadInput(cli(['sensitivity', BASELINE, '--outcome', 'spotRent@2040-01', '--out', out]), 'outside the scenario');
    expectBadInput(cli(['sensitivity', BASELINE, '--outcome', 'peakRent', '--method', 'fast', '--out', out]), '--method', 'tornado, sobol, morris');
    expectBadInput(cli(['sensitivity', BASELINE, '--outcome', 'peakRent', '--method', 'sobol', '--samples', '1', '--out', out]), '--samples');
    expectBadInput(cli(['sensitivity', BASELINE, '--out', out]), '--outcome');
    expect(existsSync(out)).toBe(false);
  });
});
