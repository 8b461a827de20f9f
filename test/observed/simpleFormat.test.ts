import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RELATIVE_ERROR, parseObserved, readObserved } from '../../src/observed/readObserved.js';
import { ReportInputError } from '../../src/files/inputError.js';
import { ROOT } from '../cli/helpers.js';
import { CN } from './targets.js';

const FILE = 'obs.csv';
const parse = (text: string) => parseObserved(text, FILE, CN);
const failure = (text: string): string => {
  try {
    parse(text);
  } catch (err) {
    expect(err).toBeInstanceOf(ReportInputError);
    return (err as Error).message;
  }
  throw new Error('expected the file to be refused');
};

describe('the simple format', () => {
  it('reads date, metric, value and source, resolving aliases and placing days in their month', () => {
    const data = parse('date,metric,value,source\n2023-09,grossMargin,0.4,"broker, Sept."\n2023-08-15,spotRent,15.1,\n');
    expect(data).toEqual({
      file: FILE,
      observations: [
        { line: 2, date: '2023-09', month: '2023-09', metric: 'grossMargin', metricAsWritten: 'grossMargin', value: 0.4, low: null, high: null, sd: 0.2 * 0.4, weight: 1, source: 'broker, Sept.' },
        { line: 3, date: '2023-08-15', month: '2023-08', metric: 'spotRentCcyPerRefGpuHour', metricAsWritten: 'spotRent', value: 15.1, low: null, high: null, sd: 0.2 * 15.1, weight: 1, source: '' },
      ],
      skipped: [],
    });
  });

  it('takes the columns in any order, and source is optional', () => {
    const data = parse('value,date,metric\n22.84,2023-01,spotRentCcyPerRefGpuHour\n');
    expect(data.observations[0]).toMatchObject({ month: '2023-01', metric: 'spotRentCcyPerRefGpuHour', value: 22.84, source: '' });
  });

  it('gives a value of 0 the default error itself, in the metric unit', () => {
    expect(parse('date,metric,value\n2023-01,netMargin,0\n').observations[0].sd).toBe(DEFAULT_RELATIVE_ERROR);
    expect(parse('date,metric,value\n2023-01,netMargin,-0.5\n').observations[0].sd).toBeCloseTo(0.1, 12);
  });

  it('leaves months and generations to the user of the points, as before: nothing is skipped or refused for them', () => {
    const data = parse('date,metric,value\n2031-01,spotRent_B200,10\n');
    expect(data.observations[0]).toMatchObject({ month: '2031-01', metric: 'spotRentCcyPerGpuHour_B200' });
    expect(data.skipped).toEqual([]);
  });

  it('reads the shipped China 2023 file, every row with a source note', async () => {
    const data = await readObserved(join(ROOT, 'scenarios/observed/china-2023.csv'), CN);
    expect(data.observations.length).toBeGreaterThanOrEqual(5);
    for (const p of data.observations) expect(p.source.length).toBeGreaterThan(20);
    // 133,400 CNY per server-month is a list price: it is held against the A100's list index.
    expect(data.observations.find((p) => p.metric === 'listRentCcyPerGpuHour_A100')?.value).toBe(22.84);
    expect(data.observations.find((p) => p.metric === 'spotRentCcyPerGpuHour_A100')?.value).toBe(15.1);
  });

  it('is plain CSV with the documented header in the shipped file', () => {
    expect(readFileSync(join(ROOT, 'scenarios/observed/china-2023.csv'), 'utf8').split('\n')[0]).toBe('date,metric,value,source');
  });

  it.each([
    [
      'an unknown metric, with the closest names',
      'date,metric,value\n2023-01,spotRnt,1\n',
      'obs.csv:2: metric: expected a metric name such as spotRent, spotRentCcyPerRefGpuHour or spotRent_H100, found "spotRnt"; did you mean spotRent?',
    ],
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

  it('names a missing file', async () => {
    await expect(readObserved('/nonexistent/obs.csv', CN)).rejects.toThrow('/nonexistent/obs.csv: cannot read the observed-data file (no such file)');
  });
});
