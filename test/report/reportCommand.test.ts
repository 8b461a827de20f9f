import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASELINE, cli, expectBadInput, ROOT, tempDirForFile } from '../cli/helpers.js';
import { fixtureSobol, fixtureThesis, fixtureTornado } from './analysisFixture.js';
import { BATCH_CHARTS as CHARTS } from './chartChecks.js';
import { tree } from '../support/fileTree.js';

const SMALL = ['--set', 'end=2024-12', '--runs', '16', '--workers', '2', '--quiet'];
const OBSERVED = join(ROOT, 'scenarios/observed/china-2023.csv');

describe('gpu-market report', () => {
  const tmp = tempDirForFile('report');
  const batch = join(tmp, 'small-batch');

  let batchOut = '';

  beforeAll(() => {
    const r = cli(['batch', BASELINE, ...SMALL, '--out', batch]);
    expect(r.status, r.stderr).toBe(0);
    batchOut = r.stdout;
  });

  it('writes index.html, each chart as SVG and CSV, and a copy of summary.json, and prints the findings and the path', () => {
    const out = join(tmp, 'r1');
    const r = cli(['report', batch, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Verdict\n {2}- The spot rent turns in /);
    expect(r.stdout).toMatch(/P\(red ocean\) is \d\.\d\d in 2023-12|No run is in the red ocean in any month to 2024-12/);
    expect(r.stdout).toMatch(/clears its 15 % hurdle with probability \d\.\d\d/);
    // The verdict is the batch's, sentence for sentence, and the page's.
    const verdict = (text: string) => /^Verdict\n(( {2}- .*\n)+)/m.exec(text)![1];
    expect(verdict(r.stdout)).toBe(verdict(batchOut));
    const page = readFileSync(join(out, 'index.html'), 'utf8');
    const items = [.../<ul class="headlines">([^]*?)<\/ul>/.exec(page)![1].matchAll(/<li>([^]*?)<\/li>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''));
    const unescape = (t: string) =>
      t
        .replace(/&gt;/g, '>')
        .replace(/&lt;/g, '<')
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
    expect(items.map((i) => `  - ${unescape(i)}\n`).join('')).toBe(verdict(r.stdout));
    expect(r.stdout.endsWith(`report: ${join(out, 'index.html')}\n`)).toBe(true);
    const files = [...tree(out).keys()].sort();
    const expected = ['index.html', 'summary.json', ...CHARTS.map((c) => `charts/${c}.svg`), ...CHARTS.map((c) => `data/${c}.csv`)].sort();
    expect(files).toEqual(expected);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(readFileSync(join(batch, 'summary.json'), 'utf8'));
    for (const c of CHARTS) {
      expect(readFileSync(join(out, 'charts', `${c}.svg`), 'utf8'), c).toMatch(/^<svg [^]*role-mark[^]*<\/svg>$/);
      expect(readFileSync(join(out, 'data', `${c}.csv`), 'utf8').split('\n').length, c).toBeGreaterThan(2);
    }
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('<h1>Baseline - China compute leasing, 2023-2030</h1>');
    // The markup outside the inlined scripts loads nothing (the browser test watches the requests).
    const markup = html.replace(/<script\b[^>]*>[^]*?<\/script>/g, '');
    expect(markup).not.toMatch(/<[a-z]+\b[^>]*\s(src|srcset)=/i);
    expect(markup).not.toMatch(/<link\b/i);
  });

  it('draws the scenario’s events from the batch’s scenario.resolved.json, and refuses one of another scenario', () => {
    const html = readFileSync(join(tmp, 'r1', 'index.html'), 'utf8');
    // The baseline's H800 launch and the export ban on the A800 and H800, numbered in the captions.
    expect(html).toMatch(/\d H800 launch \(2023-03\)/);
    expect(html).toMatch(/\d export ban on A800, H800/);
    const other = join(tmp, 'other-scenario');
    cpSync(batch, other, { recursive: true });
    const scenario = JSON.parse(readFileSync(join(other, 'scenario.resolved.json'), 'utf8'));
    writeFileSync(join(other, 'scenario.resolved.json'), JSON.stringify({ ...scenario, name: 'Another scenario' }));
    expectBadInput(cli(['report', other, '--out', join(tmp, 'r-other')]), 'scenario.resolved.json', 'expected the scenario of summary.json');
    expect(existsSync(join(tmp, 'r-other'))).toBe(false);
  });

  it('writes byte-identical files for the same batch', () => {
    const a = join(tmp, 'same-a');
    const b = join(tmp, 'same-b');
    expect(cli(['report', batch, '--out', a, '--observed', OBSERVED]).status).toBe(0);
    expect(cli(['report', batch, '--out', b, '--observed', OBSERVED]).status).toBe(0);
    const ta = tree(a);
    const tb = tree(b);
    expect([...tb.keys()]).toEqual([...ta.keys()]);
    for (const [name, content] of ta) expect(tb.get(name)!.equals(content), name).toBe(true);
  });

  it('holds observed data against the bands: points on the rent fan, a fan for other metrics, coverage and CRPS', () => {
    const out = join(tmp, 'observed');
    const r = cli(['report', batch, '--out', out, '--observed', OBSERVED]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Observed contractRentCcyPerGpuHour_H100: \d of 2 points inside P5–P95, \d of 2 inside P25–P75, mean CRPS [\d.]+ CNY per H100-hour\./);
    expect(r.stdout).toMatch(/Observed grossMargin: \d of 1 point inside P5–P95/);
    const charts = ['grossMargin', 'netMargin', 'listRentCcyPerGpuHour_A100', 'spotRentCcyPerGpuHour_A100', 'contractRentCcyPerGpuHour_H100'];
    for (const c of charts) expect(existsSync(join(out, 'charts', `observed-${c}.svg`)), c).toBe(true);
    const spot = readFileSync(join(out, 'data', 'observed-spotRentCcyPerGpuHour_A100.csv'), 'utf8');
    expect(spot).toMatch(/^observed,observed,2023-08,,,,,,15\.1,,,"Broker research/m);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('Soochow Securities via OFweek');
  });

  it('reports observed points outside the batch months as skipped', () => {
    const file = join(tmp, 'late.csv');
    writeFileSync(file, 'date,metric,value,source\n2023-05,spotRent,20,a\n2029-01,spotRent,12,too late\n');
    const r = cli(['report', batch, '--out', join(tmp, 'late'), '--observed', file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("1 observed point was skipped: line 3, 2029-01 is outside the batch's months 2023-01 to 2024-12.");
  });

  it('refuses a bad observed file with FILE:LINE, exit 2, and writes nothing', () => {
    const file = join(tmp, 'bad.csv');
    writeFileSync(file, 'date,metric,value,source\n2023-05,spotRent,20,a\n2023-06,spotRent,twenty,b\n');
    const out = join(tmp, 'never-written');
    expectBadInput(cli(['report', batch, '--out', out, '--observed', file]), `${file}:3: value: expected a number such as 22.84 or 0.4, found "twenty"`);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a folder that is not a batch, naming the missing file', () => {
    const out = join(tmp, 'not-written');
    expectBadInput(cli(['report', join(tmp, 'no-such-batch'), '--out', out]), `${join(tmp, 'no-such-batch', 'summary.json')}: missing`);
    expect(existsSync(out)).toBe(false);
  });

  describe('with --thesis and --sensitivity', () => {
    /** Writes `doc`, of the batch's scenario unless told otherwise, as `name` in a folder of its own. */
    const analysis = (folder: string, name: string, doc: object, hash?: string): string => {
      const dir = join(tmp, folder);
      mkdirSync(dir, { recursive: true });
      const summary = JSON.parse(readFileSync(join(batch, 'summary.json'), 'utf8')) as { scenarioHash: string };
      writeFileSync(join(dir, name), JSON.stringify({ ...doc, scenarioHash: hash ?? summary.scenarioHash }));
      return dir;
    };

    it('adds the theses, their PRIM boxes and the sensitivity charts, taking folders or files', () => {
      const out = join(tmp, 'analyses');
      const thesis = analysis('t', 'thesis.json', fixtureThesis());
      const tornado = analysis('st', 'sensitivity.json', fixtureTornado());
      const sobol = analysis('ss', 'sensitivity.json', fixtureSobol());
      const r = cli(['report', batch, '--out', out, '--thesis', thesis, '--sensitivity', tornado, '--sensitivity', join(sobol, 'sensitivity.json')]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('with 15 charts as SVG');
      for (const c of ['thesis-1', 'prim-1-1', 'tornado-1', 'sobol-1']) {
        expect(readFileSync(join(out, 'charts', `${c}.svg`), 'utf8'), c).toMatch(/^<svg [^]*role-mark[^]*<\/svg>$/);
        expect(existsSync(join(out, 'data', `${c}.csv`)), c).toBe(true);
      }
      const html = readFileSync(join(out, 'index.html'), 'utf8');
      for (const id of ['theses', 'scenario-discovery', 'sensitivity']) expect(html).toContain(`<h2 id="${id}">`);
      expect(html).toContain(`From <code>${join(thesis, 'thesis.json')}</code>`);
    });

    it('refuses an analysis of another scenario with exit 2, and writes nothing', () => {
      const out = join(tmp, 'never-mixed');
      const other = analysis('other', 'thesis.json', fixtureThesis(), '0'.repeat(64));
      expectBadInput(cli(['report', batch, '--out', out, '--thesis', other]), `${join(other, 'thesis.json')}: scenarioHash: expected the batch's scenario`, 'found another scenario (000000000000…)');
      const late = analysis('late', 'sensitivity.json', { ...fixtureTornado(), endMonth: '2030-12' });
      expectBadInput(
        cli(['report', batch, '--out', out, '--sensitivity', late]),
        `${join(late, 'sensitivity.json')}: startMonth, endMonth: expected the batch's months 2023-01 to 2024-12, found 2023-01 to 2030-12`,
      );
      expect(existsSync(out)).toBe(false);
    });

    it('refuses a missing or malformed file with exit 2, naming it, and writes nothing', () => {
      const out = join(tmp, 'never-bad');
      expectBadInput(
        cli(['report', batch, '--out', out, '--sensitivity', join(tmp, 'no-such-dir')]),
        `${join(tmp, 'no-such-dir')}: missing; expected sensitivity.json written by gpu-market sensitivity`,
      );
      const bad = analysis('bad', 'thesis.json', { ...fixtureThesis(), claims: 'none' });
      expectBadInput(cli(['report', batch, '--out', out, '--thesis', bad]), `${join(bad, 'thesis.json')}: claims: expected a list, found "none"`);
      expect(existsSync(out)).toBe(false);
    });
  });

  it('writes to reports/<batch folder name without -batch> by default', () => {
    const r = cli(['report', batch], { cwd: tmp });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(tmp, 'reports', 'small', 'index.html'))).toBe(true);
    expect(r.stdout).toContain(`report: ${join('reports', 'small', 'index.html')}`);
  });
});

describe('gpu-market batch --report', () => {
  const tmp = tempDirForFile('batch-report');

  it('writes the report after the batch where report <out> would: reports/<out folder name>', () => {
    const r = cli(['batch', join(ROOT, BASELINE), '--set', 'end=2023-12', '--runs', '8', '--workers', '2', '--quiet', '--out', join(tmp, 'b'), '--report', '--observed', OBSERVED], { cwd: tmp });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Scenario {2}Baseline/);
    // Printed once, by the batch: the report's is the same.
    expect(r.stdout.split('Verdict\n')).toHaveLength(2);
    expect(r.stdout).toMatch(/^Observed data \(the report's observed-data section\)\n( {2}- .*\n)* {2}- Observed grossMargin: /m);
    expect(r.stdout).toContain(`report: ${join('reports', 'b', 'index.html')}`);
    expect(existsSync(join(tmp, 'reports', 'b', 'charts', 'observed-grossMargin.svg'))).toBe(true);
  });

  it('checks the observed file before running the batch', () => {
    const file = join(tmp, 'bad.csv');
    writeFileSync(file, 'date,metric,value\n2023-05,spotRent\n');
    const out = join(tmp, 'never');
    expectBadInput(cli(['batch', BASELINE, '--runs', '8', '--quiet', '--out', out, '--report', '--observed', file]), `${file}:2: row: expected 3 fields (date, metric, value), found 2`);
    expect(existsSync(out)).toBe(false);
  });

  it('takes --observed only with --report, and no --report for a shard', () => {
    expectBadInput(cli(['batch', BASELINE, '--runs', '8', '--quiet', '--out', join(tmp, 'x'), '--observed', OBSERVED]), '--observed: only with --report');
    expectBadInput(cli(['batch', BASELINE, '--runs', '8', '--quiet', '--out', join(tmp, 'y'), '--report', '--shard', '0/2']), '--report: a shard has no summary');
  });
});
