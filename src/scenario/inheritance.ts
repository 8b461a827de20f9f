/**
 * `extends:`: a scenario written as a delta of another. The files of the chain are read, merged
 * into one plain document before validation, and every merged value remembers the file and path
 * it came from, so that a problem found later is reported where the value was written.
 *
 * The merge rules (docs/scenarios.md, "Building on another scenario"):
 * - mappings merge key by key, the extending file's keys over the parent's;
 * - scalars and lists replace the parent's whole;
 * - a mapping written where the parent has a list changes items of that list, each named by its
 *   `name` or index (the item names `--set` accepts), and merges into that item;
 * - a distribution under `uncertain` replaces the parent's whole (its fields belong together),
 *   while the `uncertain` mapping itself merges by key;
 * - `null` removes a field the parent set, so it takes its default; a null with nothing to remove
 *   stays, and validation reports it.
 */
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { describeValue } from './describeValue.js';
import { ScenarioError } from './errors.js';
import { formatPath, type PathSegment } from './path.js';
import { locate, parseYamlSource, readSourceFile, type Location, type YamlSource } from './yamlSource.js';

/** The key that names the parent, only at the top level of a file. */
export const EXTENDS_KEY = 'extends';

/**
 * Files in one chain, the extending file included. Real stress scenarios sit one or two levels
 * above a baseline; a longer chain is a mistake, and every level is a file read and merged.
 */
export const MAX_EXTENDS_CHAIN = 8;

/** Where a merged value was written: a file of the chain and the path inside it. */
export interface Origin {
  /** Index into the chain, 0 being the file that was loaded. */
  source: number;
  path: PathSegment[];
  /** Origins of the parts of a mapping or list that was merged from more than one file. */
  parts?: Map<string, Origin>;
}

export interface Placed extends Location {
  file: string;
  /** The file's place in the chain, 0 for the loaded file: its problems come before its parents'. */
  depth: number;
}

/** A scenario's plain data, its chain of files merged, with the way back to each value's line. */
export interface ScenarioSource {
  /** The loaded file first, then its parent, and so on. */
  files: string[];
  data: Record<string, unknown>;
  /** Where the value at `path` of the merged data was written (see `locate`). */
  where(path: readonly PropertyKey[], atKey?: boolean): Placed;
}

type PlainMap = Record<string, unknown>;

const isPlainMap = (v: unknown): v is PlainMap => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The scenario in `source`, with the files it extends (read from disk, relative to each file)
 * merged under it. `source` must already be known to hold a mapping.
 */
export function resolveExtends(source: YamlSource): ScenarioSource {
  const chain = readChain(source);
  const last = chain.length - 1;
  let merged: Tracked = { value: ownFields(chain[last]), origin: { source: last, path: [] } };
  for (let i = last - 1; i >= 0; i--) merged = mergeValue(chain, merged, ownFields(chain[i]), { source: i, path: [] }, []);
  return {
    files: chain.map((s) => s.file),
    data: merged.value as PlainMap,
    where: (path, atKey = false) => place(chain, merged.origin, path, atKey),
  };
}

/** The file and its ancestors, nearest first; a missing, cyclic or too long chain fails at the `extends:` that caused it. */
function readChain(first: YamlSource): YamlSource[] {
  const chain = [first];
  checkNoNestedExtends(first);
  for (let child = first; Object.prototype.hasOwnProperty.call(child.data, EXTENDS_KEY);) {
    const parentFile = parentPath(child);
    const failAtExtends = (problem: string): never => {
      const at = locate(child, [EXTENDS_KEY]);
      throw new ScenarioError({ file: child.file, line: at.line, column: at.column, path: EXTENDS_KEY, expected: 'a scenario file to build on', found: problem, problem });
    };
    const seen = chain.findIndex((s) => resolve(s.file) === resolve(parentFile));
    if (seen >= 0) {
      failAtExtends(`a cycle: ${[...chain.slice(seen), chain[seen]].map((s) => s.file).join(' extends ')}`);
    }
    if (chain.length >= MAX_EXTENDS_CHAIN) {
      failAtExtends(
        `a chain of more than ${MAX_EXTENDS_CHAIN} files (${[...chain.map((s) => s.file), parentFile].join(' extends ')}); a scenario may build on at most ${MAX_EXTENDS_CHAIN - 1} others`,
      );
    }
    const parent = readParent(parentFile, failAtExtends);
    checkNoNestedExtends(parent);
    chain.push(parent);
    child = parent;
  }
  return chain;
}

/** The parent's path as the user would type it: relative to the extending file's folder. */
function parentPath(child: YamlSource): string {
  const target = (child.data as PlainMap)[EXTENDS_KEY];
  if (typeof target !== 'string' || target.trim() === '') {
    const at = locate(child, [EXTENDS_KEY]);
    throw new ScenarioError({
      file: child.file,
      line: at.line,
      column: at.column,
      path: EXTENDS_KEY,
      expected: 'the path of the scenario file this one builds on, relative to this file',
      found: describeValue(target),
    });
  }
  return isAbsolute(target) ? target : join(dirname(child.file), target);
}

/**
 * A parent that cannot be read or holds no mapping is the extending file's mistake (a wrong path,
 * most likely), so it is reported at its `extends:`; a parent with bad YAML inside is reported
 * where the YAML is bad, which is where it has to be fixed.
 */
function readParent(file: string, failAtExtends: (problem: string) => never): YamlSource {
  let text: string;
  try {
    text = readSourceFile(file);
  } catch (err) {
    if (err instanceof ScenarioError) return failAtExtends(`${file}: ${err.problem ?? err.found}`);
    throw err;
  }
  const parent = parseYamlSource(text, file);
  if (!isPlainMap(parent.data)) {
    const held = parent.doc.contents === null ? 'is empty' : `holds ${describeValue(parent.data)}`;
    return failAtExtends(`${file} ${held}, where a scenario holds a mapping of fields`);
  }
  return parent;
}

/** `extends` names the parent of a whole file: written inside a section, it was most likely meant to merge only there, which it does not. */
function checkNoNestedExtends(source: YamlSource): void {
  const visit = (value: unknown, path: PathSegment[]): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, i]));
    } else if (isPlainMap(value)) {
      for (const [key, item] of Object.entries(value)) {
        if (key === EXTENDS_KEY && path.length > 0) {
          const at = locate(source, [...path, key], true);
          throw new ScenarioError({
            file: source.file,
            line: at.line,
            column: at.column,
            path: formatPath([...path, key]),
            expected: `${EXTENDS_KEY} only at the top level of the file`,
            found: `it inside ${formatPath(path)}`,
          });
        }
        visit(item, [...path, key]);
      }
    }
  };
  visit(source.data, []);
}

/** A file's fields without its `extends`, which names the parent and is no scenario field. */
function ownFields(source: YamlSource): PlainMap {
  return Object.fromEntries(Object.entries(source.data as PlainMap).filter(([key]) => key !== EXTENDS_KEY));
}

/** A merged value and where its parts were written. */
interface Tracked {
  value: unknown;
  origin: Origin;
}

/** The origin of one part of a value: recorded if the part was merged, else the same file one step further. */
function partOrigin(origin: Origin, seg: PropertyKey): Origin {
  return origin.parts?.get(String(seg)) ?? { source: origin.source, path: [...origin.path, seg as PathSegment] };
}

/** `over` (written at `at`) merged over `base`; `path` is the field's path in the scenario. */
function mergeValue(chain: readonly YamlSource[], base: Tracked, over: unknown, at: Origin, path: PathSegment[]): Tracked {
  if (isPlainMap(base.value) && isPlainMap(over) && !isDistribution(path)) return mergeMaps(chain, base, over, at, path);
  if (Array.isArray(base.value) && isPlainMap(over)) return patchList(chain, base, over, at, path);
  return { value: over, origin: at };
}

/** A distribution's fields only make sense together: a `uniform` merged over a `lognormal` would keep `median`. */
const isDistribution = (path: readonly PathSegment[]): boolean => path.length === 2 && path[0] === 'uncertain';

function mergeMaps(chain: readonly YamlSource[], base: Tracked, over: PlainMap, at: Origin, path: PathSegment[]): Tracked {
  const baseMap = base.value as PlainMap;
  const fields = new Map<string, unknown>(Object.entries(baseMap));
  const parts = new Map<string, Origin>([...fields.keys()].map((key) => [key, partOrigin(base.origin, key)]));
  for (const [key, value] of Object.entries(over)) {
    const keyAt = { source: at.source, path: [...at.path, key] };
    const inherited = Object.prototype.hasOwnProperty.call(baseMap, key);
    if (value === null && inherited) {
      fields.delete(key);
      // A field left missing by the removal is reported at the `null` that removed it.
      parts.set(key, keyAt);
    } else if (inherited) {
      const merged = mergeValue(chain, { value: baseMap[key], origin: partOrigin(base.origin, key) }, value, keyAt, [...path, key]);
      fields.set(key, merged.value);
      parts.set(key, merged.origin);
    } else {
      fields.set(key, value);
      parts.set(key, keyAt);
    }
  }
  // fromEntries, not assignment: a key such as `__proto__` stays a plain key that validation rejects.
  return { value: Object.fromEntries(fields), origin: { ...at, parts } };
}

/**
 * Lists replace whole, because items have no key to merge by; but restating six generations to
 * change one would copy every other number out of the parent, so a mapping names the items to
 * change instead.
 */
function patchList(chain: readonly YamlSource[], base: Tracked, over: PlainMap, at: Origin, path: PathSegment[]): Tracked {
  const items = [...(base.value as unknown[])];
  const parts = new Map<string, Origin>(items.map((_, i) => [String(i), partOrigin(base.origin, i)]));
  for (const [key, change] of Object.entries(over)) {
    const keyAt = { source: at.source, path: [...at.path, key] };
    const fail = (expected: string, found: string, atKey: boolean): never => {
      const where = locate(chain[at.source], keyAt.path, atKey);
      throw new ScenarioError({ file: chain[at.source].file, line: where.line, column: where.column, path: formatPath([...path, key]), expected, found });
    };
    const found = itemIndex(items, key);
    if ('expected' in found) return fail(found.expected, JSON.stringify(key), true);
    const { ix } = found;
    if (!isPlainMap(change) || !isPlainMap(items[ix])) {
      return fail(`a mapping of the fields to change in item ${key} of ${formatPath(path)} (to replace the list, write it out as a list)`, describeValue(change), false);
    }
    const merged = mergeValue(chain, { value: items[ix], origin: partOrigin(base.origin, ix) }, change, keyAt, [...path, ix]);
    items[ix] = merged.value;
    parts.set(String(ix), merged.origin);
  }
  // The list stays the parent's, for problems with the list as a whole; changed items point at the change.
  return { value: items, origin: { ...base.origin, parts } };
}

/** The item `key` names (an index or an item's `name`, as in `--set`), or what was expected instead. */
function itemIndex(items: readonly unknown[], key: string): { ix: number } | { expected: string } {
  const names = items.map((it) => (isPlainMap(it) ? it.name : undefined));
  if (/^\d+$/.test(key)) {
    const ix = Number(key);
    if (ix < items.length) return { ix };
    return { expected: items.length === 0 ? 'an item of the list, which is empty' : `an index from 0 to ${items.length - 1}` };
  }
  const ix = names.findIndex((n) => n === key);
  if (ix >= 0) return { ix };
  const named = names.filter((n): n is string => typeof n === 'string');
  return { expected: named.length > 0 ? `an index or one of the names ${named.join(', ')}` : 'an index such as 0 (the items have no names)' };
}

/** Follows the merged path through the recorded origins to the file and line that set the value. */
function place(chain: readonly YamlSource[], root: Origin, path: readonly PropertyKey[], atKey: boolean): Placed {
  let origin = root;
  for (const seg of path) origin = partOrigin(origin, seg);
  const source = chain[origin.source];
  return { ...locate(source, origin.path, atKey), file: source.file, depth: origin.source };
}
