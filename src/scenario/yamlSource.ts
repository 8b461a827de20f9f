/**
 * A scenario file parsed with its syntax tree kept, so that a problem found later (by zod, which
 * only sees plain values) can be traced back to a line and column.
 */
import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type Pair, visit } from 'yaml';
import { bytes, FileTooLarge, readTextAtMost } from '../files/readLimited.js';
import { describeValue } from './describeValue.js';
import { ScenarioError } from './errors.js';
import { formatPath, type PathSegment } from './path.js';

export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The document as plain JS values. */
  data: unknown;
}

export interface Location {
  line: number;
  column: number;
  /**
   * Where the problem sits in reading order, for picking the top-most one. A missing key is
   * shown at its mapping's start but ranks at the mapping's end: "this mapping lacks X" is only
   * true once the whole mapping has been read, and a misspelt key inside it (the usual cause)
   * is the better message.
   */
  rank: number;
}

export function parseYamlSource(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  // prettyErrors would append a code excerpt on extra lines; we want the parser's bare message
  // and compute line:col ourselves. Merge keys (`<<: *base`) let authors share lessor or
  // developer parameters between archetypes.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const first = doc.errors[0];
  if (first) {
    const pos = lineCounter.linePos(first.pos[0]);
    if (first.code === 'DUPLICATE_KEY') {
      const key = keyAt(doc, first.pos[0]);
      return fail({
        file,
        line: pos.line,
        column: pos.col,
        path: key ? formatPath(key.path) : '',
        expected: 'each key once per mapping',
        found: key ? `a second ${JSON.stringify(String(key.name))}` : 'a repeated key',
      });
    }
    // The parser itself recurses, and a file nested thousands deep overflows its stack.
    if (/call stack/i.test(first.message)) tooDeep(file, pos.line, pos.col);
    const message = first.code === 'MULTIPLE_DOCS' ? 'more than one YAML document (a scenario file holds exactly one)' : first.message;
    return fail({
      file,
      line: pos.line,
      column: pos.col,
      path: '',
      expected: 'valid YAML',
      found: message,
      problem: `invalid YAML: ${message}`,
    });
  }
  checkNesting(doc, lineCounter, file);
  return { file, doc, lineCounter, data: expand(doc, lineCounter, file) };
}

/**
 * Mappings and lists a scenario may nest, one in another: its deepest field is a handful of levels
 * down. Anything far deeper is not a scenario, and every later step (plain values, validation,
 * overrides) walks the tree recursively.
 */
export const MAX_NESTING = 64;

function tooDeep(file: string, line: number, column: number): never {
  return fail({
    file,
    line,
    column,
    path: '',
    expected: `mappings and lists nested at most ${MAX_NESTING} deep`,
    found: 'deeper nesting',
    problem: `nested too deeply: a scenario or thesis file may nest mappings and lists at most ${MAX_NESTING} deep`,
  });
}

/** Fails at the first mapping or list nested deeper than MAX_NESTING; walked with a stack, not recursion. */
function checkNesting(doc: Document, lineCounter: LineCounter, file: string): void {
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > MAX_NESTING) {
      const pos = lineCounter.linePos(node.range?.[0] ?? 0);
      tooDeep(file, pos.line, pos.col);
    }
    for (const item of node.items as unknown[]) {
      if (item !== null && typeof item === 'object' && 'value' in item && 'key' in item) {
        stack.push({ node: (item as Pair).key, depth: depth + 1 }, { node: (item as Pair).value, depth: depth + 1 });
      } else {
        stack.push({ node: item, depth: depth + 1 });
      }
    }
  }
}

/** Aliases a scenario may expand; merge keys between archetypes need a handful. */
const MAX_ALIAS_COUNT = 1000;

/**
 * The document as plain data. `maxAliasCount` guards against "billion laughs" expansion, where a
 * few lines of aliases to aliases unfold into gigabytes; such a file is bad input, reported at its
 * first alias.
 */
function expand(doc: Document, lineCounter: LineCounter, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (!(err instanceof Error) || !/alias count/i.test(err.message)) throw err;
    let offset = 0;
    visit(doc, {
      Alias(_, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const pos = lineCounter.linePos(offset);
    return fail({
      file,
      line: pos.line,
      column: pos.col,
      path: '',
      expected: `at most ${MAX_ALIAS_COUNT} aliases expanded`,
      found: 'aliases that expand far beyond that',
      problem: `too many aliases: the file's aliases expand far beyond the ${MAX_ALIAS_COUNT} a scenario may use ("billion laughs")`,
    });
  }
}

function fail(info: ConstructorParameters<typeof ScenarioError>[0]): never {
  throw new ScenarioError(info);
}

/**
 * Where the value at `path` was written. When the path runs past what the file contains (a
 * missing key, a default), the deepest node that exists stands in: for a missing key that is
 * the mapping that should have held it. `atKey` points at the key itself instead of its value,
 * which is what an "unknown key" error should underline.
 */
export function locate(source: YamlSource, path: readonly PropertyKey[], atKey = false): Location {
  const { doc } = source;
  let node: Node | null = resolve(doc, doc.contents);
  let at: Node | null = node;
  let reached = 0;
  for (let i = 0; i < path.length && node; i++) {
    const seg = path[i];
    let next: Node | null = null;
    if (isMap(node)) {
      const pair = findPair(doc, node, seg);
      if (!pair) break;
      const last = i === path.length - 1;
      next = resolve(doc, pair.value as Node | null);
      // An empty value (`key:`) has no useful position of its own; the key is where the eye goes.
      const range = next?.range;
      const empty = !next || (range != null && range[0] === range[1]);
      at = (last && atKey) || empty ? (pair.key as Node) : next;
    } else if (isSeq(node) && typeof seg === 'number') {
      next = resolve(doc, (node.items[seg] as Node | undefined) ?? null);
      if (next) at = next;
    }
    if (!next) break;
    reached = i + 1;
    node = next;
  }
  const start = at?.range?.[0] ?? 0;
  const pos = source.lineCounter.linePos(start);
  const rank = reached < path.length ? (at?.range?.[1] ?? start) : start;
  return { line: pos.line, column: pos.col, rank };
}

function resolve(doc: Document.Parsed, node: Node | null): Node | null {
  // A path has to continue through an aliased mapping or list, so those are followed; an aliased
  // scalar is not, because the `*name` where it is used is what the author would change.
  if (node && isAlias(node)) {
    const target = node.resolve(doc) as Node | undefined;
    return target && !isScalar(target) ? target : node;
  }
  return node;
}

const isMergeKey = (key: unknown): boolean => isScalar(key) && (key.value === '<<' || (typeof key.value === 'symbol' && key.value.description === '<<'));

/** The pair for `key` in a mapping, looking through `<<` merges the way toJS does (own keys win). */
function findPair(doc: Document.Parsed, map: Node, key: PropertyKey, depth = 0): Pair | undefined {
  if (!isMap(map) || depth > 20) return undefined;
  const own = map.items.find((p) => !isMergeKey(p.key) && isScalar(p.key) && String(p.key.value) === String(key));
  if (own) return own;
  for (const p of map.items) {
    if (!isMergeKey(p.key)) continue;
    const v = resolve(doc, p.value as Node | null);
    const sources = isSeq(v) ? v.items.map((it) => resolve(doc, it as Node)) : [v];
    for (const src of sources) {
      const found = src ? findPair(doc, src, key, depth + 1) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

/** The key that starts at `offset` and the path to it (for a duplicate key, the second one). */
function keyAt(doc: Document.Parsed, offset: number): { path: PathSegment[]; name: unknown } | undefined {
  const search = (node: Node | null, path: PathSegment[]): { path: PathSegment[]; name: unknown } | undefined => {
    if (!node || !node.range || offset < node.range[0] || offset > node.range[2]) return undefined;
    if (isMap(node)) {
      for (const p of node.items) {
        const k = p.key as Node | null;
        if (isScalar(k) && k.range?.[0] === offset) return { path: [...path, String(k.value)], name: k.value };
        const inner = isScalar(k) ? search(p.value as Node | null, [...path, String(k.value)]) : undefined;
        if (inner) return inner;
      }
    } else if (isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) {
        const inner = search(node.items[i] as Node | null, [...path, i]);
        if (inner) return inner;
      }
    }
    return undefined;
  };
  return search(doc.contents, []);
}

/**
 * Largest scenario or thesis file read. The shipped scenarios are about 15 KB; a file a thousand
 * times that is not a scenario, and parsing it would take minutes and gigabytes before any check.
 */
export const MAX_SOURCE_BYTES = 4 * 1024 * 1024;

/** The text of a YAML (or JSON) input file; an unreadable or oversized file is a ScenarioError naming it. */
export function readSourceFile(file: string): string {
  try {
    return readTextAtMost(file, MAX_SOURCE_BYTES);
  } catch (err) {
    if (err instanceof FileTooLarge) {
      throw new ScenarioError({ file, path: '', expected: `a file of at most ${bytes(MAX_SOURCE_BYTES)}`, found: err.sizeText, problem: err.reason('a scenario or thesis file', '4 MB') });
    }
    const reason = readFailure(err);
    throw new ScenarioError({ file, path: '', expected: 'a readable file', found: reason, problem: `cannot read file: ${reason}` });
  }
}

function readFailure(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return code ?? (err instanceof Error ? err.message : String(err));
  }
}

/**
 * Parses text whose top level must be a mapping; anything else (an empty file, a list, a bare
 * value) is a ScenarioError at its position. `expected` describes the mapping wanted.
 */
export function parseYamlMapping(text: string, file: string, expected: string): YamlSource {
  const source = parseYamlSource(text, file);
  if (source.data === null || typeof source.data !== 'object' || Array.isArray(source.data)) {
    const empty = source.doc.contents === null;
    const at = empty ? undefined : locate(source, []);
    throw new ScenarioError({
      file,
      line: at?.line,
      column: at?.column,
      path: '',
      expected,
      found: empty ? 'an empty file' : describeValue(source.data),
    });
  }
  return source;
}
