import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselineText, cli, edit, expectBadInput, ROOT, tempDirForFile } from './helpers.js';

const scenarioFiles = readdirSync(join(ROOT, 'scenarios'))
  .filter((n) => /\.ya?ml$/.test(n))
  .map((n) => `scenarios/${n}`);

describe('gpu-market validate', () => {
  const tmp = tempDirForFile('validate');

  it('finds scenario files to check', () => {
    expect(scenarioFiles).toContain('scenarios/baseline.yaml');
  });

  it.each(scenarioFiles)('accepts %s', (file) => {
    const r = cli(['validate', file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^ok: ${file.replace(/\./g, '\\.')} \\(.+, \\d{4}-\\d\\d to \\d{4}-\\d\\d, \\d+ generations?\\)\\n$`));
  });

  it('describes the baseline by name, horizon and generation count', () => {
    expect(cli(['validate', 'scenarios/baseline.yaml']).stdout).toBe('ok: scenarios/baseline.yaml (Baseline - China compute leasing, 2023-2030, 2023-01 to 2030-12, 6 generations)\n');
  });

  it('applies --set before checking', () => {
    const r = cli(['validate', 'scenarios/baseline.yaml', '--set', 'end=2024-12']);
    expect(r.stdout).toContain('2023-01 to 2024-12');
    expectBadInput(cli(['validate', 'scenarios/baseline.yaml', '--set', 'entrants.baseMonthlyProbability=1.5']), '--set entrants.baseMonthlyProbability=1.5: entrants.baseMonthlyProbability: ');
  });

  it('exits 2 with one line on a broken scenario', () => {
    const file = join(tmp, 'broken.yaml');
    writeFileSync(file, edit(baselineText(), 'perfRatio: 0.8\n    priceCcyPerGpu: 120000', 'perfRatio: fast\n    priceCcyPerGpu: 120000'));
    expectBadInput(cli(['validate', file]), `${file}:`, 'generations[3].perfRatio: ');
  });
});
