import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.js';
import { defaultOutDir, endMonthFor, MAX_RUNS, parseFormat, parseMonths, parseOutDir, parseRuns, parseSeed, parseWorkers } from '../../src/cli/options.js';

describe('option values', () => {
  it('a seed is a whole number 0 or more', () => {
    expect(parseSeed('0')).toBe(0);
    expect(parseSeed('42')).toBe(42);
    for (const bad of ['abc', '-1', '1.5', '', ' ', '1e3', '0x10', '99999999999999999999']) {
      expect(() => parseSeed(bad), bad).toThrow(UsageError);
    }
    expect(() => parseSeed('abc')).toThrow('--seed: expected a whole number 0 or more, found "abc"');
  });

  it('a month count is a whole number 1 or more', () => {
    expect(parseMonths('24')).toBe(24);
    expect(() => parseMonths('0')).toThrow('--months: expected a whole number 1 or more, found "0"');
  });

  it('a run count is a whole number from 1 to the stated maximum', () => {
    expect(parseRuns('1')).toBe(1);
    expect(parseRuns(String(MAX_RUNS))).toBe(MAX_RUNS);
    expect(() => parseRuns(String(MAX_RUNS + 1))).toThrow(/^--runs: expected at most 10,000,000 runs, found "10000001"; split a larger study with --shard$/);
    expect(() => parseRuns('9007199254740991')).toThrow(UsageError);
    expect(() => parseRuns('0')).toThrow('--runs: expected a whole number 1 or more, found "0"');
  });

  it('a worker count is at most four per core', () => {
    expect(parseWorkers('8', 2)).toBe(8);
    expect(() => parseWorkers('9', 2)).toThrow('--workers: expected at most 8 (4 per core on this machine\'s 2), found "9"');
    expect(() => parseWorkers('256', 16)).toThrow(UsageError);
    expect(parseWorkers('64', 16)).toBe(64);
  });

  it('the format is csv or json', () => {
    expect(parseFormat('csv')).toBe('csv');
    expect(parseFormat('json')).toBe('json');
    expect(() => parseFormat('CSV')).toThrow('--format: expected csv or json, found "CSV"');
  });

  it('an out dir is not empty', () => {
    expect(parseOutDir('out')).toBe('out');
    expect(() => parseOutDir('')).toThrow(UsageError);
  });

  it('an out dir is not "-": the commands write folders, not a stream', () => {
    for (const dash of ['-', ' - ']) expect(() => parseOutDir(dash), dash).toThrow(/^--out: expected a folder path, found "-": .*cannot go to standard output$/);
    expect(parseOutDir('-x')).toBe('-x');
    expect(parseOutDir('./-')).toBe('./-');
  });

  it('the default out dir is reports/<file name without extension> and the suffix of the command', () => {
    expect(defaultOutDir('scenarios/baseline.yaml', 'run')).toBe(join('reports', 'baseline-run'));
    expect(defaultOutDir('/abs/path/high.demand.yml', 'batch')).toBe(join('reports', 'high.demand-batch'));
    expect(defaultOutDir('scenarios/baseline.yaml', 'report')).toBe(join('reports', 'baseline'));
  });

  it('N months from a start end N - 1 months later, across years', () => {
    expect(endMonthFor('2023-01', 1)).toBe('2023-01');
    expect(endMonthFor('2023-01', 24)).toBe('2024-12');
    expect(endMonthFor('2023-11', 3)).toBe('2024-01');
  });
});
