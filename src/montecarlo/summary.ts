/**
 * The batch summary: per-month bands of every metric, probabilities by month, and the
 * distribution of every per-run outcome. It is a function of the set of runs only, never of how
 * they were split into chunks, workers or shards: bands and probabilities come from exactly
 * mergeable accumulators (src/stats), and outcome distributions are computed from the outcome
 * table sorted by run index. Wall-clock facts live in run-info.json, never here.
 */
import { createHash } from 'node:crypto';
import type { Outcomes } from '../model/metrics.js';
import { jsonText } from '../output/json.js';
import { roundForFile } from '../output/formatNumber.js';
import type { Scenario } from '../scenario/schema.js';
import { describe as describeDistribution } from './sampling/distributions.js';
import { bandsSummary, type MetricBands } from '../stats/metricBands.js';
import { probabilitySummary, type ProbabilityCounts } from '../stats/probability.js';
import { createExactSum, addToSum, sumValue } from '../stats/exactSum.js';
import type { RunFailure, RunRecord } from './chunk.js';
import type { BatchPlan } from './plan.js';

/** Per-run scalars summarised across runs, in the order the summary lists them. */
export const OUTCOME_FIELDS = [
  ['startRent', (o: Outcomes) => o.startRentCcyPerRefGpuHour],
  ['peakRent', (o: Outcomes) => o.peakRentCcyPerRefGpuHour],
  ['peakMonth', (o: Outcomes) => o.peakMonth],
  ['troughAfterPeak', (o: Outcomes) => o.troughAfterPeakCcyPerRefGpuHour],
  ['maxFallFromPeak', (o: Outcomes) => o.maxFallFromPeak],
  ['redOnsetMonth', (o: Outcomes) => (o.redOnsetMonth < 0 ? null : o.redOnsetMonth)],
  ['lessorsAtEnd', (o: Outcomes) => o.lessorsAtEnd],
  ['totalEntries', (o: Outcomes) => o.totalEntries],
  ['totalExits', (o: Outcomes) => o.totalExits],
  ['probeIrr', (o: Outcomes) => o.probe?.irr ?? null],
  ['probeNpvCcy', (o: Outcomes) => o.probe?.npvCcy ?? null],
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

/** Quantile type 7 (linear interpolation between order statistics) of sorted values. */
function quantileSorted(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function distributionOf(values: readonly (number | null)[]) {
  const present = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
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
  runs: RunRecord[];
  failures: RunFailure[];
}

export function batchSummary(x: SummaryInputs): Record<string, unknown> {
  const { plan } = x;
  const s = plan.scenario;
  const runs = [...x.runs].sort((a, b) => a.index - b.index);
  const outcomes: Record<string, unknown> = {};
  for (const [name, get] of OUTCOME_FIELDS) outcomes[name] = distributionOf(runs.map((r) => get(r.outcomes)));
  const hurdle = s.probe?.hurdleIrr;
  const irrs = runs.map((r) => r.outcomes.probe?.irr ?? null);
  const probeAboveHurdle =
    hurdle === undefined || runs.length === 0 ? null : irrs.filter((v) => v !== null && v > hurdle).length / runs.length;
  const probs = probabilitySummary(x.probabilities);
  return rounded({
    scenario: s.name,
    description: s.description,
    currency: s.currency,
    scenarioHash: scenarioHash(s),
    seed: plan.seed,
    runs: plan.runs,
    completedRuns: runs.length,
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
