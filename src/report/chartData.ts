/**
 * The data table of every chart, built from a batch (and the observed points, where given). Each
 * table is the chart's inline data and, as it is, the chart's CSV file. Money stays in the
 * scenario's currency; hours are in millions where the chart says so.
 */
import { indexToMonth, monthToIndex } from '../model/calendar.js';
import { NEVER_PAYS_BACK_MONTHS } from '../model/observe.js';
import type { Scenario } from '../scenario/schema.js';
import type { BatchData, BatchSummary, MetricBand } from './batchData.js';
import { histogramBins } from './bins.js';
import type { ChartTable, Row } from './chartTable.js';
import type { MetricScore } from '../observed/scores.js';
import { rentIndexIn, type RentUnit } from '../analysis/rentUnit.js';

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

const SPOT_RENT = 'spotRentCcyPerRefGpuHour' as const;

/**
 * The starting rent of a rent index, as its chart's reference level: for the spot index the
 * median over runs of each run's first spot rent (an outcome, exact); for another index (the
 * contract rent) the median of its first month with a value. Contracts start below spot, so the
 * spot level would misplace the contract index's start.
 */
export function startingRent(s: BatchSummary, metric: string): { label: string; value: number } | undefined {
  if (metric === SPOT_RENT) {
    const start = s.outcomes.startRentCcyPerRefGpuHour.p50;
    return typeof start === 'number' ? { label: 'starting rent (median)', value: start } : undefined;
  }
  const first = (s.metrics[metric]?.p50 ?? []).find((v): v is number => v !== null);
  return first === undefined ? undefined : { label: 'starting contract rent (median)', value: first };
}

/** A rent index (spot or contract): fan, cost floors, starting rent, sample paths, observed points, events. */
export function rentTable(batch: BatchData, metric: string, observed?: MetricScore): ChartTable {
  const s = batch.summary;
  const start = startingRent(s, metric);
  return fanTable([
    ...bandRows(s, metric, metric),
    ...sampleRows(batch, metric),
    ...seriesRows(s, 'cashCostCcyPerRefGpuHour', 'reference', 'cash cost (median)'),
    ...seriesRows(s, 'fullCostCcyPerRefGpuHour', 'reference', 'full cost (median)'),
    ...(start === undefined ? [] : [{ kind: 'level', series: start.label, value: start.value }]),
    ...observedRows(observed),
    ...eventRows(batchEvents(batch)),
  ]);
}

/** The rent indices a report draws: the market-wide ones per ref-GPU-hour, or a generation's own. */
export const rentMetric = (which: 'spot' | 'contract', unit: RentUnit | undefined): string => rentIndexIn(which === 'spot' ? SPOT_RENT : 'contractRentCcyPerRefGpuHour', unit);

/** The legend's names of the cost floors converted to a generation's hours: the conversion is said where the line is named. */
export const CONVERTED_COSTS = { cash: 'cash cost (median, converted)', full: 'full cost (median, converted)' } as const;

/**
 * A generation's own index has the value 0 in every run before the generation launches: no trade,
 * no rent. Those months are left blank rather than drawn as a rent of 0.
 */
const noRentBeforeLaunch = (r: Row): Row => (r.p95 === 0 ? { ...r, p5: null, p25: null, p50: null, p75: null, p95: null } : r.kind === 'sample' && r.value === 0 ? { ...r, value: null } : r);

/** The first month in which some run has a value of a generation's own index, or -1. */
export const firstRentMonth = (s: BatchSummary, metric: string): number => (s.metrics[metric]?.p95 ?? []).findIndex((v) => v !== null && v > 0);

/**
 * A rent index in a generation's unit: its own index (fan, single runs, the median of its first
 * month as its starting rent), the cost floors, which the model keeps per ref-GPU-hour only,
 * converted at its perfRatio (none where the batch folder does not say it), observed points of the
 * own index, and the events.
 */
export function unitRentTable(batch: BatchData, which: 'spot' | 'contract', unit: RentUnit, observed?: MetricScore): ChartTable {
  const s = batch.summary;
  const metric = rentMetric(which, unit);
  const first = firstRentMonth(s, metric);
  const start = first < 0 ? null : (s.metrics[metric].p50[first] ?? null);
  const costs =
    unit.perfRatio === null
      ? []
      : [
          ...seriesRows(s, 'cashCostCcyPerRefGpuHour', 'reference', CONVERTED_COSTS.cash, 'p50', unit.perfRatio),
          ...seriesRows(s, 'fullCostCcyPerRefGpuHour', 'reference', CONVERTED_COSTS.full, 'p50', unit.perfRatio),
        ];
  return fanTable([
    ...bandRows(s, metric, metric).map(noRentBeforeLaunch),
    ...sampleRows(batch, metric).map(noRentBeforeLaunch),
    ...costs,
    ...(start === null ? [] : [{ kind: 'level', series: `starting ${unit.generation} ${which} rent (median)`, value: start }]),
    ...observedRows(observed),
    ...eventRows(batchEvents(batch)),
  ]);
}

/** Capacity, demand and served hours, in million ref-GPU-hours per month. */
export function capacityTable(batch: BatchData): ChartTable {
  const s = batch.summary;
  return fanTable([
    ...bandRows(s, 'capacityRefGpuHours', 'capacity', 1e-6),
    ...bandRows(s, 'demandRefGpuHours', 'demand', 1e-6),
    ...bandRows(s, 'servedRefGpuHours', 'served', 1e-6),
    ...eventRows(batchEvents(batch)),
  ]);
}

export const UTILISATION = 'utilisation';
export const LEAD_TIME = 'lead time';

export function utilisationLeadTimeTable(batch: BatchData): ChartTable {
  const s = batch.summary;
  return fanTable([...bandRows(s, 'utilisation', UTILISATION), ...bandRows(s, 'leadTimeMonths', LEAD_TIME), ...eventRows(batchEvents(batch))]);
}

export function marginsTable(batch: BatchData): ChartTable {
  const s = batch.summary;
  return fanTable([...bandRows(s, 'grossMargin', 'gross margin'), ...bandRows(s, 'netMargin', 'net margin'), ...eventRows(batchEvents(batch))]);
}

const ARCHETYPE_SUFFIX = { incumbent: 'Incumbent', specialist: 'Specialist', entrant: 'Entrant' } as const;

/**
 * The share of runs that must hold a lessor of a kind, with a margin, for the kind's margins to be
 * drawn in a month. The count test reads it off the P5 of the kind's active lessors, so it is 95 %.
 */
export const ARCHETYPE_PRESENT_SHARE = 0.95;

/**
 * Whether the margins of a kind of lessor mean something in month `t`: at least 95 % of runs have
 * an active lessor of the kind, and (once the model leaves an undefined margin out) a margin. In a
 * run without one the model writes a margin of 0, and the band would mix those zeros in. The count
 * test reads the band's P5: DDSketch keeps zeros exact and reports a count of 1 as at least 0.995,
 * so a P5 of 0.5 or more says that at most 5 % of runs have none.
 */
function archetypePresent(lessors: MetricBand | undefined, margin: MetricBand, t: number, runs: number): boolean {
  const p5 = lessors?.p5[t];
  const count = margin.count[t];
  return (lessors === undefined || (p5 !== null && p5 !== undefined && p5 >= 0.5)) && count !== null && count !== undefined && count >= ARCHETYPE_PRESENT_SHARE * runs;
}

export interface ArchetypeMarginTable extends ChartTable {
  /** Per kind of lessor, the months left blank: too few runs have one (see ARCHETYPE_PRESENT_SHARE). */
  blank: Record<string, string[]>;
}

/**
 * Gross and net margin bands of each kind of lessor, and the events. A month in which the kind's
 * margin is not defined in enough runs has its row, with no values: the chart leaves a gap there.
 */
export function marginsByArchetypeTable(batch: BatchData): ArchetypeMarginTable {
  const s = batch.summary;
  const rows: Row[] = [];
  const blank: Record<string, string[]> = {};
  for (const [archetype, suffix] of Object.entries(ARCHETYPE_SUFFIX)) {
    const lessors = s.metrics[`activeLessors${suffix}`];
    const gaps = new Set<string>();
    for (const [series, metric] of [
      ['gross margin', `grossMargin${suffix}`],
      ['net margin', `netMargin${suffix}`],
    ]) {
      const band = s.metrics[metric];
      for (const [t, r] of bandRows(s, metric, series).entries()) {
        if (archetypePresent(lessors, band, t, s.completedRuns)) {
          rows.push({ ...r, archetype });
        } else {
          gaps.add(String(r.month));
          rows.push({ ...r, archetype, p5: null, p25: null, p50: null, p75: null, p95: null });
        }
      }
    }
    blank[archetype] = [...gaps];
  }
  rows.push(...eventRows(batchEvents(batch)));
  return { columns: ['archetype', ...FAN_COLUMNS], rows, blank };
}

export function lessorsTable(batch: BatchData): ChartTable {
  const s = batch.summary;
  return fanTable([
    ...bandRows(s, 'activeLessors', 'all lessors'),
    ...Object.entries(ARCHETYPE_SUFFIX).flatMap(([archetype, suffix]) => seriesRows(s, `activeLessors${suffix}`, 'median', archetype)),
    ...seriesRows(s, 'entries', 'mean', 'entries', 'mean'),
    ...seriesRows(s, 'exits', 'mean', 'exits', 'mean'),
    ...eventRows(batchEvents(batch)),
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

/** Onsets per month as a share of all runs, and the running total P(onset by the month). */
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
  // Runs that never turn red have no month: a row of their own, drawn as a bar beside the months.
  if (total > 0) rows.push({ kind: 'never', month: null, monthEnd: null, runs: total - cumulative, share: (total - cumulative) / total });
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

/** Fan and observed points of a metric named in the observed file; for the server payback, its "never" apart. */
export function observedFanTable(batch: BatchData, score: MetricScore): ChartTable {
  const s = batch.summary;
  const bands = bandRows(s, score.metric, score.metric);
  if (score.metric !== PAYBACK || !s.metrics[PAYBACK]) return fanTable([...bands, ...observedRows(score)]);
  return fanTable([...bands.map(withoutNever), ...neverPaybackRows(s), ...observedRows(score)]);
}

const PAYBACK = 'serverPaybackMonths';
/**
 * A payback at least this long is the model's "never" (it writes NEVER_PAYS_BACK_MONTHS, 100
 * years; the bands are within 0.5 % of the values): not a number of months to put on an axis.
 */
export const NEVER_FROM_MONTHS = NEVER_PAYS_BACK_MONTHS * 0.99;
const isNever = (v: unknown): boolean => typeof v === 'number' && v >= NEVER_FROM_MONTHS;

/** A payback band row with its "never" percentiles taken out: the band breaks where they are. */
function withoutNever(r: Row): Row {
  const out = { ...r };
  for (const k of ['p5', 'p25', 'p50', 'p75', 'p95']) if (isNever(out[k])) out[k] = null;
  return out;
}

/** Each percentile the summary gives, with its level; min and max are the first and the last run. */
const LEVELS = [
  ['min', 0],
  ['p5', 0.05],
  ['p10', 0.1],
  ['p25', 0.25],
  ['p50', 0.5],
  ['p75', 0.75],
  ['p90', 0.9],
  ['p95', 0.95],
  ['max', 1],
] as const;

/**
 * The share of runs whose server never pays back, per month, as bounds read off the percentiles:
 * a percentile at rank r = ⌊q·(n − 1)⌋ that is "never" puts the n − r runs from it up among the
 * nevers, one that is not leaves at most n − r − 1 there. Rows of kind `never` (low, high), one
 * per month (0 where no run never pays back), or none when no run in any month never does.
 */
export function neverPaybackRows(s: BatchSummary): Row[] {
  const band = s.metrics[PAYBACK];
  const rows = s.months.map((month, t): Row => {
    const n = band.count[t];
    const first = LEVELS.findIndex(([k]) => isNever(band[k][t]));
    if (n === null || n <= 0 || first < 0) return { kind: 'never', series: 'never pays back', month, low: 0, high: 0 };
    const rank = (q: number) => Math.floor(q * (n - 1));
    const low = (n - rank(LEVELS[first][1])) / n;
    const high = first === 0 ? 1 : (n - rank(LEVELS[first - 1][1]) - 1) / n;
    return { kind: 'never', series: 'never pays back', month, low, high: Math.max(low, high) };
  });
  return rows.some((r) => Number(r.high) > 0) ? rows : [];
}

/** An exogenous event of the scenario, as the time charts mark it. */
export interface MarketEvent {
  month: string;
  /** What happens, in words: "H800 launch", "export ban on A800, H800 announced". */
  label: string;
}

/** Kinds of event, in the order they are listed within a month. */
const EVENT_KINDS = {
  launch: (names: string) => `${names} launch`,
  announced: (names: string) => `export ban on ${names} announced`,
  ban: (names: string) => `export ban on ${names} begins`,
  demand: (names: string) => `demand regime set to ${names}`,
  policyStart: (names: string) => `policy build-out (${names}) begins`,
  policyEnd: (names: string) => `policy build-out (${names}) ends`,
} as const;

/**
 * The scenario's exogenous events inside the months, after the first (what holds from the start
 * is the starting state, not an event), in month order: generation launches, export controls on
 * the scenario's region (announced, and in force), scheduled demand regimes, and the policy
 * build-out's start and end. Events of one kind in one month share a label ("export ban on A800,
 * H800 begins"). Labels hold names from the scenario: charts take them as data, pages escape them.
 */
export function scenarioEvents(scenario: Scenario | undefined, months: readonly string[]): MarketEvent[] {
  if (scenario === undefined || months.length === 0) return [];
  const first = monthToIndex(months[0]);
  const last = monthToIndex(months[months.length - 1]);
  const found = new Map<string, { at: number; kind: keyof typeof EVENT_KINDS; names: string[] }>();
  const add = (month: string, kind: keyof typeof EVENT_KINDS, name: string) => {
    const at = monthToIndex(month);
    if (at <= first || at > last) return;
    const key = `${at} ${kind}`;
    const event = found.get(key) ?? { at, kind, names: [] };
    if (!event.names.includes(name)) event.names.push(name);
    found.set(key, event);
  };
  for (const g of scenario.generations) add(g.launch, 'launch', g.name);
  for (const c of scenario.vendor.exportControls) {
    // The model applies only the controls on the scenario's own region.
    if (c.region !== scenario.region) continue;
    if (c.announced !== undefined && c.announced !== c.from) add(c.announced, 'announced', c.generation);
    add(c.from, 'ban', c.generation);
  }
  for (const d of scenario.demand.schedule) add(d.from, 'demand', d.regime);
  const pb = scenario.policyBuild;
  if (pb !== undefined) {
    add(pb.from, 'policyStart', pb.generation);
    add(indexToMonth(monthToIndex(pb.from) + pb.months), 'policyEnd', pb.generation);
  }
  const order = Object.keys(EVENT_KINDS);
  return [...found.values()].sort((a, b) => a.at - b.at || order.indexOf(a.kind) - order.indexOf(b.kind)).map((e) => ({ month: indexToMonth(e.at), label: EVENT_KINDS[e.kind](e.names.join(', ')) }));
}

/** The events of the batch's scenario, where the batch folder holds it. */
export const batchEvents = (batch: BatchData): MarketEvent[] => scenarioEvents(batch.scenario, batch.summary.months);

/**
 * The events as rows of a time chart's table: kind `event`, its label as `series`, and its number
 * (1, 2, … in month order, the same on every chart) as `value`, which the chart writes by the rule.
 */
export function eventRows(events: readonly MarketEvent[]): Row[] {
  return events.map((e, i) => ({ kind: 'event', series: e.label, month: e.month, value: i + 1 }));
}
