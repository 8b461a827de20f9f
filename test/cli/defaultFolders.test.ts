import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FOLDER_SUFFIX, defaultOutDir, MERGE_OUT_DIR, type OutputKind } from '../../src/cli/options.js';
import { defaultReportDir } from '../../src/report/reportDir.js';
import { SENSITIVITY_METHODS } from '../../src/sensitivity/index.js';
import { BASELINE, cli, ROOT, tempDirForFile } from './helpers.js';

const KINDS = Object.keys(DEFAULT_FOLDER_SUFFIX) as OutputKind[];

describe('default output folders', () => {
  it('differ for every command and every sensitivity method, and from the merged batch', () => {
    const folders = [...KINDS.map((k) => defaultOutDir(BASELINE, k)), join(MERGE_OUT_DIR)];
    expect(new Set(folders).size).toBe(folders.length);
    expect(folders).toEqual(expect.arrayContaining(['baseline-run', 'baseline-batch', 'baseline', 'baseline-tornado', 'baseline-sobol', 'baseline-morris'].map((n) => join('reports', n))));
  });

  it('give each sensitivity method a folder of its own', () => {
    const folders = SENSITIVITY_METHODS.map((m) => defaultOutDir(BASELINE, m));
    expect(folders).toEqual(SENSITIVITY_METHODS.map((m) => join('reports', `baseline-${m}`)));
  });

  it("put the batch's report where report puts the report of the batch's folder", () => {
    for (const file of [BASELINE, 'scenarios/us-h100-2023.yaml']) {
      expect(defaultReportDir(defaultOutDir(file, 'batch'))).toBe(defaultOutDir(file, 'report'));
    }
    expect(defaultReportDir(MERGE_OUT_DIR)).toBe(join('reports', 'merged'));
  });

  it('are named in each command’s --help as the table gives them', () => {
    const help = (command: string) => cli([command, '--help']).stdout.replace(/\s+/g, ' ');
    expect(help('run')).toContain('(default: reports/<scenario file name>-run)');
    expect(help('batch')).toContain('(default: reports/<scenario file name>-batch)');
    expect(help('sensitivity')).toContain('(default: reports/<scenario file name>-<method>: -tornado, -sobol or -morris)');
    expect(help('thesis')).toContain('(default: reports/<thesis file name>-thesis)');
    expect(help('merge')).toContain('(default: reports/merged-batch)');
  });
});

describe('gpu-market sensitivity without --out', () => {
  const tmp = tempDirForFile('default-folders');

  it('writes each method into its own folder, so one method no longer replaces another', () => {
    const cwd = join(tmp, 'cwd');
    mkdirSync(cwd);
    const short = ['--outcome', 'peakRent', '--samples', '2', '--set', 'end=2023-12', '--workers', '1', '--quiet'];
    for (const method of ['tornado', 'morris']) {
      const r = cli(['sensitivity', join(ROOT, BASELINE), '--method', method, ...short], { cwd });
      expect(r.status, r.stderr).toBe(0);
    }
    const methodIn = (folder: string) => (JSON.parse(readFileSync(join(cwd, 'reports', folder, 'sensitivity.json'), 'utf8')) as { method: string }).method;
    expect(methodIn('baseline-tornado')).toBe('tornado');
    expect(methodIn('baseline-morris')).toBe('morris');
    expect(existsSync(join(cwd, 'reports', 'baseline-sensitivity'))).toBe(false);
  });
});
