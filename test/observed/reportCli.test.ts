import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASELINE, cli, expectBadInput, ROOT, tempDirForFile } from '../cli/helpers.js';

const HISTORY = join(ROOT, 'scenarios/observed/history-to-2024-06.csv');
const HEADER = 'date,region,gpu,metric,kind,value,low,high,unit,source';
const GOOD = '2023-08,CN,A100,rent,on_demand,15.1,,,CNY per GPU-hour,broker';

describe('gpu-market report --observed with a market history', () => {
  const tmp = tempDirForFile('observed-history');
  const batch = join(tmp, 'small-batch');
  const file = (name: string, ...rows: string[]): string => {
    const path = join(tmp, name);
    writeFileSync(path, `${[HEADER, ...rows].join('\n')}\n`);
    return path;
  };

  beforeAll(() => {
    const r = cli(['batch', BASELINE, '--set', 'end=2024-06', '--runs', '8', '--workers', '2', '--quiet', '--out', batch]);
    expect(r.status, r.stderr).toBe(0);
  });

  it('holds the history against the batch: its region, its units, intervals as intervals', () => {
    const out = join(tmp, 'history');
    const r = cli(['report', batch, '--out', out, '--observed', HISTORY]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Observed contractRentCcyPerGpuHour_H100: \d of 2 points inside P5–P95/);
    expect(r.stdout).toContain('8 observed points were skipped: lines 2, 3, 4, 5, 6, 7, 12, 13, region US; the scenario is CN.');
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    // 120,000–180,000 CNY per 8-GPU node-month, per GPU-hour.
    expect(html).toContain('<td class="num">20.55–30.82</td>');
    expect(html).toContain('<li>line 2: region US; the scenario is CN</li>');
  });

  it('refuses a bad row with FILE:LINE, exit 2, before reading the batch, and writes nothing', () => {
    const bad = file('bad-unit.csv', GOOD, '2023-09,CN,H100,rent,spot,30,,,weeks,x');
    const out = join(tmp, 'never-1');
    expectBadInput(cli(['report', join(tmp, 'no-such-batch'), '--out', out, '--observed', bad]), `gpu-market: ${bad}:3: unit: expected a unit that fits a rent`);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a row that does not fit the batch scenario with exit 2 and one line', () => {
    const bad = file('bad-gpu.csv', GOOD, '2023-09,CN,B200,rent,spot,30,,,CNY per GPU-hour,x');
    const out = join(tmp, 'never-2');
    expectBadInput(
      cli(['report', batch, '--out', out, '--observed', bad]),
      `gpu-market: ${bad}:3: gpu: expected one of the scenario's generations (A100, A800, H800, Domestic910B, H100, H20) or all, found "B200"`,
    );
    expect(existsSync(out)).toBe(false);
    const late = file('late.csv', GOOD, '2024-07,CN,H100,rent,spot,30,,,CNY per GPU-hour,x');
    expectBadInput(cli(['report', batch, '--out', out, '--observed', late]), `gpu-market: ${late}:3: date: expected a month of the scenario, 2023-01 to 2024-06, found "2024-07"`);
  });

  it('refuses a batch whose summary lacks the scenario facts a history is held against', () => {
    const old = join(tmp, 'old-batch');
    cpSync(batch, old, { recursive: true });
    const summary = JSON.parse(readFileSync(join(old, 'summary.json'), 'utf8'));
    delete summary.region;
    writeFileSync(join(old, 'summary.json'), JSON.stringify(summary));
    expectBadInput(cli(['report', old, '--out', join(tmp, 'never-3'), '--observed', HISTORY]), `gpu-market: ${join(old, 'summary.json')}: region: expected a string, found nothing`);
  });

  it('checks the history against the scenario before a batch runs', () => {
    const bad = file('bad-batch.csv', GOOD, '2023-09,CN,H100,rent,spot,4,,,USD per GPU-hour,x');
    const out = join(tmp, 'never-4');
    expectBadInput(
      cli(['batch', BASELINE, '--runs', '8', '--quiet', '--out', out, '--report', '--observed', bad]),
      `gpu-market: ${bad}:3: unit: expected a unit in CNY, the scenario's currency, found "USD per GPU-hour"`,
    );
    expect(existsSync(out)).toBe(false);
  });
});
