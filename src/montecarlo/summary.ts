/**
 * The batch summary: per-month bands of every metric, probabilities by month, and the
 * distribution of every per-run outcome. It is a function of the set of runs only, never of how
 * they were split into chunks, workers or shards: bands and probabilities come from exactly
 * mergeable accumulators (src/stats), and outcome distributions are computed from the outcome
 * table. Wall-clock facts live in run-info.json, never here.
 */
import { createHash } from 'node:crypto';
import { jsonText } from '../format/json.js';
import { roundForFile } from '../format/formatNumber.js';
import type { Scenario } from '../scenario/schema.js';
import { describe as describeDistribution } from './sampling/distributions.js';
import { bandsSummary, type MetricBands } from '../stats/metricBands.js';
import { probabilitySummary, type ProbabilityCounts } from '../stats/probability.js';
import { createExactSum, addToSum, sumValue } from '../stats/exactSum.js';
import { quantileSorted } from '../stats/quantile.js';
import type { RunFailure } from './chunk.js';
import type { OutcomeTable } from './outcomesTable.js';
import { OUTCOME_QUANTILES, SUMMARY_FORMAT, type BatchSummary } from './summarySchema.js';
import { monthAt } from '../model/calendar.js';
import { OUTCOME_COLUMNS, outcomeUnit, type OutcomeColumn } from '../model/outcomeColumns.js';
import type { BatchPlan } from './plan.js';

/**
 * The distribution of an outcome over the runs that have it: count, missing count, mean and
 * quantiles (type 7) of a column of the outcome table (NaN: missing). Months are summarised as
 * month indices and written as the nearest month.
 */
function distributionOf(column: OutcomeColumn, values: Float64Array, start: string, currency: string) {
  const present = values.filter((v) => !Number.isNaN(v)).sort();
  const out: Record<string, number | string> = { unit: outcomeUnit(column, currency), count: present.length, missing: values.length - present.length };
  if (present.length === 0) return out;
  const value = column.kind === 'month' ? (index: number) => monthAt(start, Math.round(index)) : (v: number) => v;
  const sum = createExactSum();
  for (const v of present) addToSum(sum, v);
  out.mean = value(sumValue(sum) / present.length);
  for (const [name, q] of OUTCOME_QUANTILES) out[name] = value(quantileSorted(present, q));
  return out;
}

export function scenarioHash(s: Scenario): string {
  return createHash('sha256').update(JSON.stringify(s)).digest('hex');
}

/** Rounds every number for the file (12 significant digits), so the text is machine-independent. */
function rounded(x: unknown): unknown {
  if (typeof x === 'number') return Number.isFinite(x) ? roundForFile(x) : null;
  if (Array.isArray(x)) return x.map(rounded);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, rounded(v)]));
  return x;
}

export interface SummaryInputs {
  plan: BatchPlan;
  months: string[];
  bands: MetricBands;
  probabilities: ProbabilityCounts;
  /** The finished runs' outcomes. */
  table: OutcomeTable;
  failures: RunFailure[];
}

export function batchSummary(x: SummaryInputs): BatchSummary {
  const { plan, table } = x;
  const s = plan.scenario;
  const completed = table.run.length;
  const outcomes = Object.fromEntries(OUTCOME_COLUMNS.map((c, i) => [c.name, distributionOf(c, table.outcomes[i], s.start, s.currency)]));
  const hurdle = s.probe?.hurdleIrr;
  const irrs = table.outcomes[OUTCOME_COLUMNS.findIndex((c) => c.name === 'probeIrr')];
  const probeAboveHurdle = hurdle === undefined || completed === 0 ? null : irrs.filter((v) => v > hurdle).length / completed;
  const probs = probabilitySummary(x.probabilities);
  return rounded({
    format: SUMMARY_FORMAT,
    scenario: s.name,
    description: s.description,
    currency: s.currency,
    // What an observed market history needs to be held against the batch (src/observed).
    region: s.region,
    hoursPerMonth: s.hoursPerMonth,
    generations: s.generations.map((g) => g.name),
    scenarioHash: scenarioHash(s),
    seed: plan.seed,
    runs: plan.runs,
    completedRuns: completed,
    failedRuns: x.failures.length,
    design: plan.design,
    inputs: plan.paths.map((path) => ({
      path,
      distribution: plan.design === 'table' ? 'table' : describeDistribution(s.uncertain[path]),
    })),
    months: x.months,
    quantileMethod: 'per-month bands: DDSketch, relative accuracy 0.005; outcomes: exact, type 7',
    metrics: bandsSummary(x.bands),
    probabilities: Object.fromEntries(Object.entries(probs.events).map(([k, v]) => [k, v.share])),
    outcomes,
    probeIrrAboveHurdle: probeAboveHurdle,
    probeHurdleIrr: hurdle ?? null,
    failures: [...x.failures].sort((a, b) => a.index - b.index),
  }) as BatchSummary;
}

export const summaryText = (summary: object): string => jsonText(summary);
