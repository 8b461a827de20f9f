/**
 * `--set path.to.field=value` overrides, applied to the file's plain data before validation so an
 * overridden value is checked by exactly the same rules as one written in the file.
 *
 * Paths are checked against the schema, not the file: a field the file leaves out (an optional
 * one, or one with a default) can still be set, while a typo fails at once instead of being
 * carried along as an unknown key.
 */
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { describeValue } from './describeValue.js';
import { ScenarioError } from './errors.js';
import { expectedOneOfFields } from './fieldList.js';
import { formatPath, type PathSegment } from './path.js';
import { arrayElement, kindOf, objectShape } from './schemaShape.js';
import { ScenarioSchema } from './schema.js';

export interface AppliedOverride {
  /** `--set <text>`: stands in for the file name in errors the override causes. */
  source: string;
  /** Where the value went, with item names resolved to indexes (as zod reports paths). */
  path: PathSegment[];
  /**
   * Validation issues at or below this path are the override's doing. It is shallower than
   * `path` when the override had to create the containers above its field (setting
   * `probe.gpus` in a file without `probe` creates `probe`, whose other fields are then missing).
   */
  owns: PathSegment[];
}

interface RawSegment {
  text: string;
  /** Written as `[…]` rather than `.…`. */
  bracket: boolean;
}

type Container = Record<string, unknown> | unknown[];

/**
 * Returns a copy of `data` with every override applied in order (a later one wins), and a record
 * of each so that validation errors can be blamed on the override rather than the file.
 */
export function applyOverrides(data: unknown, overrides: readonly string[], schema: z.core.$ZodType = ScenarioSchema): { data: unknown; applied: AppliedOverride[] } {
  // A copy, because the caller's data may be reused, and because YAML aliases come out of toJS
  // as shared objects: setting one lessor's field must not change another that aliased it.
  const root = copyTree(data);
  const applied = overrides.map((text) => applyOne(root, text, schema));
  return { data: root, applied };
}

function applyOne(root: unknown, text: string, schema: z.core.$ZodType): AppliedOverride {
  const source = `--set ${text}`;
  const fail = (path: string, expected: string, found: string): never => {
    throw new ScenarioError({ file: source, path, expected, found });
  };
  const eq = text.indexOf('=');
  const pathText = eq < 0 ? '' : text.slice(0, eq).trim();
  if (eq < 0 || pathText === '') {
    return fail('', 'path=value (for example vendor.outputScale=0)', JSON.stringify(text));
  }
  const segments = parsePath(pathText, (expected, found) => fail(pathText, expected, found));
  const value = parseValue(text.slice(eq + 1), (found) => fail(pathText, 'a YAML value', found));

  if (root === null || typeof root !== 'object') fail('', 'a scenario mapping to apply it to', describeValue(root));
  let container = root as Container;
  let fieldSchema = schema;
  const path: PathSegment[] = [];
  let owns: PathSegment[] | undefined;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const last = i === segments.length - 1;
    const shape = objectShape(fieldSchema);
    const element = arrayElement(fieldSchema);
    let step: PathSegment;
    if (shape) {
      if (seg.bracket) fail(shown(path, seg), `a field name (${formatPath(path) || 'the top level'} is a mapping)`, `[${seg.text}]`);
      if (!Object.prototype.hasOwnProperty.call(shape, seg.text)) {
        fail(formatPath([...path, seg.text]), expectedOneOfFields(Object.keys(shape), seg.text), JSON.stringify(seg.text));
      }
      step = seg.text;
      fieldSchema = shape[seg.text];
    } else if (element) {
      step = indexOf(container, seg, path, fail);
      fieldSchema = element;
    } else {
      // Only the root could get here; every deeper leaf is caught before stepping into it.
      return fail(shown(path, seg), 'a scenario schema that is a mapping', JSON.stringify(seg.text));
    }
    path.push(step);
    if (!last && !objectShape(fieldSchema) && !arrayElement(fieldSchema)) {
      // Judged from the schema, not the data: the file may leave this field to its default.
      const after = segments[i + 1];
      fail(shown(path, after), `nothing after ${formatPath(path)} (it holds ${kindOf(fieldSchema)})`, JSON.stringify(after.text));
    }
    if (last) {
      setIn(container, step, value);
      break;
    }
    let next = getIn(container, step);
    if (next === undefined && objectShape(fieldSchema)) {
      // Creating the mapping lets `regime.sustainMonths=6` work when the file relies on defaults.
      next = {};
      setIn(container, step, next);
      owns ??= [...path];
    }
    if (next === null || typeof next !== 'object' || (objectShape(fieldSchema) && Array.isArray(next))) {
      // Lists are not created: an index into a list the file does not have is out of range, and
      // a wrong value already in the file is the file's error to report, not ours to paper over.
      const holder = arrayElement(fieldSchema) ? 'a list' : 'a mapping';
      fail(formatPath(path), `${holder} to hold ${segments[i + 1].text}`, describeValue(next));
    }
    container = next as Container;
  }
  return { source, path, owns: owns ?? path };
}

/** `a.b[1].c`, `generations.H800.x` or `generations[H800].x` into segments. */
function parsePath(text: string, fail: (expected: string, found: string) => never): RawSegment[] {
  const out: RawSegment[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '[') {
      const close = text.indexOf(']', i);
      if (close < 0) fail('a closing ] in the path', JSON.stringify(text.slice(i)));
      out.push({ text: text.slice(i + 1, close).trim(), bracket: true });
      i = close + 1;
      if (text[i] === '.') i++;
      continue;
    }
    let end = i;
    while (end < text.length && text[end] !== '.' && text[end] !== '[') end++;
    const name = text.slice(i, end).trim();
    if (name === '') fail('a field name between dots', JSON.stringify(text));
    out.push({ text: name, bracket: false });
    i = end;
    if (text[i] === '.') {
      i++;
      if (i === text.length) fail('a field name after the last dot', JSON.stringify(text));
    }
  }
  return out;
}

/**
 * The value as YAML reads it, so `0.5`, `true` and `2027-12` mean what they would in the file.
 * Text YAML would take for a mapping (`Note: cut prices`) is kept as the string the user typed:
 * a mapping or list must be asked for with flow syntax, `{…}` or `[…]`.
 */
function parseValue(text: string, fail: (found: string) => never): unknown {
  const trimmed = text.trim();
  const flow = trimmed.startsWith('{') || trimmed.startsWith('[');
  const quoted = trimmed.startsWith('"') || trimmed.startsWith("'");
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    if (flow || quoted) fail(`invalid YAML: ${doc.errors[0].message}`);
    return trimmed;
  }
  const value: unknown = doc.toJS();
  if (value !== null && typeof value === 'object' && !flow) return trimmed;
  return value;
}

/** A list item by index (`[1]`, `.1`) or, for lists of named things, by name (`.H800`). */
function indexOf(container: unknown, seg: RawSegment, path: PathSegment[], fail: (path: string, expected: string, found: string) => never): number {
  if (!Array.isArray(container)) return fail(formatPath(path), `a list to hold ${seg.text}`, describeValue(container));
  const list: unknown[] = container;
  const names = list.map((it) => (it && typeof it === 'object' ? (it as { name?: unknown }).name : undefined));
  if (/^\d+$/.test(seg.text)) {
    const ix = Number(seg.text);
    if (ix < list.length) return ix;
    const expected = list.length === 0 ? 'an index into a non-empty list (this one is empty)' : `an index from 0 to ${list.length - 1}`;
    return fail(shown(path, seg), expected, `index ${ix}`);
  }
  const ix = names.findIndex((n) => n === seg.text);
  if (ix >= 0) return ix;
  const named = names.filter((n): n is string => typeof n === 'string');
  const expected = named.length > 0 ? `an index or one of the names ${named.join(', ')}` : 'an index such as [0] (the items have no names)';
  return fail(shown(path, seg), expected, JSON.stringify(seg.text));
}

/** A deep copy that, unlike structuredClone, gives every occurrence of a shared object its own copy. */
function copyTree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyTree);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyTree(v)]));
  }
  return value;
}

/** The path as written up to and including `seg`, for error messages. */
function shown(path: PathSegment[], seg: RawSegment): string {
  return seg.bracket ? `${formatPath(path)}[${seg.text}]` : formatPath([...path, seg.text]);
}

function getIn(container: Container, step: PathSegment): unknown {
  return (container as Record<PropertyKey, unknown>)[step];
}

function setIn(container: Container, step: PathSegment, value: unknown): void {
  (container as Record<PropertyKey, unknown>)[step] = value;
}
