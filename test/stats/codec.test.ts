import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Codec, CodecError, type Encoded } from '../../src/stats/codec.js';
import { addManyToSketch, createDDSketch, type DDSketch, mergeSketches, sketchesCodec } from '../../src/stats/ddSketch.js';
import { addManyToSum, createExactSum, type ExactSum, mergeSums, sumsCodec } from '../../src/stats/exactSum.js';
import { addRun, bandsCodec, createBands, type MetricBands, mergeBands } from '../../src/stats/metricBands.js';
import { addProbabilityRun, createProbabilities, mergeProbabilities, probabilitiesCodec, type ProbabilityCounts } from '../../src/stats/probability.js';
import { fromWireJSON, toWireJSON } from '../../src/stats/wireJSON.js';

const METRICS = ['rent', 'margin'];
const MONTHS = 3;
const EVENTS = ['red', 'loss'];

/** Finite doubles of every kind: zeros of both signs, subnormals, huge magnitudes, ordinary values. */
const value = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0, -0, 5e-324, -1e-310, 1.7e308));
const runs = fc.array(fc.array(value, { minLength: METRICS.length * MONTHS, maxLength: METRICS.length * MONTHS }), { maxLength: 12 });
/** Few buckets make the stores collapse. */
const maxBuckets = fc.constantFrom(4, 2048);

function bandsOf(rows: readonly number[][], buckets: number): MetricBands {
  const b = createBands(METRICS, MONTHS, 0.01, buckets);
  for (const r of rows) addRun(b, Object.fromEntries(METRICS.map((m, i) => [m, r.slice(i * MONTHS, (i + 1) * MONTHS)])));
  return b;
}

function countsOf(rows: readonly boolean[][]): ProbabilityCounts {
  const p = createProbabilities(EVENTS, MONTHS);
  for (const r of rows) addProbabilityRun(p, Object.fromEntries(EVENTS.map((e, i) => [e, r.slice(i * MONTHS, (i + 1) * MONTHS)])));
  return p;
}
const events = fc.array(fc.array(fc.boolean(), { minLength: EVENTS.length * MONTHS, maxLength: EVENTS.length * MONTHS }), { maxLength: 12 });

function sketchesOf(lists: readonly number[][], buckets: number): DDSketch[] {
  return lists.map((xs) => {
    const s = createDDSketch({ alpha: 0.01, maxBuckets: buckets });
    addManyToSketch(s, xs);
    return s;
  });
}

function sumsOf(lists: readonly number[][]): ExactSum[] {
  return lists.map((xs) => {
    const s = createExactSum();
    addManyToSum(s, xs);
    return s;
  });
}

/** Through JSON text and back, as a checkpoint or shard file carries it. */
const viaJSON = (e: Encoded): Encoded => fromWireJSON(JSON.parse(JSON.stringify(toWireJSON(e))), 'x');

/** Deep equality that tells every double apart by its bits (-0 from 0, NaN from NaN included). */
function sameBits(a: unknown, b: unknown): boolean {
  if (a instanceof Float64Array || a instanceof Uint32Array) {
    if (!(b instanceof a.constructor) || (b as typeof a).length !== a.length) return false;
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array((b as typeof a).buffer, (b as typeof a).byteOffset, (b as typeof a).byteLength);
    return x.every((v, i) => v === y[i]);
  }
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => sameBits(v, b[i]));
  if (a !== null && typeof a === 'object') {
    if (b === null || typeof b !== 'object') return false;
    const keys = Object.keys(a);
    return sameBits(keys, Object.keys(b)) && keys.every((k) => sameBits((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return Object.is(a, b);
}

interface Case<T, E extends Encoded> {
  name: string;
  codec: Codec<T, E>;
  /** Two accumulators of one shape. */
  pair: fc.Arbitrary<[T, T]>;
  merge: (into: T, from: T) => T;
}

const lists = fc.array(fc.array(value, { maxLength: 30 }), { minLength: 3, maxLength: 3 });
const cases = [
  {
    name: 'sketches',
    codec: sketchesCodec,
    pair: fc.tuple(lists, lists, maxBuckets).map(([a, b, m]) => [sketchesOf(a, m), sketchesOf(b, m)]),
    merge: (a: DDSketch[], b: DDSketch[]) => a.map((s, i) => mergeSketches(s, b[i])),
  },
  { name: 'sums', codec: sumsCodec, pair: fc.tuple(lists, lists).map(([a, b]) => [sumsOf(a), sumsOf(b)]), merge: (a: ExactSum[], b: ExactSum[]) => a.map((s, i) => mergeSums(s, b[i])) },
  { name: 'bands', codec: bandsCodec, pair: fc.tuple(runs, runs, maxBuckets).map(([a, b, m]) => [bandsOf(a, m), bandsOf(b, m)]), merge: mergeBands },
  { name: 'event counts', codec: probabilitiesCodec, pair: fc.tuple(events, events).map(([a, b]) => [countsOf(a), countsOf(b)]), merge: mergeProbabilities },
] as unknown as Case<unknown, Encoded>[];

describe.each(cases)('the $name codec', ({ codec, pair, merge }) => {
  it('merges an encoded accumulator, through JSON or not, exactly as it merges the accumulator', () => {
    fc.assert(
      fc.property(pair, fc.boolean(), ([a, b], json) => {
        const expected = codec.encode(merge(codec.decode(codec.encode(a)), b));
        const sent = json ? viaJSON(codec.encode(b)) : structuredClone(codec.encode(b));
        expect(sameBits(codec.encode(codec.mergeEncoded(a, sent)), expected)).toBe(true);
        // Decoding, then merging as objects, gives the same state.
        const decoded = codec.decode(json ? viaJSON(codec.encode(b)) : codec.encode(b));
        expect(sameBits(codec.encode(decoded), codec.encode(b))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('round-trips through JSON text bit for bit', () => {
    fc.assert(
      fc.property(pair, ([a]) => {
        const e = codec.encode(a);
        expect(sameBits(viaJSON(e), e)).toBe(true);
        expect(JSON.stringify(toWireJSON(viaJSON(e)))).toBe(JSON.stringify(toWireJSON(e)));
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a damaged typed array with a CodecError, or reads it as an accumulator in good order', () => {
    fc.assert(
      fc.property(pair, fc.nat(), fc.oneof(value, fc.constantFrom(NaN, Infinity, -1, 0.5, 2 ** 32)), ([a], where, replacement) => {
        const e = structuredClone(codec.encode(a));
        const arrays: (Float64Array | Uint32Array)[] = [];
        const walk = (x: unknown): void => {
          if (x instanceof Float64Array || x instanceof Uint32Array) arrays.push(x);
          else if (x !== null && typeof x === 'object') Object.values(x).forEach(walk);
        };
        walk(e);
        const target = arrays[where % arrays.length];
        if (target.length === 0) return;
        target[Math.floor(where / arrays.length) % target.length] = replacement;
        let decoded: unknown;
        try {
          decoded = codec.decode(e);
        } catch (err) {
          expect(err).toBeInstanceOf(CodecError);
          return;
        }
        // What it accepts is an accumulator in good order: its own encoding reads back the same.
        const again = codec.encode(decoded);
        expect(sameBits(codec.encode(codec.decode(again)), again)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('wire JSON', () => {
  it('keeps every double bit for bit (NaN as the one NaN), in blocks past the block size', () => {
    fc.assert(
      fc.property(fc.float64Array({ maxLength: 40 }), fc.uint32Array({ maxLength: 40 }), (f, u) => {
        const canonical = f.map((x) => (Number.isNaN(x) ? NaN : x));
        expect(sameBits(viaJSON({ f, u }), { f: canonical, u })).toBe(true);
      }),
    );
    const long = Float64Array.from({ length: 10_000 }, (_, i) => (i % 3 === 0 ? -0 : i / 7));
    const json = toWireJSON({ long }) as { long: { $f64: unknown[][] } };
    expect(json.long.$f64.length).toBe(3);
    expect(sameBits(viaJSON({ long }), { long })).toBe(true);
  });

  it('writes the doubles JSON has no number for as strings', () => {
    const f = Float64Array.from([-0, NaN, Infinity, -Infinity, 5e-324, 0.1]);
    expect(JSON.stringify(toWireJSON({ format: 'x', f }))).toBe('{"format":"x","f":{"$f64":[["-0","NaN","Infinity","-Infinity",5e-324,0.1]]}}');
  });

  it('refuses what it cannot write exactly, and what it did not write', () => {
    expect(() => toWireJSON({ n: -0 })).toThrow(/n is -0; such a number goes in a Float64Array/);
    expect(() => toWireJSON({ part: { n: NaN } })).toThrow(/part\.n is NaN/);
    expect(() => fromWireJSON([], 'bands')).toThrow(new CodecError('bands: not an encoded object'));
    expect(() => fromWireJSON({ f: { $f64: [[1, 'nan']] } }, 'bands')).toThrow(new CodecError('bands.f: element 1 is "nan", not a number'));
    expect(() => fromWireJSON({ f: { $f64: [1, 2] } }, 'bands')).toThrow(new CodecError('bands.f: $f64 must hold blocks of numbers'));
    expect(() => fromWireJSON({ u: { $u32: [[1, -1]] } }, 'bands')).toThrow(new CodecError('bands.u: element 1 is -1, not a whole number from 0 to 2^32 - 1'));
    expect(() => fromWireJSON({ u: { $u32: [['Infinity']] } }, 'bands')).toThrow(CodecError);
    expect(() => fromWireJSON({ $f64: [] }, 'bands')).toThrow(new CodecError('bands: $f64 is not a field of an encoded object'));
    expect(() => fromWireJSON({ list: ['a', 1] }, 'bands')).toThrow(new CodecError('bands.list: a list holds names only'));
    expect(() => fromWireJSON({ nothing: null }, 'bands')).toThrow(new CodecError('bands.nothing: null is not part of an encoded value'));
  });
});

describe('decoding', () => {
  const bands = bandsOf(
    [
      [1, 2, 3, -1, 0, 1],
      [2, 2, 5, -2, 0.5, 0],
    ],
    2048,
  );
  const good = () => structuredClone(bandsCodec.encode(bands));
  const refused = (edit: (e: ReturnType<typeof good>) => void): string => {
    const e = good();
    edit(e);
    try {
      bandsCodec.decode(e);
    } catch (err) {
      expect(err).toBeInstanceOf(CodecError);
      return (err as Error).message;
    }
    throw new Error('decoded a damaged value');
  };

  it('says what is wrong with a malformed value, naming its format and field', () => {
    const mutable = (e: object) => e as Record<string, unknown>;
    expect(refused((e) => (mutable(e).format = 'metric-bands/1'))).toBe('metric-bands/2: format is "metric-bands/1", expected metric-bands/2');
    expect(refused((e) => delete mutable(e).months)).toBe('metric-bands/2: months must be a whole number, found undefined');
    expect(refused((e) => (mutable(e).metrics = ['rent']))).toBe('metric-bands/2: sketches holds 6 cells, where metrics × months is 3');
    expect(refused((e) => (e.sketches.rows[0] = 3))).toBe('ddsketch-list/1: sketch 0: its count 3 is not its bucket counts plus zeroCount (2)');
    expect(refused((e) => (e.sketches.rows[2] = 9))).toBe('ddsketch-list/1: sketch 0: min 9 and max 2 do not fit its count 2');
    expect(
      refused((e) => {
        e.sketches.rows[0] -= e.sketches.counts[0];
        e.sketches.counts[0] = 0;
      }),
    ).toBe('ddsketch-list/1: sketch 0: its positive store has a zero count at an end');
    expect(refused((e) => (e.sketches.rows[5] = 5000))).toBe('ddsketch-list/1: sketch 0: its positive store spans 5000 keys, not 0 to 2048');
    expect(refused((e) => (mutable(e.sketches).counts = e.sketches.counts.subarray(1)))).toMatch(/^ddsketch-list\/1: sketch \d+: /);
    expect(refused((e) => (mutable(e.sketches).counts = Uint32Array.from([...e.sketches.counts, 1])))).toBe("ddsketch-list/1: counts holds 1 counts beyond the last sketch's");
    expect(refused((e) => (mutable(e.sketches).rows = Array.from(e.sketches.rows)))).toBe('ddsketch-list/1: rows must be a Float64Array');
    expect(refused((e) => (e.sums.digits[0] = 2 ** 32))).toBe('exact-sum-list/1: sum 0: digit 0 is 4294967296, not a whole number from 0 to 4294967295');
    expect(refused((e) => (e.sums.rows[0] = 2))).toMatch(/^exact-sum-list\/1: sum 0: sign 2, first chunk \d+ and \d+ chunks are not a sum's$/);
    const counts = structuredClone(probabilitiesCodec.encode(countsOf([[true, false, false, false, false, false]])));
    counts.hits[1] = 2;
    expect(() => probabilitiesCodec.decode(counts)).toThrow(new CodecError('event-counts/1: red in month 1 counts 2 runs, not a whole number from 0 to the 1 counted'));
  });

  it('gives back accumulators that keep accumulating as the originals do', () => {
    const decoded = bandsCodec.decode(viaJSON(bandsCodec.encode(bands)));
    const more = [7, 8, 9, 1e-300, -0, 3];
    addRun(decoded, { rent: more.slice(0, 3), margin: more.slice(3) });
    const original = bandsOf([[1, 2, 3, -1, 0, 1], [2, 2, 5, -2, 0.5, 0], more], 2048);
    expect(sameBits(bandsCodec.encode(decoded), bandsCodec.encode(original))).toBe(true);
  });
});
