/**
 * What a report reads from a batch folder, typed: the parts of summary.json, outcomes.csv,
 * samples.json and run-info.json that the charts and headlines use. readBatch.ts fills it in.
 */

/** Bands of one metric, one entry per month; null for a month without values. */
export interface MetricBand {
  mean: (number | null)[];
  p5: (number | null)[];
  p10: (number | null)[];
  p25: (number | null)[];
  p50: (number | null)[];
  p75: (number | null)[];
  p90: (number | null)[];
  p95: (number | null)[];
  min: (number | null)[];
  max: (number | null)[];
  count: (number | null)[];
}

/** The distribution of a per-run outcome; the quantiles are absent when no run has a value. */
export interface OutcomeDistribution {
  count: number;
  missing: number;
  mean?: number | null;
  p5?: number | null;
  p25?: number | null;
  p50?: number | null;
  p75?: number | null;
  p95?: number | null;
}

export interface BatchSummary {
  scenario: string;
  description: string;
  currency: string;
  /** The scenario's region, hours in a month and generation names; absent in older summaries. */
  region?: string;
  hoursPerMonth?: number;
  generations?: string[];
  scenarioHash: string;
  seed: number;
  runs: number;
  completedRuns: number;
  failedRuns: number;
  design: string;
  inputs: { path: string; distribution: string }[];
  /** YYYY-MM, from the scenario's start to its end. */
  months: string[];
  quantileMethod: string;
  metrics: Record<string, MetricBand>;
  /** Share of runs per month: blue, transition, red, netMarginBelowZero, … */
  probabilities: Record<string, (number | null)[]>;
  outcomes: Record<string, OutcomeDistribution>;
  probeIrrAboveHurdle: number | null;
  probeHurdleIrr: number | null;
}

/** One row of outcomes.csv, the columns the report draws. */
export interface OutcomeRow {
  run: number;
  /** YYYY-MM, or null for a run that never turns red. */
  redOnsetMonth: string | null;
  probeIrr: number | null;
  probeNpvCcy: number | null;
}

/** One sample path: a run's whole monthly series of every metric. */
export interface SamplePath {
  run: number;
  metrics: Record<string, number[]>;
}

/** Wall-clock facts of the batch; absent for a batch merged from shards. */
export interface RunInfo {
  startedAt: string;
  seconds: number | null;
  workers: number | null;
  node: string | null;
  scenarioFile: string | null;
}

export interface BatchData {
  /** The folder as the user named it. */
  dir: string;
  summary: BatchSummary;
  /** summary.json exactly as read, copied beside the report. */
  summaryText: string;
  outcomes: OutcomeRow[];
  samples: SamplePath[];
  runInfo: RunInfo | null;
}
