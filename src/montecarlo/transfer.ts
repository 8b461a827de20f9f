/**
 * Moving a chunk's result from a worker thread without copying it. Structured cloning would copy
 * every typed array in the result (its encoded accumulators, some megabytes); `toBuffer` gathers
 * every typed array, and a JSON skeleton that names where each lives, into one ArrayBuffer, which
 * the worker hands over with piscina's `move` (ownership changes thread, nothing is copied;
 * piscina moves only a top-level value, hence one buffer). `fromBuffer` rebuilds the value with
 * typed-array views into that buffer.
 */
type Typed = Float64Array | Uint32Array | Int32Array | Uint8Array;
const KINDS = { Float64Array, Uint32Array, Int32Array, Uint8Array } as const;
type Kind = keyof typeof KINDS;

interface Slot {
  __typed: Kind;
  offset: number;
  length: number;
}

export interface Packed<T> {
  skeleton: T;
  buffer: ArrayBuffer;
}

const kindOf = (x: unknown): Kind | undefined =>
  x instanceof Float64Array ? 'Float64Array' : x instanceof Uint32Array ? 'Uint32Array' : x instanceof Int32Array ? 'Int32Array' : x instanceof Uint8Array ? 'Uint8Array' : undefined;

export function pack<T>(value: T): Packed<T> {
  const arrays: Typed[] = [];
  const walk = (x: unknown): unknown => {
    if (kindOf(x)) {
      arrays.push(x as Typed);
      return x;
    }
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') Object.values(x).forEach(walk);
    return x;
  };
  walk(value);
  // Every array starts on an 8-byte boundary so any kind can be viewed in place.
  let size = 0;
  const offsets = arrays.map((a) => {
    const at = size;
    size += Math.ceil(a.byteLength / 8) * 8;
    return at;
  });
  const buffer = new ArrayBuffer(size);
  const bytes = new Uint8Array(buffer);
  const slotOf = new Map<Typed, Slot>();
  arrays.forEach((a, i) => {
    bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offsets[i]);
    slotOf.set(a, { __typed: kindOf(a)!, offset: offsets[i], length: a.length });
  });
  const replace = (x: unknown): unknown => {
    if (kindOf(x)) return slotOf.get(x as Typed);
    if (Array.isArray(x)) return x.map(replace);
    if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, replace(v)]));
    return x;
  };
  return { skeleton: replace(value) as T, buffer };
}

/** `base` is the byte offset of the arrays' area within `buffer`. */
export function unpack<T>({ skeleton, buffer }: Packed<T>, base = 0): T {
  const restore = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(restore);
    if (x && typeof x === 'object') {
      const slot = x as Partial<Slot>;
      if (typeof slot.__typed === 'string' && slot.__typed in KINDS) {
        return new KINDS[slot.__typed](buffer, base + slot.offset!, slot.length);
      }
      return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, restore(v)]));
    }
    return x;
  };
  return restore(skeleton) as T;
}

/** Layout: [u32 skeleton byte length][skeleton JSON, UTF-8][padding to 8][the arrays]. */
export function toBuffer<T>(value: T): ArrayBuffer {
  const { skeleton, buffer } = pack(value);
  const json = new TextEncoder().encode(JSON.stringify(skeleton));
  const head = Math.ceil((4 + json.byteLength) / 8) * 8;
  const out = new ArrayBuffer(head + buffer.byteLength);
  new DataView(out).setUint32(0, json.byteLength, true);
  new Uint8Array(out, 4, json.byteLength).set(json);
  new Uint8Array(out, head).set(new Uint8Array(buffer));
  return out;
}

export function fromBuffer<T>(out: ArrayBuffer): T {
  const length = new DataView(out).getUint32(0, true);
  const skeleton = JSON.parse(new TextDecoder().decode(new Uint8Array(out, 4, length))) as T;
  const head = Math.ceil((4 + length) / 8) * 8;
  return unpack({ skeleton, buffer: out }, head);
}
