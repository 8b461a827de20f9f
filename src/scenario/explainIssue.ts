/**
 * Zod's issues turned into "expected …, found …" in the words of someone editing a YAML file:
 * "a mapping" not "object", "a list" not "array", "≥ 0" not "Too small: expected number to be >=0".
 */
import type { z } from 'zod';
import { describeValue } from './describeValue.js';
import { expectedOneOfFields } from './fieldList.js';
import { oneLine } from './oneLine.js';
import { type PathSegment, valueAt } from './path.js';
import { isIntegerSchema, objectShape, schemaAt } from './schemaShape.js';

export interface ExplainedIssue {
  path: PathSegment[];
  expected: string;
  found: string;
  /** The problem is the key itself (unknown field), not its value. */
  atKey: boolean;
}

type Issue = z.core.$ZodIssue;

/**
 * One zod issue becomes one explanation, except "unrecognized keys", which becomes one per key so
 * that each can be located and the top-most reported.
 */
export function explainIssue(issue: Issue, schema: z.core.$ZodType, data: unknown): ExplainedIssue[] {
  const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
  if (issue.code === 'unrecognized_keys') {
    const known = Object.keys(objectShape(schemaAt(schema, path) ?? schema) ?? {});
    return issue.keys.map((key) => ({
      path: [...path, key],
      expected: expectedOneOfFields(known, key),
      found: `unknown key ${JSON.stringify(key)}`,
      atKey: true,
    }));
  }
  const { present, value } = valueAt(data, path);
  // Checks written in superRefine may point at fields the file never wrote (a default), so the
  // value they were given wins over what we find in the raw data.
  const input = 'input' in issue && issue.input !== undefined ? issue.input : value;
  const found = present || input !== undefined ? describeValue(input) : 'nothing (the field is missing)';
  return [{ path, expected: expectedFor(issue, schemaAt(schema, path)), found: foundFor(issue, input, found), atKey: false }];
}

function expectedFor(issue: Issue, fieldSchema: z.core.$ZodType | undefined): string {
  switch (issue.code) {
    case 'invalid_type':
      return typeName(issue.expected);
    case 'too_small':
    case 'too_big':
      return bound(issue, isIntegerSchema(fieldSchema));
    case 'invalid_value':
      return oneOf(issue.values);
    case 'invalid_union': {
      // A union of literals (priorityClass: 0 | 1) fails with one invalid_value per branch;
      // together they are simply a list of allowed values.
      const branches = issue.errors.flat();
      if (branches.length > 0 && branches.every((b) => b.code === 'invalid_value' && b.path.length === 0)) {
        return oneOf(branches.flatMap((b) => (b.code === 'invalid_value' ? b.values : [])));
      }
      if (branches.length > 0 && branches.every((b) => b.code === 'invalid_type' && b.path.length === 0)) {
        return [...new Set(branches.map((b) => (b.code === 'invalid_type' ? typeName(b.expected) : '')))].join(' or ');
      }
      return 'a value of one of the allowed forms';
    }
    case 'invalid_format':
      // Our schema gives each pattern a human message ("a month written as YYYY-MM"); zod's
      // defaults all start with "Invalid", and the pattern itself is the next best thing.
      if (!issue.message.startsWith('Invalid')) return oneLine(issue.message);
      return issue.pattern ? `text matching ${issue.pattern}` : `a valid ${issue.format}`;
    case 'not_multiple_of':
      return `a multiple of ${issue.divisor}`;
    default:
      // Includes the superRefine checks, whose messages are written as the "expected" text.
      return oneLine(issue.message);
  }
}

function foundFor(issue: Issue, input: unknown, found: string): string {
  // A too-long string is truncated in `found`, so its length has to be said outright.
  if ((issue.code === 'too_big' || issue.code === 'too_small') && issue.origin === 'string' && typeof input === 'string') {
    return `${found} (${input.length} characters)`;
  }
  return found;
}

function typeName(expected: string): string {
  switch (expected) {
    case 'number':
      return 'a number';
    case 'int':
      return 'an integer';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'object':
    case 'record':
      return 'a mapping';
    case 'array':
    case 'tuple':
      return 'a list';
    case 'null':
      return 'an empty value';
    default:
      return `a ${expected}`;
  }
}

function bound(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, isInt: boolean): string {
  const small = issue.code === 'too_small';
  const limit = small ? issue.minimum : issue.maximum;
  const n = Number(limit);
  switch (issue.origin) {
    case 'number':
    case 'int':
    case 'bigint': {
      const what = isInt || issue.origin === 'int' ? 'an integer' : 'a number';
      const op = small ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
      return `${what} ${op} ${String(limit)}`;
    }
    case 'string':
      if (issue.exact) return `a string of exactly ${plural(n, 'character')}`;
      if (small && n === 1) return 'a non-empty string';
      return `a string of ${small ? 'at least' : 'at most'} ${plural(n, 'character')}`;
    case 'array':
    case 'set':
      if (issue.exact) return `a list of exactly ${plural(n, 'item')}`;
      if (small && n === 1) return 'a non-empty list';
      return `a list of ${small ? 'at least' : 'at most'} ${plural(n, 'item')}`;
    default:
      return oneLine(issue.message);
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function oneOf(values: readonly unknown[]): string {
  const shown = values.map((v) => (typeof v === 'string' ? v : String(v)));
  return shown.length === 1 ? shown[0] : `one of ${shown.join(', ')}`;
}
