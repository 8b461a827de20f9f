/** Reading a monthly series of the summary: where it is highest or lowest. */

/** Index and value of the largest (or smallest) value of `values` from index `from` on, nulls skipped; the first such month on a tie. */
export function extreme(values: readonly (number | null)[], from: number, larger: boolean): { t: number; v: number } | undefined {
  let best: { t: number; v: number } | undefined;
  for (let t = from; t < values.length; t++) {
    const v = values[t];
    if (v === null) continue;
    if (best === undefined || (larger ? v > best.v : v < best.v)) best = { t, v };
  }
  return best;
}
