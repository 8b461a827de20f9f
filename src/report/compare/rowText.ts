/**
 * A row of the table of differences in words and numbers, for the page and the command line: the
 * values in their unit (months as YYYY-MM, shares as per cent), the differences signed (months as
 * a number of months, shares in percentage points). Written without the locale, as format.ts.
 */
import { indexToMonth } from '../../model/calendar.js';
import { num, pct } from '../format.js';
import type { DifferenceRow } from './comparison.js';

/** Whether a row's values are shares (drawn as per cent), its differences in percentage points. */
const isShare = (row: Pick<DifferenceRow, 'kind' | 'unit'>): boolean => row.kind === 'share' || row.unit === 'share' || row.unit === 'share per year';

/** A number, in millions from a million up (the probe's money runs to tens of millions), so that a table column stays narrow. */
const amount = (v: number, millions = Math.abs(v) >= 1e6): string => (millions ? `${num(v / 1e6)} M` : num(v));

/** A value of the row, as its unit reads. */
export function valueText(row: DifferenceRow, v: number | null): string {
  if (v === null) return '—';
  if (row.kind === 'month') return indexToMonth(Math.round(v));
  return isShare(row) ? pct(v, 1) : amount(v);
}

/** A difference of the row, signed: "+3.2", "−4.0 pp", "+2 months", "−1.5 M" (in millions where `millions`). */
export function differenceText(row: DifferenceRow, v: number | null, millions?: boolean): string {
  if (v === null) return '—';
  // Below a billionth, a difference is the rounding of the files' 12 digits, not the scenarios'.
  const a = Math.abs(v) < 1e-9 ? 0 : Math.abs(v);
  const sign = a === 0 ? '' : v > 0 ? '+' : '−';
  if (isShare(row)) return `${sign}${(a * 100).toFixed(1)} pp`;
  return `${sign}${amount(a, millions)}${row.kind === 'month' ? ` month${a === 1 ? '' : 's'}` : ''}`;
}

/** "(−4.1 to +2.0 pp)": an interval, the unit written once, at its end. */
export function intervalText(row: DifferenceRow, low: number | null, high: number | null): string {
  if (low === null || high === null) return '';
  // Both ends in millions or neither: "−44.8 to −0.646 M", not "−44.8 M to −646,335".
  const millions = Math.max(Math.abs(low), Math.abs(high)) >= 1e6;
  const lo = differenceText(row, low, millions);
  const hi = differenceText(row, high, millions);
  const unit = / (pp|months?|M)$/.exec(lo)?.[0] ?? '';
  return `(${unit !== '' && lo.endsWith(unit) ? lo.slice(0, -unit.length) : lo} to ${hi})`;
}

/** The words for an outcome, as the command line and the headlines name it. */
export const OUTCOME_WORDS: Readonly<Record<string, string>> = {
  peakRentCcyPerRefGpuHour: 'peak spot rent',
  probeIrr: 'probe IRR',
  redOnsetMonth: 'red-ocean onset',
};
