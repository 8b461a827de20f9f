/**
 * What a report reads from a batch folder, typed: the parts of summary.json, outcomes.csv,
 * samples.json and run-info.json that the charts and headlines use. readBatch.ts fills it in.
 */

export type { BatchSummary, MetricBand, OutcomeDistribution } from '../montecarlo/summarySchema.js';
import type { BatchSummary } from '../montecarlo/summarySchema.js';
import type { Scenario } from '../scenario/schema.js';

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
  /**
   * The batch's scenario, resolved (after defaults and --set), where the folder holds it: the time
   * charts mark its exogenous events (launches, export controls, scheduled demand regimes). Absent,
   * they draw none.
   */
  scenario?: Scenario;
}
