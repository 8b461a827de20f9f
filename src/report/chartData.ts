/**
 * The data table of every chart, built from a batch (and the observed points, where given). Each
 * table is the chart's inline data and, as it is, the chart's CSV file. Money stays in the
 * scenario's currency; hours are in millions where the chart says so.
 */
import { indexToMonth, monthToIndex } from '../model/calendar.js';
import type { BatchData, BatchSummary } from './batchData.js';
import { histogramBins } from './bins.js';
import type { ChartTable, Row } from './chartTable.js';
import type { MetricScore } from '../observed/scores.js';

/** Columns of every fan table. */
export const FAN_COLUMNS = ['kind', 'series', 'month', 'p5', 'p25', 'p50', 'p75', 'p95', 'value', 'low', 'high', 'source'] as const;
/** How many of the batch's sample paths a rent chart draws. */
export const SAMPLES_DRAWN = 5;

const scaled = (v: number | null | undefined, scale: number): number | null => (v === null || v === undefined ? null : v * scale);

/** One `band` row per month: P5, P25, median, P75, P95 of `metric`. */
export function bandRows(s: BatchSummary, metric: string, series: string, scale = 1): Row[] {
  const b = s.metrics[metric];
  if (!b) return [];
  return s.months.map((month, t) => ({
    kind: 'band',
    series,
    month,
    p5: scaled(b.p5[t], scale),
    p25: scaled(b.p25[t], scale),
    p50: scaled(b.p50[t], scale),
    p75: scaled(b.p75[t], scale),
    p95: scaled(b.p95[t], scale),
  }));
}

/** The median of `metric` by month, as rows of `kind` (a reference line, an archetype's median). */
export function seriesRows(s: BatchSummary, metric: string, kind: string, series: string, stat: 'p50' | 'mean' = 'p50', scale = 1): Row[] {
  const b = s.metrics[metric];
  if (!b) return [];
  return s.months.map((month, t) => ({ kind, series, month, value: scaled(b[stat][t], scale) }));
}

/** The first `count` sample paths of `metric`, one `sample` row per run and month. */
export function sampleRows(batch: BatchData, metric: string, count = SAMPLES_DRAWN, scale = 1): Row[] {
  const rows: Row[] = [];
  for (const path of batch.samples.slice(0, count)) {
    const values = path.metrics[metric];
    if (!values) continue;
    batch.summary.months.forEach((month, t) => rows.push({ kind: 'sample', series: `run ${path.run}`, month, value: scaled(values[t], scale) }));
  }
  return rows;
}

/** What was observed in a month, as fanSpec draws it: a point, an interval or a one-sided bound. */
export interface ObservedMark {
  month: string;
  value: number | null;
  low: number | null;
  high: number | null;
  source: string;
}

/**
 * Observed data as fan rows, each drawn as what it is: kind `observed` a point (value), `range`
 * an interval (low, high), `at least` a lower bound (low) and `at most` an upper bound (high).
 */
export function observedMarkRows(marks: readonly ObservedMark[], scale = 1): Row[] {
  const s = (v: number | null) => scaled(v, scale);
  return marks.map((p) => {
    const kind = p.value !== null ? 'observed' : p.low !== null && p.high !== null ? 'range' : p.low !== null ? 'at least' : 'at most';
    return { kind, series: 'observed', month: p.month, value: s(p.value), low: s(p.low), high: s(p.high), source: p.source };
  });
}

/** Observed points of one metric, each with its source note. */
export function observedRows(score: MetricScore | undefined, scale = 1): Row[] {
  return observedMarkRows(score?.points ?? [], scale);
}

const fanTable = (rows: Row[]): ChartTable => ({ columns: FAN_COLUMNS, rows });

/** A rent index (spot or contract): fan, cost floors, starting rent, sample paths, observed points. */
export function rentTable(batch: BatchData, metric: string, observed?: MetricScore): ChartTable {
  const s = batch.summary;
  const start = s.outcomes.startRentCcyPerRefGpuHour.p50;
  return fanTable([
    ...bandRows(s, metric, metric),
    ...sampleRows(batch, metric),
    ...seriesRows(s, 'cashCostCcyPerRefGpuHour', 'reference', 'cash cost (median)'),
    ...seriesRows(s, 'fullCostCcyPerRefGpuHour', 'reference', 'full cost (median)'),
    ...(typeof start === 'number' ? [{ kind: 'level', series: 'starting rent (median)', value: start }] : []),
    ...observedRows(observed),
  ]);
}

/** Capacity, demand and served hours, in million ref-GPU-hours per month. */
export function capacityTable(batch: BatchData): ChartTable {
  const s = batch.summary;
  return fanTable([...bandRows(s, 'capacityRefGpuHours', 'capacity', 1e-6), ...bandRows(s, 'demandRefGpuHours', 'demand', 1e-6), ...bandRows(s, 'servedRefGpuHours', 'served', 1e-6)]);
}

export const UTILISATION = 'utilisation';
export const LEAD_TIME = 'lead time';

export function utilisationLeadTimeTable(batch: BatchData): ChartTable {
  const s = batch.summary;
  return fanTable([...bandRows(s, 'utilisation', UTILISATION), ...bandRows(s, 'leadTimeMonths', LEAD_TIME)]);
}

export function marginsTable(batch: BatchData): ChartTable {
  const s = batch.summary;
  return fanTable([...bandRows(s, 'grossMargin', 'gross margin'), ...bandRows(s, 'netMargin', 'net margin')]);
}

const ARCHETYPE_SUFFIX = { incumbent: 'Incumbent', specialist: 'Specialist', entrant: 'Entrant' } as const;

export function marginsByArchetypeTable(batch: BatchData): ChartTable {
  const s = batch.summary;
  const rows: Row[] = [];
  for (const [archetype, suffix] of Object.entries(ARCHETYPE_SUFFIX)) {
    for (const [series, metric] of [
      ['gross margin', `grossMargin${suffix}`],
      ['net margin', `netMargin${suffix}`],
    ]) {
      for (const r of bandRows(s, metric, series)) rows.push({ ...r, archetype });
    }
  }
  return { columns: ['archetype', ...FAN_COLUMNS], rows };
}

export function lessorsTable(batch: BatchData): ChartTable {
  const s = batch.summary;
  return fanTable([
    ...bandRows(s, 'activeLessors', 'all lessors'),
    ...Object.entries(ARCHETYPE_SUFFIX).flatMap(([archetype, suffix]) => seriesRows(s, `activeLessors${suffix}`, 'median', archetype)),
    ...seriesRows(s, 'entries', 'mean', 'entries', 'mean'),
    ...seriesRows(s, 'exits', 'mean', 'exits', 'mean'),
  ]);
}

const REGIMES = [
  ['blue', 'blue ocean'],
  ['transition', 'transition'],
  ['red', 'red ocean'],
] as const;

export function regimeTable(batch: BatchData): ChartTable {
  const s = batch.summary;
  const rows: Row[] = [];
  s.months.forEach((month, t) => {
    REGIMES.forEach(([key, regime], order) => rows.push({ month, regime, order, share: s.probabilities[key][t] ?? null }));
  });
  return { columns: ['month', 'regime', 'order', 'share'], rows };
}

const nextMonth = (month: string): string => indexToMonth(monthToIndex(month) + 1);

/** Onsets per month as a share of all runs, and the running total P(red ocean by the month). */
export function redOnsetTable(batch: BatchData): ChartTable {
  const total = batch.outcomes.length;
  const counts = new Map<string, number>();
  for (const r of batch.outcomes) if (r.redOnsetMonth !== null) counts.set(r.redOnsetMonth, (counts.get(r.redOnsetMonth) ?? 0) + 1);
  const rows: Row[] = [];
  for (const month of batch.summary.months) {
    const runs = counts.get(month) ?? 0;
    if (runs > 0) rows.push({ kind: 'onset', month, monthEnd: nextMonth(month), runs, share: runs / total });
  }
  // From the month before the start (0 by then), so the line, drawn at month ends, spans the horizon.
  const before = indexToMonth(monthToIndex(batch.summary.months[0]) - 1);
  rows.push({ kind: 'cumulative', month: before, monthEnd: batch.summary.months[0], runs: 0, share: total === 0 ? null : 0 });
  let cumulative = 0;
  for (const month of batch.summary.months) {
    cumulative += counts.get(month) ?? 0;
    rows.push({ kind: 'cumulative', month, monthEnd: nextMonth(month), runs: cumulative, share: total === 0 ? null : cumulative / total });
  }
  return { columns: ['kind', 'month', 'monthEnd', 'runs', 'share'], rows };
}

export interface HistogramTable extends ChartTable {
  /** Runs beyond the drawn range, counted in the end bins. */
  clipped: number;
  /** Runs with no value (no IRR). */
  missing: number;
}

/** Bins of a per-run outcome with a threshold; `share` is of all completed runs. */
export function histogramTable(values: readonly (number | null)[], threshold: number, thresholdLabel: string, scale = 1): HistogramTable {
  const present = values.filter((v): v is number => v !== null).map((v) => v * scale);
  const { bins, clippedLow, clippedHigh } = histogramBins(present, threshold * scale);
  const total = values.length;
  const rows: Row[] = bins.map((b) => ({ kind: 'bin', binStart: b.start, binEnd: b.end, runs: b.runs, share: b.runs / total, above: b.start >= threshold * scale ? 1 : 0 }));
  rows.push({ kind: 'threshold', series: thresholdLabel, value: threshold * scale });
  return { columns: ['kind', 'binStart', 'binEnd', 'runs', 'share', 'above', 'series', 'value'], rows, clipped: clippedLow + clippedHigh, missing: total - present.length };
}

/** Fan and observed points of a metric named in the observed file. */
export function observedFanTable(batch: BatchData, score: MetricScore): ChartTable {
  return fanTable([...bandRows(batch.summary, score.metric, score.metric), ...observedRows(score)]);
}
