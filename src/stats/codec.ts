/**
 * The one encoded form of each mergeable accumulator. A batch moves its accumulators in three
 * ways: from a worker thread to the batch (a transferred buffer), from a queue worker through
 * Redis (the same buffer), and into checkpoint and shard files (JSON). All three carry the same
 * encoded value, so there is one writer and one reader per accumulator, and a file and a message
 * cannot disagree about what an accumulator holds.
 *
 * An encoded value is plain data: numbers, strings and typed arrays, nested in plain objects.
 * Typed arrays move between threads without being copied (montecarlo/transfer.ts) and are
 * written to JSON losslessly by wireJSON.ts. Scalar numbers must be finite (and not -0) so that
 * plain JSON keeps them exactly; a double that may be anything travels in a Float64Array.
 */

export type EncodedValue = number | string | readonly string[] | Float64Array | Uint32Array | Encoded;

export interface Encoded {
  readonly [field: string]: EncodedValue;
}

export interface Codec<T, E extends Encoded> {
  /** Written into the encoded value as its `format`, and checked on the way back. */
  readonly format: string;
  /** The canonical encoding: accumulators of equal state give deep-equal values, whatever their history. */
  encode: (x: T) => E;
  /** Throws a CodecError that says what is wrong with `e`, if anything. */
  check: (e: unknown) => asserts e is E;
  /** Checks `e` and rebuilds the accumulator. */
  decode: (e: unknown) => T;
  /**
   * `merge(into, decode(e))` without building `decode(e)`: the batch merges every chunk's result,
   * and rebuilding each as objects would cost more than merging it. Checks `e` whole before
   * changing `into`, so a rejected value leaves `into` as it was; merging accumulators of another
   * shape throws a RangeError, as their own merge does.
   */
  mergeEncoded: (into: T, e: unknown) => T;
  /** `mergeEncoded` for a value that passed `check` already (a composite's part). */
  mergeChecked: (into: T, e: E) => T;
}

/** What a codec is made of: `decode` and `mergeEncoded` follow, each a check and then `mergeChecked`. */
export type CodecParts<T, E extends Encoded> = Omit<Codec<T, E>, 'decode' | 'mergeEncoded'> & {
  /** An empty accumulator of the shape `e` describes (`e` has passed `check`). */
  empty: (e: E) => T;
};

export function defineCodec<T, E extends Encoded>(parts: CodecParts<T, E>): Codec<T, E> {
  const { empty, ...codec } = parts;
  return {
    ...codec,
    decode(e) {
      parts.check(e);
      return codec.mergeChecked(empty(e), e);
    },
    mergeEncoded(into, e) {
      parts.check(e);
      return codec.mergeChecked(into, e);
    },
  };
}

/** An encoded value that is not what its codec writes. */
export class CodecError extends TypeError {}

/** Reads an encoded value's fields, failing with a CodecError that names the format and the field. */
export function reader(format: string, e: unknown) {
  const fail = (why: string): never => {
    throw new CodecError(`${format}: ${why}`);
  };
  if (e === null || typeof e !== 'object' || Array.isArray(e)) fail('not an encoded object');
  const o = e as Record<string, unknown>;
  if (o.format !== format) fail(`format is ${JSON.stringify(o.format)?.slice(0, 60) ?? 'missing'}, expected ${format}`);
  const typed = <A>(name: string, kind: new (n: number) => A): A => {
    const v = o[name];
    return v instanceof kind ? v : fail(`${name} must be a ${kind.name}`);
  };
  const whole = (name: string): number => (Number.isSafeInteger(o[name]) && (o[name] as number) >= 0 ? (o[name] as number) : fail(`${name} must be a whole number, found ${String(o[name])}`));
  return {
    fail,
    field: (name: string): unknown => o[name],
    whole,
    number: (name: string): number => (Number.isFinite(o[name]) ? (o[name] as number) : fail(`${name} must be a finite number, found ${String(o[name])}`)),
    /** A table by name and month: its distinct names (the field `name`) and its months, at least one. */
    monthlyTable(name: string): { names: string[]; months: number } {
      const v = o[name];
      const names = Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : fail(`${name} must be a list of names`);
      const months = whole('months');
      if (months < 1 || new Set(names).size !== names.length) fail(`${name} must be distinct and months at least 1 (${months})`);
      return { names, months };
    },
    u32: (name: string): Uint32Array => typed(name, Uint32Array),
    f64(name: string, length?: number): Float64Array {
      const v = typed(name, Float64Array);
      return length === undefined || v.length === length ? v : fail(`${name} holds ${v.length} numbers, expected ${length}`);
    },
  };
}
