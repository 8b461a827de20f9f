/**
 * A design given as a table (`table=FILE`): the user lists the parameter sets to run instead of
 * having them sampled. The file is CSV: a header row of dotted scenario paths, then one row of
 * numbers per run, e.g.
 *
 *     vendor.outputScale,generations.H800.outputGrowthPerYear
 *     0.8,1.5
 *     1.2,2.0
 *
 * This parses the text (the caller reads the file) and reports the first problem as one
 * ScenarioError line, `params.csv:4:2: vendor.outputScale: expected a number, found "abc"`, where
 * 4:2 is the line and the CSV column (field number, as a spreadsheet counts it), so the cell can
 * be found whether the file is opened in an editor or a spreadsheet. Whether a value is allowed
 * for its field (a share above 1, say) is not checked here: the caller applies each row to the
 * scenario and validates that, as it does for `--set`.
 *
 * Accepted: comma-separated fields, optionally in double quotes ("" for a quote inside), spaces
 * around fields, CRLF or LF line ends, a UTF-8 byte-order mark, blank lines (skipped, though
 * still counted for line numbers). Values are decimal numbers (1, -0.5, .5, 2e-3); not hex,
 * not Infinity or NaN, not empty.
 */
import { CsvSyntaxError, parseCsv } from '../../format/parseCsv.js';
import { describeValue } from '../../scenario/describeValue.js';
import { ScenarioError } from '../../scenario/errors.js';
import { expectedOneOfFields } from '../../scenario/fieldList.js';

export interface ParameterTable {
  /** The header's paths, in file order (without the weight column). */
  paths: string[];
  /** One row per run, each with one value per path. */
  rows: number[][];
  /** The rows' weights, when the file has a `weight` column (a calibration's posterior.csv does). */
  weights?: number[];
}

/**
 * A column of this name holds each row's weight, not a parameter: 0 or more, with a positive
 * sum. No scenario field is called `weight` at the top level, so the name cannot clash.
 */
export const WEIGHT_COLUMN = 'weight';

export interface ParameterTableOptions {
  /** The file as the user named it, for the messages. */
  file: string;
  /**
   * Which headers are allowed: the list of known paths (uncertain inputs or numeric fields), or a
   * callback that returns undefined for a good path and otherwise the "expected …" text to report.
   */
  known: readonly string[] | ((path: string) => string | undefined);
}

interface Cell {
  text: string;
  /** 1-based field number within the line. */
  column: number;
}

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parses the text of a parameter table; throws ScenarioError on the first problem. */
export function parseParameterTable(text: string, options: ParameterTableOptions): ParameterTable {
  const { file } = options;
  const fail = (line: number | undefined, column: number | undefined, path: string, expected: string, found: string): never => {
    throw new ScenarioError({ file, line, column, path, expected, found });
  };

  let records: { line: number; cells: Cell[] }[];
  try {
    records = parseCsv(text).map(({ line, cells }) => ({ line, cells: cells.map((t, j) => ({ text: t.trim(), column: j + 1 })) }));
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    return fail(err.line, err.column, '', err.expected, err.found);
  }
  if (records.length === 0) fail(undefined, undefined, '', 'a header row of parameter paths', 'an empty file');

  const [header, ...data] = records;
  const paths: string[] = [];
  let weightAt = -1;
  for (const cell of header.cells) {
    if (cell.text === '') fail(header.line, cell.column, '', 'a parameter path in every header cell', 'an empty cell');
    if (cell.text === WEIGHT_COLUMN) {
      if (weightAt >= 0) fail(header.line, cell.column, '', `one ${WEIGHT_COLUMN} column (column ${weightAt + 1} is one)`, JSON.stringify(cell.text));
      weightAt = cell.column - 1;
      continue;
    }
    const problem = checkPath(cell.text, options.known);
    if (problem !== undefined) fail(header.line, cell.column, '', problem, `unknown column ${JSON.stringify(cell.text)}`);
    const first = paths.indexOf(cell.text);
    if (first >= 0) fail(header.line, cell.column, '', `each path once in the header (column ${first + 1} has it already)`, JSON.stringify(cell.text));
    paths.push(cell.text);
  }
  if (data.length === 0) fail(header.line + 1, 1, '', 'at least one row of values below the header', 'none');

  const k = header.cells.length;
  const weights: number[] = [];
  const rows = data.map(({ line, cells }) => {
    if (cells.length !== k) {
      // Point at the first cell too many, or where the first missing one would be.
      const column = Math.min(cells.length, k) + 1;
      fail(line, column, '', `${k} value${k === 1 ? '' : 's'}, one per column of the header`, `${cells.length} value${cells.length === 1 ? '' : 's'}`);
    }
    const values = cells.map((cell, j) => {
      const name = j === weightAt ? WEIGHT_COLUMN : header.cells[j].text;
      if (cell.text === '') fail(line, cell.column, name, 'a number', 'an empty cell');
      const value = Number(cell.text);
      if (!NUMBER_RE.test(cell.text) || !Number.isFinite(value)) fail(line, cell.column, name, 'a number', describeValue(cell.text));
      if (j === weightAt && value < 0) fail(line, cell.column, name, 'a weight of 0 or more', cell.text);
      return value;
    });
    if (weightAt < 0) return values;
    weights.push(values[weightAt]);
    return values.filter((_, j) => j !== weightAt);
  });
  if (weightAt < 0) return { paths, rows };
  if (!(weights.reduce((a, w) => a + w, 0) > 0)) fail(header.line, weightAt + 1, WEIGHT_COLUMN, 'weights with a positive sum', 'all 0');
  return { paths, rows, weights };
}

function checkPath(path: string, known: ParameterTableOptions['known']): string | undefined {
  if (typeof known === 'function') return known(path);
  return known.includes(path) ? undefined : expectedOneOfFields(known, path);
}
