import { monthAt } from '../../model/calendar.js';

/** A month index of a run (0 = the start month) as `YYYY-MM`, or null for -1 ("none"). */
export function monthLabel(start: string, index: number): string | null {
  if (index === -1) return null;
  if (!Number.isInteger(index) || index < 0) throw new Error(`month index ${index} is neither -1 nor a month of the run`);
  return monthAt(start, index);
}
