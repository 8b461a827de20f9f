/**
 * The typed library API of gpu-market: load a scenario, simulate a path, run a batch, test a thesis,
 * analyse sensitivity, calibrate to observed history, write a report, compare batches.
 * The CLI is a thin shell over these same functions.
 */
export * from './model/index.js';
export * from './scenario/index.js';
export * from './sensitivity/index.js';
export * from './thesis/index.js';
export * from './discovery/index.js';
export * from './calibration/index.js';
export {
  buildComparison,
  buildReport,
  crpsFromQuantiles,
  defaultReportDir,
  ReportInputError,
  scoreObserved,
  writeComparison,
  writeReport,
  readSensitivity,
  readThesis,
  type BuiltComparison,
  type ComparisonResult,
  type ObservedScores,
  type ReportInputs,
  type ReportOptions,
  type ReportResult,
} from './report/index.js';
export { DEFAULT_RELATIVE_ERROR, parseObserved, readObserved, scenarioTarget, type Observation, type ObservedData, type ObservedTarget } from './observed/index.js';
export { runBatch, runRecords, shardRange, BatchInterrupted, type BatchOptions, type BatchResult, type Shard } from './montecarlo/batch.js';
export { outcomeRecords, type OutcomeRecord } from './montecarlo/outcomesTable.js';
export { BatchSummarySchema, SUMMARY_FORMAT, type BatchSummary, type OutcomeDistribution, type OutcomeDistributions } from './montecarlo/summarySchema.js';
export { planBatch, scenarioForRun, type BatchPlan, type Design, type PlanOptions } from './montecarlo/plan.js';
export { closePool, defaultWorkers } from './montecarlo/pool.js';
export { ChunkNotRun, localExecutor, type Executor } from './montecarlo/executor.js';
export type { MetricCell, RunFailure, RunRecord } from './montecarlo/chunk.js';
export { mergeShards, shardFile, type ShardFile } from './montecarlo/shard.js';
export { extractionPlan, parseVariable, valueIn, UnknownVariable, type Variable } from './analysis/variables.js';
