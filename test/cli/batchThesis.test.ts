/**
 * `gpu-market batch --thesis`: theses tested on the batch's own runs, run as a child process of the
 * built CLI (test/globalSetup.ts builds it).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASELINE, cli, expectBadInput, MAIN, ROOT, tempDirForFile } from './helpers.js';

const dir = tempDirForFile('batch-thesis');
const SHORT = ['--set', 'end=2026-12', '--runs', '40', '--quiet'];
const ENTRANT = 'scenarios/theses/entrant-irr.yaml';
const TURN = 'scenarios/theses/turn-timing.yaml';
const BOTH = ['--thesis', ENTRANT, '--thesis', TURN];
const FOLDERS = ['thesis-1-entrant-irr', 'thesis-2-turn-timing'];

const text = (...path: string[]): string => readFileSync(join(...path), 'utf8');

/** The thesis files of a batch folder, by path within it. */
function thesisFilesOf(out: string): Record<string, string> {
  return Object.fromEntries(FOLDERS.flatMap((f) => ['thesis.json', 'thesis-runs.csv'].map((name) => [`${f}/${name}`, text(out, f, name)])));
}

interface Claim {
  name: string;
  successes: number;
  trials: number;
  probability: number;
}

const claimsOf = (out: string, folder: string): Claim[] => (JSON.parse(text(out, folder, 'thesis.json')) as { claims: Claim[] }).claims;

/** outcomes.csv as rows of cells by column name. */
function outcomes(out: string): Record<string, string>[] {
  const [header, ...rows] = text(out, 'outcomes.csv').trim().split('\n');
  const names = header.split(',');
  return rows.map((row) => Object.fromEntries(row.split(',').map((cell, i) => [names[i], cell])));
}

/**
 * Starts a batch that writes a checkpoint after every chunk and stops it with Ctrl-C (SIGINT) once
 * the first checkpoint is there; resolves with its exit code.
 */
function interruptedBatch(args: readonly string[], out: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, 'batch', BASELINE, ...args, '--out', out], {
      cwd: ROOT,
      env: { ...process.env, GPU_MARKET_DEBUG: '', GPU_MARKET_CHECKPOINT_SECONDS: '0' },
      stdio: 'ignore',
    });
    const poll = setInterval(() => {
      if (existsSync(join(out, 'checkpoint.json'))) {
        clearInterval(poll);
        child.kill('SIGINT');
      }
    }, 5);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      resolve(code);
    });
  });
}

describe('gpu-market batch --thesis', () => {
  const out = join(dir, 'batch');

  it("tests each thesis on the batch's own runs: its shares are those of the batch's outcomes", () => {
    const r = cli(['batch', BASELINE, ...SHORT, '--workers', '2', ...BOTH, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^ {2}- The probe, a cross-industry entrant buying 1,000 Domestic910B GPUs in 2023-10, clears its 15 % hurdle with probability \d\.\d\d;/m);
    // The verdict names each thesis's claims with their verdicts and probabilities, as the tables below it.
    expect(r.stdout).toMatch(/^ {2}- In thesis “Entrant IRR - [^”]+”, irr-over-15 (holds|fails|undecided) \(P = \d\.\d\d, required 0\.8\)/m);
    expect(r.stdout).toMatch(/; in thesis “Turn timing - [^”]+”, rent-halves-by-mid-2025 /);
    const irrP = /clears its 15 % hurdle with probability (\d\.\d\d)/.exec(r.stdout)![1];
    expect(r.stdout).toContain(`irr-over-15 ${/irr-over-15 (\w+)/.exec(r.stdout)![1]} (P = ${irrP},`);
    expect(r.stdout).toMatch(/^Thesis {4}Entrant IRR/m);
    expect(r.stdout).toMatch(/^Thesis {4}Turn timing/m);
    expect(r.stdout).toContain(`wrote ${join(out, 'thesis-1-entrant-irr', 'thesis.json')}\n`);
    for (const f of FOLDERS) expect(readdirSync(join(out, f)).sort()).toEqual(['thesis-runs.csv', 'thesis.json']);

    const rows = outcomes(out);
    expect(rows).toHaveLength(40);
    const count = (holds: (row: Record<string, string>) => boolean) => rows.filter(holds).length;
    // A run without an IRR, a payback or a red ocean has an empty cell, and the claim fails in it.
    const by = (column: string, month: string) => (row: Record<string, string>) => row[column] !== '' && row[column] <= month;
    const expected = {
      'irr-over-15': count((row) => row.probeIrr !== '' && Number(row.probeIrr) > 0.15),
      'npv-positive': count((row) => row.probeNpvCcy !== '' && Number(row.probeNpvCcy) > 0),
      'payback-within-3-years': count(by('probePaybackMonth', '2026-10')),
      'red-ocean-by-2025-01': count(by('redOnsetMonth', '2025-01')),
      'red-ocean-by-2026-12': count(by('redOnsetMonth', '2026-12')),
      'deep-fall-from-peak': count((row) => Number(row.maxFallFromPeak) >= 0.4),
    };
    const claims = [...claimsOf(out, FOLDERS[0]), ...claimsOf(out, FOLDERS[1])];
    for (const [name, successes] of Object.entries(expected)) {
      const claim = claims.find((c) => c.name === name)!;
      expect([name, claim.successes, claim.trials]).toEqual([name, successes, 40]);
      expect(claim.probability).toBe(successes / 40);
    }
    // One question, one number: the headline's P(IRR > 15 %) is the thesis's.
    const summary = JSON.parse(text(out, 'summary.json'));
    expect(summary.probeHurdleIrr).toBe(0.15);
    expect(claims[0].probability).toBe(summary.probeIrrAboveHurdle);
    const thesis = JSON.parse(text(out, FOLDERS[0], 'thesis.json'));
    for (const key of ['scenarioHash', 'seed', 'runs', 'design', 'completedRuns']) expect([key, thesis[key]]).toEqual([key, summary[key]]);
    // Run by run, the same runs with the same drawn inputs.
    const inputs = 2 + summary.inputs.length;
    const runsCsv = text(out, FOLDERS[1], 'thesis-runs.csv').trim().split('\n');
    const outcomesCsv = text(out, 'outcomes.csv').trim().split('\n');
    expect(runsCsv.map((line) => line.split(',').slice(0, inputs).join())).toEqual(outcomesCsv.map((line) => line.split(',').slice(0, inputs).join()));
  });

  it('writes the same bytes for any --workers and --chunk-size, and those of the thesis command', () => {
    const one = join(dir, 'one-worker');
    expect(cli(['batch', BASELINE, ...SHORT, '--workers', '1', '--chunk-size', '7', ...BOTH, '--out', one]).status).toBe(0);
    expect(thesisFilesOf(one)).toEqual(thesisFilesOf(out));
    // The thesis command's batch is this one (design lhs, seed 1), and its result the same.
    const alone = join(dir, 'thesis-command');
    expect(cli(['thesis', BASELINE, ENTRANT, ...SHORT, '--workers', '2', '--out', alone]).status).toBe(0);
    for (const name of ['thesis.json', 'thesis-runs.csv']) expect(text(alone, name)).toBe(text(out, FOLDERS[0], name));
  });

  it('resumed after an interruption, writes the theses of the uninterrupted batch; with other theses, it will not resume', async () => {
    const cut = join(dir, 'interrupted');
    expect(await interruptedBatch([...SHORT, '--workers', '1', '--chunk-size', '2', ...BOTH], cut)).toBe(130);
    expect(existsSync(join(cut, 'checkpoint.json'))).toBe(true);
    // Its records hold the values these theses read, and no others.
    for (const theses of [[], ['--thesis', ENTRANT]]) {
      expectBadInput(cli(['batch', BASELINE, ...SHORT, ...theses, '--resume', '--out', cut]), '--resume:', 'extracted other monthly values');
    }
    const r = cli(['batch', BASELINE, ...SHORT, '--workers', '2', ...BOTH, '--resume', '--out', cut]);
    expect(r.status, r.stderr).toBe(0);
    expect(thesisFilesOf(cut)).toEqual(thesisFilesOf(out));
    expect(text(cut, 'summary.json')).toBe(text(out, 'summary.json'));
    expect(readdirSync(cut).sort()).toEqual([...readdirSync(out)].sort());
  });

  it('refuses a bad thesis file before any run, with exit 2 and nothing written', () => {
    const never = join(dir, 'never');
    const bad = join(dir, 'bad-metric.yaml');
    writeFileSync(bad, 'name: Bad\nclaims:\n  - name: x\n    expr: spotRnt@2024-06 > 1\n    require: 0.5\n');
    expectBadInput(cli(['batch', BASELINE, ...SHORT, '--thesis', ENTRANT, '--thesis', bad, '--out', never]), `${bad}:4:11: claims[0].expr: unknown metric "spotRnt"; did you mean spotRent?`);
    // Compiled against the scenario as run: with --set end=2024-12, 2025-06 is not one of its months.
    expectBadInput(cli(['batch', BASELINE, '--set', 'end=2024-12', '--runs', '4', '--thesis', TURN, '--out', never]), `${TURN}:`, "outside the scenario's months");
    expectBadInput(cli(['batch', BASELINE, ...SHORT, '--thesis', join(dir, 'missing.yaml'), '--out', never]), 'missing.yaml');
    expect(existsSync(never)).toBe(false);
  });

  it('refuses --thesis with --shard: a thesis needs every run', () => {
    const never = join(dir, 'never-shard');
    expectBadInput(cli(['batch', BASELINE, ...SHORT, '--shard', '0/2', '--thesis', ENTRANT, '--out', never]), '--thesis: a thesis needs every run of the batch');
    expect(existsSync(never)).toBe(false);
  });

  it("puts the batch's theses into its report, with --report and from report <batch-dir> alone", () => {
    const small = join(dir, 'small');
    const r = cli(['batch', join(ROOT, BASELINE), '--set', 'end=2026-12', '--runs', '8', '--workers', '2', '--quiet', '--thesis', join(ROOT, ENTRANT), '--out', small, '--report'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const html = text(dir, 'reports', 'small', 'index.html');
    expect(html).toContain(`From <code>${join(small, 'thesis-1-entrant-irr', 'thesis.json')}</code>`);
    expect(html).toContain('Entrant IRR - 1,000 GPUs in 2023-10 earn over 15 %');

    // Given again with --thesis, a thesis of the folder is shown once.
    const report = join(dir, 'report');
    expect(cli(['report', out, '--out', report, '--thesis', join(out, FOLDERS[0])]).status).toBe(0);
    const page = text(report, 'index.html');
    for (const f of FOLDERS) expect(page.split(`From <code>${join(out, f, 'thesis.json')}</code>`)).toHaveLength(2);

    // A thesis of other runs in the folder is refused: the folder mixes two batches.
    const mixed = join(dir, 'mixed');
    cpSync(out, mixed, { recursive: true });
    cpSync(join(small, 'thesis-1-entrant-irr'), join(mixed, 'thesis-3-entrant-irr'), { recursive: true });
    expectBadInput(cli(['report', mixed, '--out', join(dir, 'mixed-report')]), join(mixed, 'thesis-3-entrant-irr', 'thesis.json'), 'expected a thesis tested on the runs of summary.json');
  });

  it('takes the theses of an earlier batch out of the folder it writes into', () => {
    const small = join(dir, 'small');
    expect(existsSync(join(small, 'thesis-1-entrant-irr'))).toBe(true);
    expect(cli(['batch', BASELINE, '--set', 'end=2026-12', '--runs', '8', '--quiet', '--out', small]).status).toBe(0);
    expect(readdirSync(small).filter((name) => name.startsWith('thesis-'))).toEqual([]);
  });
});
