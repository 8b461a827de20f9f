/**
 * The per-run outcome table of a batch (outcomes.csv): one row per run in run-index order, with
 * the run's index and seed, its drawn inputs, and every scalar outcome. Months are YYYY-MM, empty
 * where there is none.
 */
import { indexToMonth, monthToIndex } from '../model/calendar.js';
import type { Outcomes } from '../model/metrics.js';
import { csvText } from '../output/csv.js';
import { formatNumber } from '../output/formatNumber.js';
import type { RunRecord } from './chunk.js';

type Column = [name: string, kind: 'number' | 'month', get: (o: Outcomes) => number | null];

const COLUMNS: Column[] = [
  ['startRentCcyPerRefGpuHour', 'number', (o) => o.startRentCcyPerRefGpuHour],
  ['peakRentCcyPerRefGpuHour', 'number', (o) => o.peakRentCcyPerRefGpuHour],
  ['peakMonth', 'month', (o) => o.peakMonth],
  ['troughAfterPeakCcyPerRefGpuHour', 'number', (o) => o.troughAfterPeakCcyPerRefGpuHour],
  ['troughMonth', 'month', (o) => o.troughMonth],
  ['maxFallFromPeak', 'number', (o) => o.maxFallFromPeak],
  ['redOnsetMonth', 'month', (o) => o.redOnsetMonth],
  ['lessorsAtEnd', 'number', (o) => o.lessorsAtEnd],
  ['totalEntries', 'number', (o) => o.totalEntries],
  ['totalExits', 'number', (o) => o.totalExits],
  ['probeIrr', 'number', (o) => o.probe?.irr ?? null],
  ['probeNpvCcy', 'number', (o) => o.probe?.npvCcy ?? null],
  ['probePaybackMonth', 'month', (o) => o.probe?.paybackMonth ?? null],
  ['probeWorstCashCcy', 'number', (o) => o.probe?.worstCashCcy ?? null],
];

export function outcomesCsv(runs: readonly RunRecord[], paths: readonly string[], seed: number, start: string): string {
  const cell = (kind: Column[1], v: number | null): string => {
    if (v === null) return '';
    if (kind === 'month') return v < 0 ? '' : indexToMonth(monthToIndex(start) + v);
    return formatNumber(v);
  };
  const header = ['run', 'seed', ...paths, ...COLUMNS.map((c) => c[0])];
  const rows = runs.map((r) => [
    String(r.index),
    String(seed),
    ...r.inputs.map(formatNumber),
    ...COLUMNS.map(([, kind, get]) => cell(kind, get(r.outcomes))),
  ]);
  return csvText([header, ...rows]);
}
