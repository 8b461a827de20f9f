/**
 * Shortens `a` to its first `n` entries. By pop(), not `a.length = n`: V8 implements the length
 * setter as a runtime call that may turn the array holey, and a holey array reaching code that
 * was optimised for a packed one throws that code away.
 */
export function truncate<T>(a: T[], n: number): void {
  while (a.length > n) a.pop();
}
