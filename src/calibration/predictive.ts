/**
 * Forecasts from a calibration's posterior: the runs (posteriorPlan), and what a report draws of
 * them, the monthly P5, P25, P50, P75 and P95 of every observed metric (`SeriesBands`), beside
 * each observed point's values over the runs, which a backtest scores.
 *
 * A forecast's runs draw the calibrated inputs by weight from posterior.csv as written (systematic
 * resampling, as `batch --design table=posterior.csv,resample` does), and every other uncertain
 * input from its prior (a Latin hypercube of those alone). Runs are on the worker pool in
 * index order, and failed runs are left out, so a forecast is the same for a seed whatever the
 * worker count.
 */
import { cellPlan } from '../analysis/variables.js';
import { runRecords } from '../montecarlo/batch.js';
import type { MetricCell } from '../montecarlo/chunk.js';
import { planBatch, type BatchPlan } from '../montecarlo/plan.js';
import { designRng } from '../montecarlo/sampling/designs.js';
import { systematicResample } from '../montecarlo/sampling/resample.js';
import type { ParameterTable } from '../montecarlo/sampling/table.js';
import { roundForFile } from '../format/formatNumber.js';
import type { Scenario } from '../scenario/schema.js';
import { quantileSorted } from '../stats/quantile.js';
import type { CellTarget } from './modelSimulator.js';

/** Runs of the posterior predictive batch a calibration makes: this many, or one per particle if there are more. */
export const PREDICTIVE_RUNS = 200;
/** How far past the last observed month a predictive fan reaches. */
export const FAN_MONTHS_AFTER = 12;

/** The bands of a series, and their probabilities. */
export const SERIES_QUANTILES = [
  ['p5', 0.05],
  ['p25', 0.25],
  ['p50', 0.5],
  ['p75', 0.75],
  ['p95', 0.95],
] as const;

/** One metric's monthly bands over a forecast's runs; null in a month where no run has a value. */
export interface SeriesBands {
  metric: string;
  /** YYYY-MM, from the scenario's start. */
  months: string[];
  p5: (number | null)[];
  p25: (number | null)[];
  p50: (number | null)[];
  p75: (number | null)[];
  p95: (number | null)[];
}

/**
 * `runs` runs: the calibrated inputs resampled by weight from the posterior table (posterior.csv),
 * every other uncertain input of `scenario` drawn from its prior (a Latin hypercube of those
 * alone), all seeded by `seed`.
 */
export function posteriorPlan(scenario: Scenario, table: ParameterTable, runs: number, seed: number): BatchPlan {
  if (!table.weights) throw new RangeError('posteriorPlan: the table has no weight column');
  const picks = systematicResample(table.weights, runs, designRng(seed));
  const calibrated = new Set(table.paths);
  const rest: Scenario = { ...scenario, uncertain: Object.fromEntries(Object.entries(scenario.uncertain).filter(([p]) => !calibrated.has(p))) };
  rest.correlations = scenario.correlations.filter((c) => !calibrated.has(c.a) && !calibrated.has(c.b));
  const others = planBatch(rest, { runs, seed, design: 'lhs' });
  return { scenario, seed, runs, design: 'table', paths: [...table.paths, ...others.paths], rows: picks.map((i, k) => [...table.rows[i], ...others.rows[k]]) };
}

/** The metrics of `targets`, each once, in the order they first appear. */
export const targetMetrics = (targets: readonly { metric: string }[]): string[] => [...new Set(targets.map((t) => t.metric))];

/**
 * The months a fan spans, as a count from the scenario's start: up to `FAN_MONTHS_AFTER` months
 * after the last observed month, and no further than the horizon.
 */
export function fanMonthCount(targets: readonly CellTarget[], horizon: number): number {
  const last = Math.max(0, ...targets.map((t) => t.monthIndex));
  return Math.min(horizon, last + FAN_MONTHS_AFTER + 1);
}

export interface ForecastRequest {
  /** Observed points whose values over the runs are wanted. */
  targets: readonly CellTarget[];
  /** Metrics whose monthly bands are wanted, for the first `fanMonths` of the scenario's `months`. */
  metrics: readonly string[];
  fanMonths: number;
  months: readonly string[];
  workers: number;
}

export interface Forecast {
  /** values[i]: target i's value in every run that finished, in run order. */
  values: number[][];
  series: SeriesBands[];
  failedRuns: number;
}

/** Runs `plan` once, reporting the targets' cells and every month of the series. */
export async function runForecast(plan: BatchPlan, r: ForecastRequest): Promise<Forecast> {
  const seriesCells: MetricCell[] = r.metrics.flatMap((metric) => Array.from({ length: r.fanMonths }, (_, month) => ({ metric, month })));
  const { cells, positions } = cellPlan([...r.targets.map((t) => ({ metric: t.metric, month: t.monthIndex })), ...seriesCells]);
  const result = await runRecords(plan, { workers: r.workers, extract: cells });
  const column = (pos: number) => result.runs.map((run) => run.extracted![pos]);
  const values = positions.slice(0, r.targets.length).map(column);
  const seriesAt = positions.slice(r.targets.length);
  const months = r.months.slice(0, r.fanMonths);
  const series = r.metrics.map((metric, m) => {
    const sorted = months.map((_, t) => Float64Array.from(column(seriesAt[m * r.fanMonths + t]).filter(Number.isFinite)).sort());
    const band = (q: number) => sorted.map((x) => (x.length === 0 ? null : roundForFile(quantileSorted(x, q))));
    return { metric, months: [...months], ...Object.fromEntries(SERIES_QUANTILES.map(([k, q]) => [k, band(q)])) } as SeriesBands;
  });
  return { values, series, failedRuns: result.failures.length };
}
