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
