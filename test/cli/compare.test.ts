/**
 * `gpu-market compare` as a child process, on small batches of the shipped scenarios: the calibrated
 * China scenario and its chip-glut delta pair run by run, a batch of another seed does not, and a
 * batch compared with itself differs by exactly nothing.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, expectBadInput, ROOT, tempDirForFile } from './helpers.js';
import { tree } from '../support/fileTree.js';

const SMALL = ['--set', 'end=2024-12', '--runs', '16', '--workers', '2', '--quiet'];

interface Row {
  name: string;
  difference: Record<string, number | null> | null;
}

const readJson = (dir: string) => JSON.parse(readFileSync(join(dir, 'compare.json'), 'utf8'));

describe('gpu-market compare', () => {
  const tmp = tempDirForFile('compare');
  const main = join(tmp, 'main-batch');
  const glut = join(tmp, 'glut-batch');
  const seed2 = join(tmp, 'seed2-batch');
  const short = join(tmp, 'short-batch');

  beforeAll(() => {
    for (const [scenario, out, extra] of [
      ['scenarios/china-calibrated.yaml', main, []],
      ['scenarios/china-calibrated-chip-glut.yaml', glut, []],
      ['scenarios/china-calibrated.yaml', seed2, ['--seed', '2']],
      ['scenarios/china-calibrated.yaml', short, ['--set', 'end=2024-06']],
    ] as const) {
      const r = cli(['batch', scenario, ...SMALL, ...extra, '--out', out]);
      expect(r.status, r.stderr).toBe(0);
    }
  });

  it('writes compare.html, compare.json and each chart as SVG and CSV, and prints the headline differences and the page', () => {
    const out = join(tmp, 'c1');
    const r = cli(['compare', main, glut, seed2, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Headline differences\n {2}- B against A: paired run by run\.\n/);
    expect(r.stdout).toContain('  - C against A: unpaired (different seeds (1 and 2)).\n');
    expect(r.stdout).toMatch(/Red ocean begun by 2024-12: A [\d.]+ %, B [\d.]+ %, a change of /);
    expect(r.stdout.endsWith(`compare: ${join(out, 'compare.html')}\n`)).toBe(true);
    const files = [...tree(out).keys()];
    expect(files).toEqual(expect.arrayContaining(['compare.html', 'compare.json', 'charts/spot-rent.svg', 'data/spot-rent.csv', 'charts/red-ocean.svg', 'charts/probe-irr.svg']));
    expect(files.filter((f) => f.startsWith('charts/'))).toHaveLength(files.filter((f) => f.startsWith('data/')).length);
    const html = readFileSync(join(out, 'compare.html'), 'utf8');
    expect(html).toContain('<h1>Baseline - China compute leasing, 2023-2030 (calibrated) <span class="vs">vs</span> Chip glut');
    const markup = html.replace(/<script\b[^>]*>[^]*?<\/script>/g, '');
    expect(markup).not.toMatch(/<[a-z]+\b[^>]*\s(src|srcset)=/i);
    expect(markup).not.toMatch(/<link\b/i);
    const doc = readJson(out);
    expect(doc.comparisons.map((c: { b: string; paired: boolean }) => [c.b, c.paired])).toEqual([
      ['B', true],
      ['C', false],
    ]);
    expect(doc.comparisons[1].reasons).toEqual(['different seeds (1 and 2)']);
  });

  it('gives exactly zero differences for a batch compared with itself', () => {
    const out = join(tmp, 'self');
    const r = cli(['compare', main, main, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const [self] = readJson(out).comparisons;
    expect(self.paired).toBe(true);
    expect(self.rows.length).toBeGreaterThan(16);
    for (const row of self.rows as Row[]) {
      if (row.difference === null) continue;
      for (const [k, v] of Object.entries(row.difference)) {
        if (k === 'pairs') continue;
        // A single pair has no interval.
        if (v === null) expect(row.difference.pairs, `${row.name}.${k}`).toBe(1);
        else expect(v, `${row.name}.${k}`).toBe(0);
      }
    }
    expect((self.rows as Row[]).filter((row) => row.difference !== null).length).toBeGreaterThan(16);
  });

  it('writes the same bytes for the same folders', () => {
    const a = join(tmp, 'same-a');
    const b = join(tmp, 'same-b');
    expect(cli(['compare', main, seed2, '--out', a]).status).toBe(0);
    expect(cli(['compare', main, seed2, '--out', b]).status).toBe(0);
    const ta = tree(a);
    const tb = tree(b);
    expect([...tb.keys()]).toEqual([...ta.keys()]);
    for (const [name, content] of ta) expect(tb.get(name)!.equals(content), name).toBe(true);
  });

  it('compares batches of different horizons on the months they share, and says so', () => {
    const out = join(tmp, 'short');
    expect(cli(['compare', main, short, '--out', out]).status).toBe(0);
    const doc = readJson(out);
    expect(doc.months).toEqual(['2023-01', '2024-06']);
    expect(doc.comparisons[0].rows.map((r: Row) => r.name).filter((n: string) => n.startsWith('redOcean'))).toEqual(['redOceanBy2023-12', 'redOceanBy2024-06']);
    expect(readFileSync(join(out, 'compare.html'), 'utf8')).toContain(
      'The batches cover different months: the charts and the red-ocean rows are drawn over the 18 months they have in common, 2023-01 to 2024-06',
    );
  });

  it('writes into reports/<first>-vs-<second>-compare without --out', () => {
    const cwd = join(tmp, 'cwd');
    mkdirSync(cwd);
    const r = cli(['compare', main, glut], { cwd });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(cwd, 'reports', 'main-vs-glut-compare', 'compare.html'))).toBe(true);
    expect(cli(['compare', main, glut, seed2], { cwd }).status).toBe(0);
    expect(existsSync(join(cwd, 'reports', 'main-vs-glut-and-1-more-compare', 'compare.json'))).toBe(true);
  });

  describe('refuses with exit 2, one line and nothing written', () => {
    /** A copy of the main batch with its summary.json (and samples.json) changed. */
    function tampered(name: string, edit: (summary: Record<string, unknown>, samples: Record<string, unknown>) => void): string {
      const dir = join(tmp, name);
      cpSync(main, dir, { recursive: true });
      const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
      const samples = JSON.parse(readFileSync(join(dir, 'samples.json'), 'utf8'));
      edit(summary, samples);
      writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary));
      writeFileSync(join(dir, 'samples.json'), JSON.stringify(samples));
      return dir;
    }
    const refused = (args: string[], ...fragments: string[]) => {
      const out = join(tmp, 'refused');
      expectBadInput(cli(['compare', ...args, '--out', out]), ...fragments);
      expect(existsSync(out)).toBe(false);
    };

    it('fewer than two folders', () => {
      refused([main], 'gpu-market: compare: expected at least two batch folders, found 1');
    });

    it('a folder that is not a batch folder, naming the file', () => {
      const empty = join(tmp, 'empty');
      mkdirSync(empty);
      refused([main, empty], `${join(empty, 'summary.json')}: missing; expected a batch folder written by gpu-market batch or merge`);
    });

    it('an output folder that is one of the batch folders', () => {
      expectBadInput(cli(['compare', main, glut, '--out', glut]), `--out: ${glut} is the batch folder ${glut}`);
    });

    it('batches in different currencies', () => {
      const usd = tampered('usd', (s) => (s.currency = 'USD'));
      refused([main, usd], `${join(usd, 'summary.json')}: currency: expected CNY`, 'batches in different currencies cannot be compared');
    });

    it('batches with no month in common', () => {
      const later = tampered('later', (s, samples) => {
        const months = (s.months as string[]).map((m) => m.replace(/^2023/, '2027').replace(/^2024/, '2028'));
        s.months = months;
        samples.months = months;
      });
      refused([main, later], 'compare: the batches have no month in common (A 2023-01 to 2024-12, B 2027-01 to 2028-12)');
    });
  });

  it('is listed with an example in its --help', () => {
    const r = cli(['compare', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('compare reports/baseline-batch reports/chip-glut-batch --out reports/baseline-vs-chip-glut');
    expect(existsSync(join(ROOT, 'scenarios/chip-glut.yaml'))).toBe(true);
  });
});
