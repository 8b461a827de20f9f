/**
 * The per-run outcome table of a batch: one row per run in run-index order, with the run's index
 * and seed, its drawn inputs, and every scalar outcome. Months are YYYY-MM, empty (CSV) or null
 * (Arrow) where there is none. outcomes.csv opens anywhere; outcomes.arrow (Arrow IPC file, typed
 * columns) loads in one call into pandas, polars, DuckDB or R when a batch has 100,000 rows.
 */
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { indexToMonth, monthToIndex } from '../model/calendar.js';
import type { Outcomes } from '../model/metrics.js';
import { csvText } from '../output/csv.js';
import { formatNumber, roundForFile } from '../output/formatNumber.js';
import type { OutputFile } from '../output/runFiles.js';
import type { RunRecord } from './chunk.js';

export type Column = [name: string, kind: 'number' | 'month', get: (o: Outcomes) => number | null];

/** Every per-run scalar outcome, as the outcome table names it. */
export const OUTCOME_COLUMNS: Column[] = [
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

const monthText = (start: string, v: number | null): string | null =>
  v === null || v < 0 ? null : indexToMonth(monthToIndex(start) + v);

export function outcomesCsv(runs: readonly RunRecord[], paths: readonly string[], seed: number, start: string): string {
  const cell = (kind: Column[1], v: number | null): string => {
    if (v === null) return '';
    if (kind === 'month') return monthText(start, v) ?? '';
    return formatNumber(v);
  };
  const header = ['run', 'seed', ...paths, ...OUTCOME_COLUMNS.map((c) => c[0])];
  const rows = runs.map((r) => [
    String(r.index),
    String(seed),
    ...r.inputs.map(formatNumber),
    ...OUTCOME_COLUMNS.map(([, kind, get]) => cell(kind, get(r.outcomes))),
  ]);
  return csvText([header, ...rows]);
}

export function outcomesArrow(runs: readonly RunRecord[], paths: readonly string[], seed: number, start: string): Uint8Array {
  // Numbers are rounded as in every other output file, so the bytes do not depend on the machine.
  const num = (v: number | null) => (v === null ? null : roundForFile(v));
  const columns: Record<string, unknown> = {
    run: Int32Array.from(runs, (r) => r.index),
    seed: Float64Array.from(runs, () => seed),
  };
  paths.forEach((p, k) => (columns[p] = Float64Array.from(runs, (r) => roundForFile(r.inputs[k]))));
  for (const [name, kind, get] of OUTCOME_COLUMNS) {
    columns[name] = kind === 'month' ? runs.map((r) => monthText(start, get(r.outcomes))) : runs.map((r) => num(get(r.outcomes)));
  }
  return tableToIPC(tableFromArrays(columns as Parameters<typeof tableFromArrays>[0]), 'file');
}

/** The outcome table in both forms a batch (or a merge) writes. */
export function outcomeTableFiles(runs: readonly RunRecord[], paths: readonly string[], seed: number, start: string): OutputFile[] {
  return [
    { name: 'outcomes.csv', content: outcomesCsv(runs, paths, seed, start) },
    { name: 'outcomes.arrow', content: outcomesArrow(runs, paths, seed, start) },
  ];
}
