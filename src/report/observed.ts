/**
 * Observed data to hold a batch against: a CSV file with the columns `date` (YYYY-MM or
 * YYYY-MM-DD; a day only places the point in its month), `metric` (a metric's full name such as
 * `spotRentCcyPerRefGpuHour`, or an alias such as `spotRent`), `value` (a number in the metric's
 * unit: shares as 0.4, not 40 %) and, optionally, `source` (free text, shown beside the point).
 * Columns may come in any order; any other column, an empty cell where a value is needed, or a
 * number that is not a plain decimal stops the report with `FILE:LINE: field: expected …, found …`.
 */
import { metricVariable, UnknownVariable } from '../analysis/variables.js';
import { describeValue } from '../scenario/describeValue.js';
import { ReportInputError } from './errors.js';
import { CsvSyntaxError, parseCsv } from '../output/parseCsv.js';

export interface ObservedPoint {
  /** Line in the file, for messages and the report's table. */
  line: number;
  /** The date as written. */
  date: string;
  /** The month it falls in, YYYY-MM. */
  month: string;
  /** The metric's full name (aliases resolved). */
  metric: string;
  /** The metric as the file names it. */
  metricAsWritten: string;
  value: number;
  source: string;
}

export interface ObservedData {
  /** The file as the user named it. */
  file: string;
  points: ObservedPoint[];
}

const COLUMNS = ['date', 'metric', 'value', 'source'] as const;
const REQUIRED = ['date', 'metric', 'value'] as const;
const DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function parseObserved(text: string, file: string): ObservedData {
  const fail = (line: number, field: string, expected: string, found: string): never => {
    throw new ReportInputError(`${file}:${line}: ${field}: expected ${expected}, found ${found}`);
  };
  let records;
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) fail(err.line, `field ${err.column}`, err.expected, err.found);
    throw err;
  }
  if (records.length === 0) fail(1, 'header', 'the columns date, metric, value and optionally source', 'an empty file');
  const [header, ...rows] = records;
  const at = new Map<string, number>();
  header.cells.forEach((name, i) => {
    if (!(COLUMNS as readonly string[]).includes(name)) fail(header.line, 'header', 'the columns date, metric, value and optionally source', `a column ${describeValue(name)}`);
    if (at.has(name)) fail(header.line, 'header', 'each column once', `${describeValue(name)} twice`);
    at.set(name, i);
  });
  for (const name of REQUIRED) if (!at.has(name)) fail(header.line, 'header', `a column ${name}`, `only ${header.cells.join(', ')}`);
  if (rows.length === 0) fail(header.line + 1, 'row', 'at least one observation below the header', 'none');

  const points = rows.map(({ line, cells }): ObservedPoint => {
    if (cells.length !== header.cells.length) fail(line, 'row', `${header.cells.length} fields (${header.cells.join(', ')})`, `${cells.length}`);
    const cell = (name: string) => cells[at.get(name)!];
    const date = cell('date');
    const month = monthOf(date);
    if (month === undefined) fail(line, 'date', 'a date as YYYY-MM or YYYY-MM-DD', describeValue(date));
    const metricAsWritten = cell('metric');
    const metric = metricName(metricAsWritten, (expected, found) => fail(line, 'metric', expected, found));
    const valueText = cell('value');
    const value = Number(valueText);
    if (!NUMBER.test(valueText) || !Number.isFinite(value)) fail(line, 'value', 'a number such as 22.84 or 0.4', valueText === '' ? 'an empty cell' : describeValue(valueText));
    return { line, date, month: month!, metric, metricAsWritten, value, source: at.has('source') ? cell('source') : '' };
  });
  return { file, points };
}

/** YYYY-MM of a valid YYYY-MM or YYYY-MM-DD date, else undefined. */
function monthOf(text: string): string | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return undefined;
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  return `${m[1]}-${m[2]}`;
}

/** The full metric name for a name or alias; unknown names fail with the closest known names. */
function metricName(text: string, fail: (expected: string, found: string) => never): string {
  try {
    // Any month will do: only the name is being checked here. A per-generation name
    // (`spotRentCcyPerGpuHour_H100`, `spotRent_H100`) is taken for any generation: the batch it
    // is held against says whether it has that generation.
    const generation = /_([A-Za-z0-9_.-]+)$/.exec(text)?.[1];
    return metricVariable(text, '2000-01', ['2000-01'], generation ? [generation] : []).name;
  } catch (err) {
    if (!(err instanceof UnknownVariable)) throw err;
    const hint = /; did you mean .*$/.exec(err.message)?.[0] ?? '';
    return fail('a metric name such as spotRent, spotRentCcyPerRefGpuHour or spotRent_H100', `${text === '' ? 'an empty cell' : describeValue(text)}${hint}`);
  }
}
