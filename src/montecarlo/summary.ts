/**
 * The batch summary: per-month bands of every metric, probabilities by month, and the
 * distribution of every per-run outcome. It is a function of the set of runs only, never of how
 * they were split into chunks, workers or shards: bands and probabilities come from exactly
 * mergeable accumulators (src/stats), and outcome distributions are computed from the outcome
 * table. Wall-clock facts live in run-info.json, never here.
 */
import { createHash } from 'node:crypto';
import { jsonText } from '../output/json.js';
import { roundForFile } from '../output/formatNumber.js';
import type { Scenario } from '../scenario/schema.js';
import { describe as describeDistribution } from './sampling/distributions.js';
import { bandsSummary, type MetricBands } from '../stats/metricBands.js';
import { probabilitySummary, type ProbabilityCounts } from '../stats/probability.js';
import { createExactSum, addToSum, sumValue } from '../stats/exactSum.js';
import { quantileSorted } from '../stats/quantile.js';
import type { RunFailure } from './chunk.js';
import { OUTCOME_COLUMNS, type OutcomeTable } from './outcomesTable.js';
import type { BatchPlan } from './plan.js';

/** Per-run scalars summarised across runs, in the order the summary lists them: the summary's name and the outcome table's. */
export const OUTCOME_FIELDS = [
  ['startRent', 'startRentCcyPerRefGpuHour'],
  ['peakRent', 'peakRentCcyPerRefGpuHour'],
  ['peakMonth', 'peakMonth'],
  ['troughAfterPeak', 'troughAfterPeakCcyPerRefGpuHour'],
  ['maxFallFromPeak', 'maxFallFromPeak'],
  ['redOnsetMonth', 'redOnsetMonth'],
  ['lessorsAtEnd', 'lessorsAtEnd'],
  ['totalEntries', 'totalEntries'],
  ['totalExits', 'totalExits'],
  ['probeIrr', 'probeIrr'],
  ['probeNpvCcy', 'probeNpvCcy'],
] as const;

const QUANTILES = [
  ['p5', 0.05],
  ['p10', 0.1],
  ['p25', 0.25],
  ['p50', 0.5],
  ['p75', 0.75],
  ['p90', 0.9],
  ['p95', 0.95],
] as const;

/** Count, missing count, mean and quantiles of a column of the outcome table (NaN: missing). */
function distributionOf(values: Float64Array) {
  const present = values.filter((v) => !Number.isNaN(v)).sort();
  const out: Record<string, number | null> = { count: present.length, missing: values.length - present.length };
  if (present.length === 0) return out;
  const sum = createExactSum();
  for (const v of present) addToSum(sum, v);
  out.mean = sumValue(sum) / present.length;
  for (const [name, q] of QUANTILES) out[name] = quantileSorted(present, q);
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

const columnOf = (table: OutcomeTable, name: string): Float64Array => table.outcomes[OUTCOME_COLUMNS.findIndex(([n]) => n === name)];

export function batchSummary(x: SummaryInputs): Record<string, unknown> {
  const { plan, table } = x;
  const s = plan.scenario;
  const completed = table.run.length;
  const outcomes: Record<string, unknown> = {};
  for (const [name, column] of OUTCOME_FIELDS) outcomes[name] = distributionOf(columnOf(table, column));
  const hurdle = s.probe?.hurdleIrr;
  const irrs = columnOf(table, 'probeIrr');
  const probeAboveHurdle = hurdle === undefined || completed === 0 ? null : irrs.filter((v) => v > hurdle).length / completed;
  const probs = probabilitySummary(x.probabilities);
  return rounded({
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
  }) as Record<string, unknown>;
}

export const summaryText = (summary: object): string => jsonText(summary);
