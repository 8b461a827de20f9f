/**
 * The cells both observed-data formats share: dates, plain decimal numbers, and the one-line
 * `FILE:LINE: field: expected …, found …` message that stops the reader at the first bad cell.
 */
import { ReportInputError } from '../files/inputError.js';
import { describeValue } from '../scenario/describeValue.js';

/** Throws the one-line message for a bad cell (or header) at `line` of `file`. */
export type Fail = (line: number, field: string, expected: string, found: string) => never;

export const failIn =
  (file: string): Fail =>
  (line, field, expected, found) => {
    throw new ReportInputError(`${file}:${line}: ${field}: expected ${expected}, found ${found}`);
  };

/** "a, b or c". */
export const orList = (names: readonly string[]): string => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`);

/** A cell as the "found …" part of a message. */
export const foundCell = (text: string): string => (text === '' ? 'an empty cell' : describeValue(text));

const DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export const NUMBER_EXPECTED = 'a number such as 22.84 or 0.4';

/** YYYY-MM of a valid YYYY-MM or YYYY-MM-DD date, else undefined. */
export function monthOf(text: string): string | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return undefined;
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  return `${m[1]}-${m[2]}`;
}

/** Fails unless the row's `month` is one of the scenario's `months`. */
export function scenarioMonth(line: number, date: string, month: string, months: readonly string[], fail: Fail): void {
  if (!months.includes(month)) fail(line, 'date', `a month of the scenario, ${months[0]} to ${months[months.length - 1]}`, foundCell(date));
}

/** The month of a date cell, or the message for it. */
export function dateCell(text: string, line: number, fail: Fail): string {
  const month = monthOf(text);
  return month ?? fail(line, 'date', 'a date as YYYY-MM or YYYY-MM-DD', describeValue(text));
}

/**
 * A plain decimal number (no unit, no per-cent sign, no thousands separator); an empty cell is
 * null where `optional`, else refused like any other text.
 */
export function numberCell(text: string, line: number, field: string, fail: Fail, optional: boolean): number | null {
  if (text === '' && optional) return null;
  const value = Number(text);
  if (!NUMBER.test(text) || !Number.isFinite(value)) fail(line, field, NUMBER_EXPECTED, foundCell(text));
  return value;
}
