/** A month as written everywhere: YYYY-MM. */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Months as integers (year * 12 + month - 1) so that arithmetic on dates is exact. */
export function monthToIndex(month: string): number {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return y * 12 + m - 1;
}

export function indexToMonth(index: number): string {
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

/** Month labels from start to end inclusive. */
export function monthRange(start: string, end: string): string[] {
  const out: string[] = [];
  for (let i = monthToIndex(start); i <= monthToIndex(end); i++) out.push(indexToMonth(i));
  return out;
}

/** The month `offset` months after `start`: the inverse of `monthOffset`. */
export const monthAt = (start: string, offset: number): string => indexToMonth(monthToIndex(start) + offset);

/** Offset of `month` from `start`, in months (may be negative or past the horizon). */
export function monthOffset(start: string, month: string): number {
  return monthToIndex(month) - monthToIndex(start);
}
