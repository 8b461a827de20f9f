/**
 * Reading the JSON files a report is made from, whoever wrote them: text that does not parse, or a
 * value of the wrong shape, becomes one ReportInputError that names the file, the field, what was
 * expected and what was found.
 */
import { z } from 'zod';
import { MONTH } from '../model/calendar.js';
import { describeValue } from '../scenario/describeValue.js';
import { ReportInputError } from '../files/inputError.js';

/** The fields the report's input files share. */
export const month = z.string().regex(MONTH, 'a month as YYYY-MM');
export const share = z.number().min(0).max(1);
export const count = z.number().int().min(0);
/** Numbers the writers round, and write as null where there is none (no run had a value). */
export const maybe = z.number().nullable();

export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ReportInputError(`${file}: expected JSON, found text that does not parse (${(err as Error).message})`);
  }
}

/** `value` checked against `schema`; the first problem names its field. */
export function checked<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    const at = [...issue.path, issue.keys[0]];
    throw new ReportInputError(`${file}: ${fieldPath(at)}: expected no field of that name, found ${describeValue(valueAt(value, at))}`);
  }
  const path = fieldPath(issue.path);
  const found = valueAt(value, issue.path);
  throw new ReportInputError(`${file}: ${path === '' ? '(top level)' : path}: expected ${expectedText(issue)}, found ${describeValue(found)}`);
}

/** `claims[0].interval.lower`: a field's path as the messages write it. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

function expectedText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    const t = issue.expected === 'array' ? 'list' : issue.expected === 'object' ? 'mapping' : issue.expected;
    return `${/^[aeiou]/.test(t) ? 'an' : 'a'} ${t}`;
  }
  if (issue.code === 'invalid_value') return issue.values.map((v) => JSON.stringify(v)).join(' or ');
  if (issue.code === 'too_small') {
    if (issue.origin === 'number') return `a number ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}`;
    return `at least ${String(issue.minimum)} item${issue.minimum === 1 ? '' : 's'}`;
  }
  if (issue.code === 'too_big') {
    if (issue.origin === 'number') return `a number ${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)}`;
    return `at most ${String(issue.maximum)} item${issue.maximum === 1 ? '' : 's'}`;
  }
  return issue.message;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}
