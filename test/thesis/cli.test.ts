/** `gpu-market thesis`, run as a child process of the built CLI (test/globalSetup.ts builds it). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioHash } from '../../src/montecarlo/summary.js';
import { loadScenario } from '../../src/scenario/index.js';
import { BASELINE, cli, expectBadInput, tempDirForFile } from '../cli/helpers.js';

const dir = tempDirForFile('thesis');
const SHORT = ['--set', 'end=2024-12', '--runs', '20', '--quiet'];

function thesisFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const good = thesisFile(
  'good.yaml',
  `name: Short thesis
claims:
  - name: rent-up
    expr: spotRent@2024-06 > spotRent@2023-09
    require: 0.5
  - name: early-red
    expr: redOnset <= 2024-06
    require: 0.1
`,
);

describe('gpu-market thesis', () => {
  it('prints the table and writes thesis.json and thesis-runs.csv', () => {
    const out = join(dir, 'out');
    const r = cli(['thesis', BASELINE, good, ...SHORT, '--workers', '1', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Thesis {4}Short thesis$/m);
    expect(r.stdout).toMatch(/^Runs {6}20 of 20 \(0 failed\), seed 1, design lhs$/m);
    expect(r.stdout).toMatch(/^rent-up +\d\.\d{3} +\d\.\d{3} – \d\.\d{3} +≥ 0\.5 +(holds|fails|undecided) +\S/m);
    expect(r.stdout).toContain(`wrote ${join(out, 'thesis.json')}`);
    const json = JSON.parse(readFileSync(join(out, 'thesis.json'), 'utf8')) as { runs: number; scenarioHash: string; claims: { name: string; trials: number }[] };
    expect(json.runs).toBe(20);
    // The hash a batch of the same scenario and --set options writes, so a report can pair them.
    expect(json.scenarioHash).toBe(scenarioHash(loadScenario(BASELINE, ['end=2024-12'])));
    expect(json.claims.map((c) => [c.name, c.trials])).toEqual([
      ['rent-up', 20],
      ['early-red', 20],
    ]);
    const csv = readFileSync(join(out, 'thesis-runs.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(21);
    expect(csv[0]).toMatch(/^run,seed,vendor\.outputScale,.*,rent-up,early-red$/);
    expect(csv.slice(1).every((line) => /,[01],[01]$/.test(line))).toBe(true);

    // The same command on two workers writes the same bytes.
    const out2 = join(dir, 'out2');
    expect(cli(['thesis', BASELINE, good, ...SHORT, '--workers', '2', '--out', out2]).status).toBe(0);
    expect(readFileSync(join(out2, 'thesis.json'), 'utf8')).toBe(readFileSync(join(out, 'thesis.json'), 'utf8'));
    expect(readFileSync(join(out2, 'thesis-runs.csv'), 'utf8')).toBe(readFileSync(join(out, 'thesis-runs.csv'), 'utf8'));
  });

  it('rejects a claim on a metric that does not exist with exit 2, the place, a suggestion, and nothing written', () => {
    const bad = thesisFile('bad-metric.yaml', 'name: Bad\nclaims:\n  - name: x\n    expr: spotRnt@2024-06 > 1\n    require: 0.5\n');
    const out = join(dir, 'bad-out');
    const r = cli(['thesis', BASELINE, bad, ...SHORT, '--out', out]);
    expectBadInput(r, `${bad}:4:11: claims[0].expr: unknown metric "spotRnt"; did you mean spotRent?`);
    expect(existsSync(out)).toBe(false);
  });

  it('rejects malicious expressions the same way', () => {
    for (const [expr, message] of [
      ['constructor', 'unknown variable "constructor"'],
      ['"import(\\"fs\\")"', 'the function "import" is not allowed'],
      ['"a = 1"', 'assignment "a = 1" is not allowed'],
      [`"${'1+'.repeat(2000)}1"`, 'expected a string of at most 2000 characters'],
    ]) {
      const file = thesisFile('malicious.yaml', `name: Bad\nclaims:\n  - name: x\n    expr: ${expr}\n    require: 0.5\n`);
      expectBadInput(cli(['thesis', BASELINE, file, ...SHORT, '--out', join(dir, 'never')]), `${file}:4:11: claims[0].expr: ${message}`);
    }
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('rejects a misused month range the same way', () => {
    for (const [expr, message] of [
      ['spotRent@2024-01..2024-06 > 1', 'the month range "spotRent@2024-01..2024-06" is allowed only as the one argument of mean, min, max, first, last or sum'],
      ['mean(spotRent@2024-06..2024-01) > 1', 'the range spotRent@2024-06..2024-01 ends before it starts'],
      ['mean(spotRent@2024-06..2025-06) > 1', "month 2025-06 is outside the scenario's months 2023-01 to 2024-12"],
    ]) {
      const file = thesisFile('bad-range.yaml', `name: Bad\nclaims:\n  - name: x\n    expr: ${expr}\n    require: 0.5\n`);
      expectBadInput(cli(['thesis', BASELINE, file, ...SHORT, '--out', join(dir, 'never')]), `${file}:4:11: claims[0].expr: ${message}`);
    }
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('rejects bad options and a missing thesis file with exit 2', () => {
    expectBadInput(cli(['thesis', BASELINE, good, '--runs', '0']), '--runs: expected a whole number 1 or more');
    expectBadInput(cli(['thesis', BASELINE, join(dir, 'none.yaml'), ...SHORT]), 'none.yaml: cannot read file: no such file');
    expectBadInput(cli(['thesis', BASELINE]), "missing required argument 'thesis'");
  });
});
