/**
 * Shortens `a` to its first `n` entries. By pop(), not `a.length = n`: V8 implements the length
 * setter as a runtime call that may turn the array holey, and a holey array reaching code that
 * was optimised for a packed one throws that code away.
 */
export function truncate<T>(a: T[], n: number): void {
  while (a.length > n) a.pop();
}

/**
 * `a` if it has room for `n` values, else a new array with room for at least twice as many as `a`
 * had: for work arrays whose first `n` values are written before they are read. (A new array's
 * values are zeros; a reused one keeps what it held.)
 */
export function room(a: Float64Array, n: number): Float64Array {
  return a.length >= n ? a : new Float64Array(Math.max(n, 2 * a.length));
}

/**
 * Sets `a[from..to)` to `x`. `fill` is a call into the runtime, which costs more than a loop the
 * optimising compiler inlines on a short array (the model clears many of a generation's or a
 * lessor's length every month), and less on a long one.
 */
export function fillRange(a: Float64Array, x: number, from = 0, to = a.length): Float64Array {
  if (to - from > SHORT) return a.fill(x, from, to);
  for (let i = from; i < to; i++) a[i] = x;
  return a;
}

/** Lengths up to this are filled by a loop (measured: the two break even at 30 to 40 numbers). */
const SHORT = 32;
