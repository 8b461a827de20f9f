/**
 * A small batch made up in memory, frozen: 24 months from 2023-01, every metric with bands shaped
 * like a boom and a bust, 40 runs of outcomes and three sample paths. Unit tests draw charts from
 * it without running the model.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generationMetricNames, METRICS } from '../../src/model/metrics.js';
import { loadScenario, type Scenario } from '../../src/scenario/index.js';
import type { ObservedTarget } from '../../src/observed/observation.js';
import type { BatchData, BatchSummary, MetricBand, OutcomeRow, SamplePath } from '../../src/report/batchData.js';
import { OUTCOME_COLUMNS } from '../../src/model/outcomeColumns.js';
import { SUMMARY_FORMAT } from '../../src/montecarlo/summarySchema.js';

export const MONTHS = Array.from({ length: 24 }, (_, t) => `${2023 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`);

/** A boom peaking in month 6, then a fall to 55 % of the peak. */
const shape = (t: number) => (t <= 6 ? 1 + t / 12 : 1.5 - (0.7 * (t - 6)) / 17);

function band(base: number, spread: number): MetricBand {
  const p50 = MONTHS.map((_, t) => base * shape(t));
  const at = (k: number) => p50.map((v) => v * (1 + k * spread));
  return {
    mean: at(0),
    p5: at(-1.6),
    p10: at(-1.3),
    p25: at(-0.7),
    p50,
    p75: at(0.7),
    p90: at(1.3),
    p95: at(1.6),
    min: at(-2.5),
    max: at(2.5),
    count: MONTHS.map(() => 40),
  };
}

const BASES: Readonly<Record<string, number>> = {
  spotRentCcyPerRefGpuHour: 22.8,
  contractRentCcyPerRefGpuHour: 18.3,
  spotRentCcyPerServerMonth: 133_400,
  cashCostCcyPerRefGpuHour: 7,
  fullCostCcyPerRefGpuHour: 14,
  utilisation: 0.6,
  grossMargin: 0.3,
  netMargin: 0.15,
  serverPaybackMonths: 20,
};

/** Each generation's own rent index against the market-wide one per ref-GPU-hour: an H100 fetches more than 3 A100s. */
const GENERATION_RENT: Readonly<Record<string, number>> = { A100: 0.9, H100: 3.3 };

export function fixtureSummary(): BatchSummary {
  const metrics: Record<string, MetricBand> = {};
  for (const m of METRICS) metrics[m] = band(BASES[m] ?? (/Margin/.test(m) ? 0.2 : 40), 0.1);
  for (const name of generationMetricNames(Object.keys(GENERATION_RENT))) {
    const [family, generation] = name.split('_');
    const rent = family === 'spotRentCcyPerGpuHour' ? BASES.spotRentCcyPerRefGpuHour : BASES.contractRentCcyPerRefGpuHour;
    metrics[name] = band(family === 'installedGpus' ? 1000 : rent * GENERATION_RENT[generation], 0.1);
  }
  const blue = MONTHS.map((_, t) => Math.max(0, 0.8 - t / 10));
  const red = MONTHS.map((_, t) => Math.min(0.5, Math.max(0, (t - 10) / 20)));
  return {
    format: SUMMARY_FORMAT,
    scenario: 'Fixture market',
    description: 'A made-up batch for tests.',
    currency: 'CNY',
    region: 'CN',
    hoursPerMonth: 730,
    generations: ['A100', 'H100'],
    scenarioHash: 'f'.repeat(64),
    seed: 1,
    runs: 40,
    completedRuns: 40,
    failedRuns: 0,
    design: 'lhs',
    inputs: [{ path: 'vendor.outputScale', distribution: 'lognormal median 1, σ 0.3' }],
    months: [...MONTHS],
    quantileMethod: 'per-month bands: DDSketch, relative accuracy 0.005; outcomes: exact, type 7',
    metrics,
    probabilities: {
      blue,
      red,
      transition: blue.map((b, t) => 1 - b - red[t]),
      netMarginBelowZero: MONTHS.map((_, t) => (t > 12 ? 0.4 : 0)),
      rentBelowStart: MONTHS.map(() => 0),
      rentBelowHalfOfStart: MONTHS.map(() => 0),
    },
    outcomes: fixtureOutcomeDistributions(),
    probeIrrAboveHurdle: 0.5,
    probeHurdleIrr: 0.15,
    failures: [],
  };
}

export function fixtureOutcomes(): OutcomeRow[] {
  return Array.from({ length: 40 }, (_, run) => ({
    run,
    redOnsetMonth: run % 4 === 3 ? null : MONTHS[12 + (run % 10)],
    probeIrr: run === 7 ? null : -0.4 + run * 0.04,
    probeNpvCcy: -4e7 + run * 3e6,
  }));
}

export function fixtureSamples(): SamplePath[] {
  return [0, 1, 2].map((run) => ({
    run,
    metrics: Object.fromEntries(METRICS.map((m) => [m, MONTHS.map((_, t) => (BASES[m] ?? 40) * shape(t) * (1 + 0.08 * Math.sin(t + run)))])),
  }));
}

export function fixtureBatch(): BatchData {
  const summary = fixtureSummary();
  return {
    dir: 'fixture-batch',
    summary,
    summaryText: JSON.stringify(summary),
    outcomes: fixtureOutcomes(),
    samples: fixtureSamples(),
    runInfo: { startedAt: '2026-01-02T03:04:05.000Z', seconds: 9.5, workers: 2, node: 'v20.0.0', scenarioFile: 'scenarios/fixture.yaml' },
  };
}

/** The scenario the fixture batch stands for, as an observed-data file is held against it. */
export function fixtureTarget(): ObservedTarget {
  return { currency: 'CNY', region: 'CN', hoursPerMonth: 730, generations: ['A100', 'H100'], months: [...MONTHS] };
}

/** Every outcome's distribution: the ones the report reads set, the rest with no run having a value. */
function fixtureOutcomeDistributions(): BatchSummary['outcomes'] {
  const none = (unit: string) => ({ unit, count: 0, missing: 40 });
  const all = Object.fromEntries(OUTCOME_COLUMNS.map((c) => [c.name, none(c.unit.replace('{ccy}', 'CNY'))])) as BatchSummary['outcomes'];
  return {
    ...all,
    startRentCcyPerRefGpuHour: { unit: 'CNY per reference-GPU-hour', count: 40, missing: 0, mean: 22.8, p5: 22.5, p25: 22.7, p50: 22.8, p75: 22.9, p95: 23.1 },
    peakRentCcyPerRefGpuHour: { unit: 'CNY per reference-GPU-hour', count: 40, missing: 0, mean: 35, p5: 30.1, p25: 33, p50: 34.6, p75: 36.2, p95: 40.3 },
    peakMonth: { unit: 'month', count: 40, missing: 0, mean: '2023-07', p5: '2023-05', p25: '2023-06', p50: '2023-07', p75: '2023-08', p95: '2023-11' },
    maxFallFromPeak: { unit: 'share', count: 40, missing: 0, mean: 0.45, p5: 0.31, p25: 0.4, p50: 0.45, p75: 0.5, p95: 0.6 },
    redOnsetMonth: { unit: 'month', count: 30, missing: 10, mean: '2024-05', p5: '2024-01', p25: '2024-03', p50: '2024-05', p75: '2024-07', p95: '2024-10' },
    probeIrr: { unit: 'share per year', count: 39, missing: 1, mean: 0.2, p5: -0.3, p25: 0, p50: 0.18, p75: 0.5, p95: 1.2 },
    probeNpvCcy: { unit: 'CNY', count: 40, missing: 0, mean: 5e6, p5: -4e7, p25: -1e7, p50: 5e6, p75: 3e7, p95: 8e7 },
  };
}

/**
 * A scenario for the fixture batch's events, whatever the shipped scenarios say: launches before,
 * at and inside the horizon, export controls on the region and on another one, announced and not,
 * a scheduled demand regime and a policy build-out that ends inside the horizon. Events in the
 * fixture's months: 2023-03 H800 launch; 2023-07 ban on A800 and H800 announced; 2023-11 ban on
 * A800 and H800 begins; 2024-01 policy build-out begins; 2024-03 H20 launch; 2024-06 demand regime
 * squeeze; 2024-07 policy build-out ends.
 */
export function fixtureScenario(): Scenario {
  const base = loadScenario(join(fileURLToPath(new URL('../..', import.meta.url)), 'scenarios/baseline.yaml'));
  const generation = (name: string, launch: string) => ({ ...base.generations[0], name, launch });
  return {
    ...base,
    region: 'CN',
    generations: [generation('A100', '2020-06'), generation('H100', '2023-01'), generation('H800', '2023-03'), generation('H20', '2024-03'), generation('B300', '2025-06')],
    vendor: {
      ...base.vendor,
      exportControls: [
        { region: 'CN', generation: 'A100', from: '2023-01' },
        { region: 'CN', generation: 'A800', from: '2023-11', announced: '2023-07' },
        { region: 'CN', generation: 'H800', from: '2023-11', announced: '2023-07' },
        { region: 'US', generation: 'H20', from: '2024-01' },
      ],
    },
    demand: { ...base.demand, schedule: [{ from: '2024-06', regime: 'squeeze' }] },
    policyBuild: { from: '2024-01', months: 6, generation: 'H20', gpusPerMonth: 100, subsidyShare: 0.3 },
  };
}
