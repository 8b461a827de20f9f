import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportInputError } from '../../src/report/errors.js';
import { parseObserved } from '../../src/report/observed.js';
import { scoreObserved } from '../../src/report/observedScores.js';
import { readObserved } from '../../src/report/readBatch.js';
import { ROOT } from '../cli/helpers.js';
import { fixtureSummary } from './fixture.js';

const FILE = 'obs.csv';
const parse = (text: string) => parseObserved(text, FILE);
const failure = (text: string): string => {
  try {
    parse(text);
  } catch (err) {
    expect(err).toBeInstanceOf(ReportInputError);
    return (err as Error).message;
  }
  throw new Error('expected the file to be refused');
};

describe('parseObserved', () => {
  it('reads date, metric, value and source, resolving aliases and placing days in their month', () => {
    const data = parse('date,metric,value,source\n2023-09,grossMargin,0.4,"broker, Sept."\n2023-08-15,spotRent,15.1,\n');
    expect(data.points).toEqual([
      { line: 2, date: '2023-09', month: '2023-09', metric: 'grossMargin', metricAsWritten: 'grossMargin', value: 0.4, source: 'broker, Sept.' },
      { line: 3, date: '2023-08-15', month: '2023-08', metric: 'spotRentCcyPerRefGpuHour', metricAsWritten: 'spotRent', value: 15.1, source: '' },
    ]);
  });

  it('takes the columns in any order, and source is optional', () => {
    const data = parse('value,date,metric\n22.84,2023-01,spotRentCcyPerRefGpuHour\n');
    expect(data.points[0]).toMatchObject({ month: '2023-01', metric: 'spotRentCcyPerRefGpuHour', value: 22.84, source: '' });
  });

  it('reads the shipped China 2023 file, every row with a source note', () => {
    const data = readObserved(join(ROOT, 'scenarios/observed/china-2023.csv'));
    expect(data.points.length).toBeGreaterThanOrEqual(5);
    for (const p of data.points) expect(p.source.length).toBeGreaterThan(20);
    // 133,400 CNY per server-month is a list price: it is held against the A100's list index.
    expect(data.points.find((p) => p.metric === 'listRentCcyPerGpuHour_A100')?.value).toBe(22.84);
    expect(data.points.find((p) => p.metric === 'spotRentCcyPerGpuHour_A100')?.value).toBe(15.1);
  });

  it.each([
    ['an unknown metric, with the closest names', 'date,metric,value\n2023-01,spotRnt,1\n', 'obs.csv:2: metric: expected a metric name such as spotRent, spotRentCcyPerRefGpuHour or spotRent_H100, found "spotRnt"; did you mean spotRent?'],
    ['a value that is not a number', 'date,metric,value\n2023-01,spotRent,12 CNY\n', 'obs.csv:2: value: expected a number such as 22.84 or 0.4, found "12 CNY"'],
    ['a per-cent sign', 'date,metric,value\n2023-01,grossMargin,40%\n', 'obs.csv:2: value: expected a number such as 22.84 or 0.4, found "40%"'],
    ['an empty value', 'date,metric,value\n2023-01,grossMargin,\n', 'obs.csv:2: value: expected a number such as 22.84 or 0.4, found an empty cell'],
    ['a month 13', 'date,metric,value\n2023-13,spotRent,1\n', 'obs.csv:2: date: expected a date as YYYY-MM or YYYY-MM-DD, found "2023-13"'],
    ['a 30th of February', 'date,metric,value\n2023-02-30,spotRent,1\n', 'obs.csv:2: date: expected a date as YYYY-MM or YYYY-MM-DD, found "2023-02-30"'],
    ['a date in another format', 'date,metric,value\n09/2023,spotRent,1\n', 'obs.csv:2: date: expected a date as YYYY-MM or YYYY-MM-DD, found "09/2023"'],
    ['a row with a field too many', 'date,metric,value\n2023-01,spotRent,1,x\n', 'obs.csv:2: row: expected 3 fields (date, metric, value), found 4'],
    ['an unknown column', 'date,metric,value,unit\n', 'obs.csv:1: header: expected the columns date, metric, value and optionally source, found a column "unit"'],
    ['a missing column', 'date,metric\n2023-01,spotRent\n', 'obs.csv:1: header: expected a column value, found only date, metric'],
    ['a column twice', 'date,metric,value,value\n', 'obs.csv:1: header: expected each column once, found "value" twice'],
    ['an empty file', '', 'obs.csv:1: header: expected the columns date, metric, value and optionally source, found an empty file'],
    ['a header alone', 'date,metric,value\n', 'obs.csv:2: row: expected at least one observation below the header, found none'],
    ['an unclosed quote', 'date,metric,value,source\n2023-01,spotRent,1,"open\n', 'obs.csv:2: field 4: expected a closing quote ("), found the end of the line'],
  ])('refuses %s with FILE:LINE: field: expected …, found …', (_, text, message) => {
    expect(failure(text)).toBe(message);
  });

  it('counts lines as the file does, blank lines included', () => {
    expect(failure('date,metric,value\n\n2023-01,spotRent,1\n\n2023-01,spotRent,x\n')).toMatch(/^obs\.csv:5: value:/);
  });

  it('names a missing file', () => {
    expect(() => readObserved('/nonexistent/obs.csv')).toThrow('/nonexistent/obs.csv: cannot read the observed-data file (no such file)');
  });
});

describe('scoreObserved', () => {
  const summary = fixtureSummary();
  const band = summary.metrics.spotRentCcyPerRefGpuHour;
  const t = 3; // 2023-04
  const text = [
    'date,metric,value,source',
    `2023-04,spotRent,${band.p50[t]},at the median`,
    `2023-04,spotRent,${(band.p75[t]! + band.p95[t]!) / 2},between P75 and P95`,
    `2023-04,spotRent,${band.p95[t]! * 2},far above`,
    `2023-04,spotRent,${band.p5[t]},on the P5 bound`,
    '2031-01,spotRent,10,after the horizon',
    '2022-12,grossMargin,0.4,before the horizon',
  ].join('\n');
  const scores = scoreObserved(parse(text), summary);

  it('gives the share of points inside P5–P95 and inside P25–P75, bounds included', () => {
    expect(scores.metrics).toHaveLength(1);
    const m = scores.metrics[0];
    expect(m.metric).toBe('spotRentCcyPerRefGpuHour');
    expect(m.points.map((p) => [p.inside90, p.inside50])).toEqual([
      [true, true],
      [true, false],
      [false, false],
      [true, false],
    ]);
    expect(m.inside90).toBe(0.75);
    expect(m.inside50).toBe(0.25);
  });

  it('gives the mean CRPS, lowest for the point at the median', () => {
    const m = scores.metrics[0];
    const [atMedian, between, far] = m.points.map((p) => p.crps);
    expect(atMedian).toBeLessThan(between);
    expect(between).toBeLessThan(far);
    expect(m.meanCrps).toBeCloseTo(m.points.reduce((s, p) => s + p.crps, 0) / 4, 12);
  });

  it('lists points outside the batch months as skipped, with the reason, rather than dropping them', () => {
    expect(scores.skipped.map((k) => [k.point.line, k.reason])).toEqual([
      [6, "2031-01 is outside the batch's months 2023-01 to 2024-12"],
      [7, "2022-12 is outside the batch's months 2023-01 to 2024-12"],
    ]);
  });

  it('keeps the metrics in the order the file first names them', () => {
    const s = scoreObserved(parse('date,metric,value\n2023-05,netMargin,0.1\n2023-05,spotRent,20\n2023-06,netMargin,0.1\n'), summary);
    expect(s.metrics.map((m) => [m.metric, m.points.length])).toEqual([
      ['netMargin', 2],
      ['spotRentCcyPerRefGpuHour', 1],
    ]);
  });
});

describe('the shipped observed file', () => {
  it('is plain CSV with the documented header', () => {
    expect(readFileSync(join(ROOT, 'scenarios/observed/china-2023.csv'), 'utf8').split('\n')[0]).toBe('date,metric,value,source');
  });
});
