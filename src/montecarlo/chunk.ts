/**
 * Running one chunk of a batch: consecutive run indices, each rebuilt from the plan and simulated,
 * folded into mergeable accumulators. The same function runs inside a worker thread or in the main
 * process, so a batch gives the same numbers either way.
 */
import { BLUE, METRICS, RED, TRANSITION, generationMetricNames, type MetricName, type Outcomes, type RunResult } from '../model/metrics.js';
import { monthRange } from '../model/calendar.js';
import { ModelDivergence } from '../model/divergence.js';
import { simulate } from '../model/simulate.js';
import type { Scenario } from '../scenario/schema.js';
import { addCheckedRuns, bandsCodec, checkRun, createBands, resetBands, type EncodedBands, type MetricBands } from '../stats/metricBands.js';
import { addProbabilityRun, createProbabilities, probabilitiesCodec, type EncodedProbabilities, type ProbabilityCounts } from '../stats/probability.js';
import { runScenarios } from './plan.js';
import { pathCollector, type ChunkPaths } from './runPaths.js';

/** Events whose probability by month the summary reports. */
export const EVENTS = ['blue', 'transition', 'red', 'netMarginBelowZero', 'rentBelowStart', 'rentBelowHalfOfStart'] as const;

/** Runs added to the bands at a time: enough to amortise cache misses, few enough to stay small (~1 MB). */
const ADD_TOGETHER = 24;

export interface ChunkTask {
  scenario: Scenario;
  seed: number;
  paths: string[];
  /** First run index of the chunk; `rows[k]` belongs to run `from + k`. */
  from: number;
  rows: number[][];
  months: number;
  /** Monthly values each run reports besides its outcomes (see `RunRecord.extracted`). */
  extract?: readonly MetricCell[];
  /** Runs with an index below this keep their whole monthly path (`RunRecord.path`). */
  samplePaths?: number;
  /** Metrics whose whole monthly path every run hands back (`ChunkResult.paths`), for paths.arrow. */
  pathMetrics?: readonly string[];
}

/** One metric in one month (an index into the batch's months). */
export interface MetricCell {
  metric: string;
  month: number;
}

export interface RunRecord {
  index: number;
  inputs: number[];
  outcomes: Outcomes;
  /** The values of the task's `extract` cells, in the same order. */
  extracted?: number[];
  /** Every metric by month, for the few sample runs a report draws as single paths. */
  path?: Record<string, number[]>;
}

export interface RunFailure {
  index: number;
  message: string;
  /** The run's input was more than the model can hold (see ModelDivergence), not a fault of the program. */
  input?: true;
}

export interface ChunkResult {
  from: number;
  count: number;
  bands: MetricBands;
  probabilities: ProbabilityCounts;
  runs: RunRecord[];
  failures: RunFailure[];
  /** With the task's `pathMetrics`: the completed runs' paths of those metrics. */
  paths?: ChunkPaths;
}

/** A chunk's result as it travels from a worker, its accumulators encoded (see stats/codec.ts). */
export interface EncodedChunkResult extends Omit<ChunkResult, 'bands' | 'probabilities'> {
  bands: EncodedBands;
  probabilities: EncodedProbabilities;
}

export function emptyAccumulators(scenario: Scenario, months: number): { bands: MetricBands; probabilities: ProbabilityCounts } {
  return { bands: emptyBands(scenario, months), probabilities: createProbabilities([...EVENTS], months) };
}

/** The accumulators of a batch of `scenario`, over its whole horizon. */
export const scenarioAccumulators = (scenario: Scenario): { bands: MetricBands; probabilities: ProbabilityCounts } => emptyAccumulators(scenario, monthRange(scenario.start, scenario.end).length);

/** Every monthly metric of a run of `scenario`: the market-wide ones, then each generation's. */
export const batchMetricNames = (scenario: Scenario): string[] => [...METRICS, ...generationMetricNames(scenario.generations.map((g) => g.name))];

const emptyBands = (scenario: Scenario, months: number): MetricBands => createBands(batchMetricNames(scenario), months);

/** A run's columns by metric name, market-wide and per generation together. */
const allColumns = (r: RunResult): Record<string, Float64Array> => ({ ...r.metrics, ...r.byGeneration });

/**
 * Runs the chunk's runs one by one. `onRun` sees each finished run with its record (and may throw,
 * which fails the run like a throw from the model); a run that throws becomes a failure.
 */
function eachRun(task: ChunkTask, onRun: (r: RunResult, record: RunRecord) => void): { runs: RunRecord[]; failures: RunFailure[] } {
  const runs: RunRecord[] = [];
  const failures: RunFailure[] = [];
  const scenarioOf = runScenarios(task.scenario, task.paths);
  task.rows.forEach((values, k) => {
    const index = task.from + k;
    try {
      const s = scenarioOf(values);
      const r = simulate(s, task.seed, { runIndex: index });
      if (r.months.length !== task.months) throw new Error(`run has ${r.months.length} months, the batch ${task.months}`);
      const record: RunRecord = { index, inputs: values, outcomes: r.outcomes };
      // `+ 0` turns -0 into 0, as the JSON that carries records from a worker would.
      if (task.extract) record.extracted = task.extract.map((c) => columnOf(r, c.metric)![c.month] + 0);
      onRun(r, record);
      runs.push(record);
    } catch (e) {
      failures.push(e instanceof ModelDivergence ? { index, message: oneLine(e), input: true } : { index, message: oneLine(e) });
    }
  });
  return { runs, failures };
}

/** Adds the chunk's runs to `bands`, which must be empty. */
function runChunk(task: ChunkTask, bands: MetricBands): ChunkResult {
  const probabilities = createProbabilities([...EVENTS], task.months);
  const paths = task.pathMetrics && pathCollector(task.pathMetrics, task.months, task.rows.length);
  // Checked runs wait here to be added to the bands together (see addRuns).
  let pending: Record<string, Float64Array>[] = [];
  const flush = () => {
    addCheckedRuns(bands, pending);
    pending = [];
  };
  const { runs, failures } = eachRun(task, (r, record) => {
    const columns = allColumns(r);
    checkRun(bands, columns);
    pending.push(columns);
    if (pending.length === ADD_TOGETHER) flush();
    const rent = r.metrics.spotRentCcyPerRefGpuHour;
    const start = rent[0];
    addProbabilityRun(probabilities, {
      blue: Array.from(r.metrics.regime, (x) => x === BLUE),
      transition: Array.from(r.metrics.regime, (x) => x === TRANSITION),
      red: Array.from(r.metrics.regime, (x) => x === RED),
      netMarginBelowZero: Array.from(r.metrics.netMargin, (x) => x < 0),
      rentBelowStart: Array.from(rent, (x) => x < start),
      rentBelowHalfOfStart: Array.from(rent, (x) => x < start / 2),
    });
    if (record.index < (task.samplePaths ?? 0)) record.path = Object.fromEntries(bands.metrics.map((m) => [m, Array.from(columns[m], (x) => x + 0)]));
    // Last, so that a run whose path is kept is never one that failed after it.
    paths?.add(record.index, columns);
  });
  flush();
  const result: ChunkResult = { from: task.from, count: task.rows.length, bands, probabilities, runs, failures };
  if (paths) result.paths = paths.result();
  return result;
}

/** A chunk's paths alone (see `runPathsChunk`). */
export interface PathsResult {
  from: number;
  paths: ChunkPaths;
}

/**
 * The paths of a chunk whose runs a resumed batch has already folded in: its runs again, for
 * paths.arrow only. A run counts as completed exactly when `runChunk` would count it (the same
 * check of every metric), so the file holds the runs the outcome table holds.
 */
export function runPathsChunk(task: ChunkTask): PathsResult {
  const check = { metrics: batchMetricNames(task.scenario), months: task.months };
  const paths = pathCollector(task.pathMetrics ?? [], task.months, task.rows.length);
  eachRun(task, (r, record) => {
    const columns = allColumns(r);
    checkRun(check, columns);
    paths.add(record.index, columns);
  });
  return { from: task.from, paths: paths.result() };
}

/** A chunk's runs as records alone, for callers that read nothing else (a calibration): no bands, no probabilities. */
export interface RecordsResult {
  from: number;
  count: number;
  runs: RunRecord[];
  failures: RunFailure[];
}

export function runRecordsChunk(task: ChunkTask): RecordsResult {
  return { from: task.from, count: task.rows.length, ...eachRun(task, () => {}) };
}

/** Bands a thread keeps between chunks (see `runChunkEncoded`). */
export interface ChunkScratch {
  bands?: MetricBands;
}

/**
 * `runChunk` with the result encoded. The bands are added up in `scratch`, emptied again
 * afterwards, rather than in new ones: a chunk then allocates no accumulators (thousands of
 * objects that would outlive the young generation and die at the chunk's end).
 */
export function runChunkEncoded(task: ChunkTask, scratch: ChunkScratch): EncodedChunkResult {
  const names = batchMetricNames(task.scenario);
  let bands = scratch.bands;
  if (bands?.months !== task.months || bands.metrics.length !== names.length || bands.metrics.some((m, i) => m !== names[i])) {
    bands = scratch.bands = emptyBands(task.scenario, task.months);
  }
  try {
    const r = runChunk(task, bands);
    return { ...r, bands: bandsCodec.encode(bands), probabilities: probabilitiesCodec.encode(r.probabilities) };
  } finally {
    resetBands(bands);
  }
}

/** A run's column of a metric: one of METRICS, or a per-generation metric. */
export function columnOf(r: RunResult, metric: string): ArrayLike<number> | undefined {
  if (Object.hasOwn(r.byGeneration, metric)) return r.byGeneration[metric];
  return Object.hasOwn(r.metrics, metric) ? r.metrics[metric as MetricName] : undefined;
}

function oneLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.replace(/\s+/g, ' ').trim();
}
