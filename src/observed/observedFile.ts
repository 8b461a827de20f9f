/**
 * An observed-data file read and checked as far as it can be without a scenario: its CSV, its
 * header and every row. The header chooses the format: one with a `region`, `gpu` or `kind` column
 * is a market history (historyRows.ts), any other the simple format (simpleRows.ts). A column that
 * its format does not have, a column twice, an empty file or a header alone is an error, as is any
 * row that breaks CSV or has a field more or less than the header.
 */
import { CsvSyntaxError, parseCsv, type CsvRecord } from '../format/parseCsv.js';
import { describeValue } from '../scenario/describeValue.js';
import { failIn, orList, type Fail } from './cells.js';
import { HISTORY_COLUMNS, HISTORY_EXPECTED, HISTORY_MARKERS, HISTORY_NUMBERS, HISTORY_REQUIRED, historyRow, type HistoryRow } from './historyRows.js';
import type { Observation } from './observation.js';
import { SIMPLE_COLUMNS, SIMPLE_EXPECTED, SIMPLE_REQUIRED, simpleObservation } from './simpleRows.js';

export type ObservedFile = { file: string; format: 'simple'; observations: Observation[] } | { file: string; format: 'history'; rows: HistoryRow[] };

export function parseObservedFile(text: string, file: string): ObservedFile {
  const fail = failIn(file);
  let records: CsvRecord[] = [];
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) fail(err.line, `field ${err.column}`, err.expected, err.found);
    throw err;
  }
  if (records.length === 0) fail(1, 'header', SIMPLE_EXPECTED, 'an empty file');
  const [header, ...rows] = records;
  const history = header.cells.some((c) => (HISTORY_MARKERS as readonly string[]).includes(c));
  const at = history ? columns(header, HISTORY_COLUMNS, HISTORY_REQUIRED, HISTORY_EXPECTED, fail) : columns(header, SIMPLE_COLUMNS, SIMPLE_REQUIRED, SIMPLE_EXPECTED, fail);
  if (history && !HISTORY_NUMBERS.some((c) => at.has(c))) fail(header.line, 'header', `a column ${orList(HISTORY_NUMBERS)}`, `only ${header.cells.join(', ')}`);
  if (rows.length === 0) fail(header.line + 1, 'row', 'at least one observation below the header', 'none');
  const fields = (r: CsvRecord) => {
    if (r.cells.length !== header.cells.length) fail(r.line, 'row', `${header.cells.length} fields (${header.cells.join(', ')})`, `${r.cells.length}`);
    return (name: string) => (at.has(name) ? r.cells[at.get(name)!] : '');
  };
  if (!history) return { file, format: 'simple', observations: rows.map((r) => simpleObservation(r.line, fields(r), fail)) };
  return { file, format: 'history', rows: rows.map((r) => historyRow(r.line, fields(r), (name) => at.has(name), fail)) };
}

/** Each column's position; a column the format does not have, or one twice, fails. */
function columns(header: CsvRecord, known: readonly string[], required: readonly string[], expected: string, fail: Fail): Map<string, number> {
  const at = new Map<string, number>();
  header.cells.forEach((name, i) => {
    if (!known.includes(name)) fail(header.line, 'header', expected, `a column ${describeValue(name)}`);
    if (at.has(name)) fail(header.line, 'header', 'each column once', `${describeValue(name)} twice`);
    at.set(name, i);
  });
  for (const name of required) if (!at.has(name)) fail(header.line, 'header', `a column ${name}`, `only ${header.cells.join(', ')}`);
  return at;
}
