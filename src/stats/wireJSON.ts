/**
 * Encoded accumulators (codec.ts) as JSON and back, bit for bit, for checkpoint and shard files.
 *
 * A typed array becomes `{"$f64": [[...], ...]}` or `{"$u32": [[...], ...]}`: its numbers in
 * blocks of at most BLOCK, since V8 parses many short arrays faster than one long one. A double
 * is written as JSON.stringify writes it, the shortest decimal that reads back as the same
 * double; the four values JSON has no number for are strings: "-0", "NaN", "Infinity" and
 * "-Infinity" (every NaN reads back as the one NaN JavaScript makes). Other fields are written as
 * they are: names, lists of names, finite numbers, and encoded parts as nested objects.
 */
import { CodecError, type Encoded, type EncodedValue } from './codec.js';

export type WireJSON = number | string | readonly string[] | { readonly [key: string]: WireJSON } | TypedJSON;
type TypedJSON = { $f64: (number | string)[][] } | { $u32: number[][] };

const BLOCK = 4096;

const SPECIAL: Record<string, number> = { '-0': -0, NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

const doubleJSON = (x: number): number | string => (Object.is(x, -0) ? '-0' : Number.isFinite(x) ? x : String(x));

function blocks(v: Float64Array | Uint32Array): (number | string)[][] {
  const out: (number | string)[][] = [];
  for (let from = 0; from < v.length; from += BLOCK) {
    const block: (number | string)[] = Array.from(v.subarray(from, from + BLOCK));
    if (v instanceof Float64Array) {
      for (let i = 0; i < block.length; i++) if (!Number.isFinite(block[i]) || Object.is(block[i], -0)) block[i] = doubleJSON(block[i] as number);
    }
    out.push(block);
  }
  return out;
}

function valueToJSON(v: EncodedValue, name: string): WireJSON {
  if (v instanceof Float64Array) return { $f64: blocks(v) };
  if (v instanceof Uint32Array) return { $u32: blocks(v) as number[][] };
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || Object.is(v, -0)) throw new RangeError(`wire JSON: ${name} is ${doubleJSON(v)}; such a number goes in a Float64Array`);
    return v;
  }
  if (typeof v === 'string' || Array.isArray(v)) return v as string | readonly string[];
  return toWireJSON(v as Encoded, `${name}.`);
}

/** `e` as JSON text writes it losslessly (see the file comment). */
export function toWireJSON(e: Encoded, prefix = ''): { readonly [key: string]: WireJSON } {
  const out: Record<string, WireJSON> = {};
  for (const [key, v] of Object.entries(e)) {
    if (key.startsWith('$')) throw new RangeError(`wire JSON: field ${prefix}${key} starts with $, which marks a typed array`);
    out[key] = valueToJSON(v, prefix + key);
  }
  return out;
}

/** The blocks of a typed array's JSON as one list of blocks, or a CodecError. */
function blocksOf(kind: string, list: unknown, path: string): unknown[][] {
  if (!Array.isArray(list) || !list.every(Array.isArray)) throw new CodecError(`${path}: ${kind} must hold blocks of numbers`);
  return list as unknown[][];
}

const notNumber = (path: string, at: number, x: unknown) => new CodecError(`${path}: element ${at} is ${JSON.stringify(x)?.slice(0, 40)}, not a number`);

// One loop per kind: a loop that stores into either kind of array runs several times slower.
function f64FromJSON(list: unknown, path: string): Float64Array {
  const parts = blocksOf('$f64', list, path);
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    for (const x of part) {
      if (typeof x === 'number') out[at] = x;
      else if (typeof x === 'string' && Object.hasOwn(SPECIAL, x)) out[at] = SPECIAL[x];
      else throw notNumber(path, at, x);
      at++;
    }
  }
  return out;
}

function u32FromJSON(list: unknown, path: string): Uint32Array {
  const parts = blocksOf('$u32', list, path);
  const out = new Uint32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    for (const x of part) {
      if (typeof x !== 'number') throw notNumber(path, at, x);
      if (!(x >= 0 && x <= 0xffffffff && Math.floor(x) === x)) throw new CodecError(`${path}: element ${at} is ${x}, not a whole number from 0 to 2^32 - 1`);
      out[at++] = x;
    }
  }
  return out;
}

function valueFromJSON(json: unknown, path: string): EncodedValue {
  if (typeof json === 'number' || typeof json === 'string') return json;
  if (Array.isArray(json)) {
    if (!json.every((x) => typeof x === 'string')) throw new CodecError(`${path}: a list holds names only`);
    return json;
  }
  if (json !== null && typeof json === 'object') {
    const keys = Object.keys(json);
    if (keys.length === 1 && keys[0] === '$f64') return f64FromJSON((json as { $f64: unknown }).$f64, path);
    if (keys.length === 1 && keys[0] === '$u32') return u32FromJSON((json as { $u32: unknown }).$u32, path);
    return fromWireJSON(json, path);
  }
  throw new CodecError(`${path}: ${JSON.stringify(json)} is not part of an encoded value`);
}

/**
 * The encoded value `toWireJSON` wrote, from parsed JSON; `what` names it in errors (a file's
 * field). Throws a CodecError where it cannot be one; the codec then checks what it holds.
 */
export function fromWireJSON(json: unknown, what: string): Encoded {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new CodecError(`${what}: not an encoded object`);
  const out: Record<string, EncodedValue> = {};
  for (const [key, v] of Object.entries(json)) {
    if (key.startsWith('$')) throw new CodecError(`${what}: ${key} is not a field of an encoded object`);
    out[key] = valueFromJSON(v, `${what}.${key}`);
  }
  return out;
}
