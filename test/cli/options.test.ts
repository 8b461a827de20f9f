import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.js';
import { defaultOutDir, endMonthFor, parseFormat, parseMonths, parseOutDir, parseSeed } from '../../src/cli/options.js';

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

  it('the format is csv or json', () => {
    expect(parseFormat('csv')).toBe('csv');
    expect(parseFormat('json')).toBe('json');
    expect(() => parseFormat('CSV')).toThrow('--format: expected csv or json, found "CSV"');
  });

  it('an out dir is not empty', () => {
    expect(parseOutDir('out')).toBe('out');
    expect(() => parseOutDir('')).toThrow(UsageError);
  });

  it('the default out dir is reports/<scenario file name without extension>', () => {
    expect(defaultOutDir('scenarios/baseline.yaml')).toBe(join('reports', 'baseline'));
    expect(defaultOutDir('/abs/path/high.demand.yml')).toBe(join('reports', 'high.demand'));
  });

  it('N months from a start end N - 1 months later, across years', () => {
    expect(endMonthFor('2023-01', 1)).toBe('2023-01');
    expect(endMonthFor('2023-01', 24)).toBe('2024-12');
    expect(endMonthFor('2023-11', 3)).toBe('2024-01');
  });
});
