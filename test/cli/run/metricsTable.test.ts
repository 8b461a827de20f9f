import { describe, expect, it } from 'vitest';
import { GENERATION_METRICS, generationMetricNames, METRICS } from '../../../src/model/metrics.js';
import { simulate } from '../../../src/model/simulate.js';
import { csvField } from '../../../src/format/csv.js';
import { metricsCsv, metricsJson, metricsTable } from '../../../src/cli/run/metricsTable.js';
import { baseline, fakeResult } from './helpers.js';

const parseCsv = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => line.split(','));

describe('the metrics table', () => {
  it('has the columns month, every metric in METRICS order, then each per-generation family, generations in order', () => {
    const [header] = parseCsv(metricsCsv(metricsTable(fakeResult())));
    expect(header).toEqual(['month', ...METRICS, ...generationMetricNames(['A100', 'H800'])]);
    expect(header.slice(-10)).toEqual([
      'installedGpus_A100',
      'installedGpus_H800',
      'spotRentCcyPerGpuHour_A100',
      'spotRentCcyPerGpuHour_H800',
      'contractRentCcyPerGpuHour_A100',
      'contractRentCcyPerGpuHour_H800',
      'offtakeRentCcyPerGpuHour_A100',
      'offtakeRentCcyPerGpuHour_H800',
      'listRentCcyPerGpuHour_A100',
      'listRentCcyPerGpuHour_H800',
    ]);
  });

  it('has one CSV row per month, each as wide as the header, with a trailing newline and no \\r', () => {
    const text = metricsCsv(metricsTable(fakeResult()));
    const rows = parseCsv(text);
    expect(rows.map((r) => r[0])).toEqual(['month', '2023-01', '2023-02', '2023-03']);
    for (const row of rows) expect(row).toHaveLength(rows[0].length);
    expect(text.endsWith('\n')).toBe(true);
    expect(text).not.toContain('\r');
  });

  it('writes the regime by name', () => {
    const rows = parseCsv(metricsCsv(metricsTable(fakeResult())));
    const col = rows[0].indexOf('regime');
    expect(rows.slice(1).map((r) => r[col])).toEqual(['blue', 'transition', 'red']);
  });

  it('refuses a regime code that has no name', () => {
    expect(() => metricsTable(fakeResult({ metric: { regime: [0, 3, 1] } }))).toThrow(/regime code 3/);
  });

  it('writes numbers as formatNumber does', () => {
    const rows = parseCsv(metricsCsv(metricsTable(fakeResult())));
    const col = rows[0].indexOf('utilisation');
    expect(rows[3][col]).toBe('0.333333333333');
  });

  it('refuses a NaN in any column', () => {
    expect(() => metricsTable(fakeResult({ metric: { hhi: [0, NaN, 0] } }))).toThrow(/NaN/);
  });

  it('orders the generation columns as the caller says', () => {
    const table = metricsTable(fakeResult(), ['H800', 'A100']);
    expect(table.columns.slice(-2)).toEqual(['listRentCcyPerGpuHour_H800', 'listRentCcyPerGpuHour_A100']);
    expect(table.columns).toContain('installedGpus_H800');
  });

  it('gives JSON with the months and one list per column, regime as names', () => {
    const doc = JSON.parse(metricsJson(metricsTable(fakeResult()))) as { months: string[]; columns: Record<string, unknown[]> };
    expect(Object.keys(doc)).toEqual(['months', 'columns']);
    expect(doc.months).toEqual(['2023-01', '2023-02', '2023-03']);
    expect(Object.keys(doc.columns)).toEqual([...METRICS, ...generationMetricNames(['A100', 'H800'])]);
    expect(doc.columns.regime).toEqual(['blue', 'transition', 'red']);
    expect(doc.columns.installedGpus_H800).toEqual([0, 8, 16]);
    expect(doc.columns.utilisation[2]).toBe(0.333333333333);
  });

  it('writes JSON one line per column, ending with a newline', () => {
    const text = metricsJson(metricsTable(fakeResult()));
    expect(text.split('\n')).toHaveLength(METRICS.length + 10 + 5 + 1);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('covers every month and metric of a simulated baseline run', () => {
    const s = baseline();
    const result = simulate(s, 3);
    const rows = parseCsv(
      metricsCsv(
        metricsTable(
          result,
          s.generations.map((g) => g.name),
        ),
      ),
    );
    expect(rows).toHaveLength(result.months.length + 1);
    expect(rows[0]).toHaveLength(1 + METRICS.length + GENERATION_METRICS.length * s.generations.length);
  });
});

describe('CSV fields', () => {
  it('are quoted only when they hold a comma, quote or line break, with quotes doubled', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });
});
