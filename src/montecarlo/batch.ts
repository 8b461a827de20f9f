/**
 * A Monte Carlo batch: the plan's run indices go out in chunks to worker threads (or run in this
 * process), and the results are merged into accumulators whose merge is exact and
 * order-independent, so the summary is byte-identical for any worker count and chunk size.
 */
import type { BatchSummary } from './summarySchema.js';
import { shardRange, type Shard } from './shardRange.js';
import { monthRange } from '../model/calendar.js';

import { bandsCodec, type MetricBands } from '../stats/metricBands.js';
import { probabilitiesCodec, type ProbabilityCounts } from '../stats/probability.js';
import { batchIdentity, completedRuns, sameExtract, type Progress } from './checkpoint.js';
import { RecordSpill } from './recordSpill.js';
import {
  batchMetricNames,
  emptyAccumulators,
  runChunkEncoded,
  runPathsChunk,
  runRecordsChunk,
  type ChunkScratch,
  type ChunkTask,
  type MetricCell,
  type PathsResult,
  type RecordsResult,
  type RunFailure,
  type RunRecord,
  type EncodedChunkResult,
} from './chunk.js';
import type { BatchPlan } from './plan.js';
import { ChunkNotRun, LANES_PER_WORKER, processExecutor, WorkerOutOfMemory, type Executor } from './executor.js';
import { fromBuffer } from './transfer.js';
import { batchSummary } from './summary.js';
import { outcomeTable, type OutcomeTable } from './outcomesTable.js';
import { InOrder } from './inOrder.js';
import type { ChunkPaths } from './runPaths.js';

export { shardRange, WorkerOutOfMemory, type Shard };

export interface BatchOptions {
  /** 0 runs every chunk in this process (no threads). */
  workers: number;
  /** Run only this slice of the run indices (see shardRange). */
  shard?: Shard;
  /** Runs per task; by default see `defaultChunkSize`. */
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** The worker entry (tests use a worker that dies); defaults to the compiled one. */
  workerFile?: string;
  /** Where the chunks run; by default the process's (executor.ts): its worker pool unless the CLI installed a work queue. */
  executor?: Executor;
  /** Continue from this state (see checkpoint.ts); its chunk size wins over `chunkSize`. */
  resume?: Progress;
  /** Called after every chunk is folded in, with the state a checkpoint would hold. */
  onChunk?: (p: Progress) => void;
  /** Aborting stops the batch: running chunks finish and are kept, no new chunk starts, and runBatch rejects with BatchInterrupted. */
  signal?: AbortSignal;
  /** Monthly values every run reports (see `RunRecord.extracted`), e.g. for theses and sensitivity. */
  extract?: readonly MetricCell[];
  /** Runs 0 .. samplePaths - 1 keep their whole monthly path, for reports; default 0. */
  samplePaths?: number;
  /**
   * Keep the finished runs' records in a file in this folder while the batch runs (see
   * recordSpill.ts), not in memory, so that memory stays flat for any number of runs. A resumed
   * batch keeps them where its checkpoint had them.
   */
  spillDir?: string;
  /** Called once if the records file cannot be written; the batch then keeps the rest of its records in memory. */
  onSpillFailed?: (err: unknown) => void;
  /**
   * Every completed run's whole monthly path of `metrics`, handed to `write` a chunk at a time, in
   * run order, while the batch runs (for paths.arrow, see pathsFile.ts). A resumed batch runs the
   * chunks its checkpoint holds again, for their paths alone.
   */
  paths?: { metrics: readonly string[]; write: (paths: ChunkPaths) => void };
}

/**
 * The batch was stopped; `progress` is the consistent state of the chunks it finished. `cause` is
 * the executor's ChunkNotRun when the executor stopped it (a work queue whose server stayed away).
 */
export class BatchInterrupted extends Error {
  constructor(
    readonly progress: Progress,
    cause?: ChunkNotRun,
  ) {
    super(cause ? `batch interrupted: ${cause.reason}` : 'batch interrupted', { cause });
  }
}

export interface BatchResult {
  summary: BatchSummary;
  /** The finished runs' outcomes in columns, what the outcome files are written from. */
  table: OutcomeTable;
  /** Every finished run's record, in run order (read back from the records file on first use, where there is one). */
  readonly runs: RunRecord[];
  failures: RunFailure[];
  bands: MetricBands;
  probabilities: ProbabilityCounts;
}

/**
 * About eight tasks per worker, but at least 200 runs a task (at most 1,000) while every worker
 * still gets one. A task costs a fixed ~30 ms besides its runs (packing, moving and merging a
 * result of several MB, mostly the encoded bands), about 1 % of a 625-run task.
 */
export function defaultChunkSize(runs: number, workers: number): number {
  const w = Math.max(1, workers);
  const size = Math.min(1000, Math.max(200, Math.ceil(runs / (w * 8))));
  return Math.max(1, Math.min(size, Math.ceil(runs / w)));
}

function tasks(plan: BatchPlan, months: number, chunkSize: number, o: BatchOptions): ChunkTask[] {
  const { shard, extract, samplePaths } = o;
  const range = shardRange(plan.runs, shard);
  const out: ChunkTask[] = [];
  for (let from = range.from; from < range.to; from += chunkSize) {
    const to = Math.min(range.to, from + chunkSize);
    const task: ChunkTask = { scenario: plan.scenario, seed: plan.seed, paths: plan.paths, from, rows: plan.rows.slice(from, to), months, extract, samplePaths };
    if (o.paths) task.pathMetrics = [...o.paths.metrics];
    out.push(task);
  }
  return out;
}

/** Most bytes of paths one chunk brings back by default: the coordinator holds a few chunks' worth while it puts them in order. */
const PATHS_CHUNK_BYTES = 16 * 1024 * 1024;

/** Chunks that may run past the first whose paths are not yet written, per thread the chunks are sized for. */
const PATHS_WINDOW_PER_THREAD = 2 * LANES_PER_WORKER;

/** Runs per chunk whose paths of `metrics` metrics over `months` months stay within PATHS_CHUNK_BYTES. */
const pathsChunkRuns = (metrics: number, months: number): number => Math.max(1, Math.floor(PATHS_CHUNK_BYTES / (8 * Math.max(1, metrics) * months)));

/** Every metric whose paths are asked for must be one the runs have, named once. */
function checkPathMetrics(metrics: readonly string[], plan: BatchPlan): void {
  const names = new Set<string>(batchMetricNames(plan.scenario));
  for (const m of metrics) if (!names.has(m)) throw new RangeError(`paths: the runs have no metric ${m}`);
  if (new Set(metrics).size !== metrics.length) throw new RangeError('paths: a metric is named twice');
}

/** Every extract cell must name a metric the runs have and a month of the batch. */
function checkExtract(cells: readonly MetricCell[], plan: BatchPlan, months: number): void {
  const names = new Set<string>(batchMetricNames(plan.scenario));
  for (const c of cells) {
    if (!names.has(c.metric)) throw new RangeError(`extract: the runs have no metric ${c.metric}`);
    if (!Number.isInteger(c.month) || c.month < 0 || c.month >= months) throw new RangeError(`extract: month ${c.month} is outside the batch's ${months} months`);
  }
}

/** What running chunks on an executor needs of a batch's options. */
type PoolOptions = Pick<BatchOptions, 'workers' | 'workerFile' | 'signal' | 'executor'>;

/** The executor a batch's chunks go to, ready to size them; none for `workers: 0` (this process). */
async function executorOf(o: PoolOptions): Promise<Executor | undefined> {
  const executor = o.executor ?? (o.workers === 0 ? undefined : processExecutor(o.workers, o.workerFile));
  await executor?.ready(o.signal);
  return executor;
}

/** Threads to size a batch's chunks for: the executor's, or the batch's workers. */
const capacityOf = (executor: Executor | undefined, workers: number): number => executor?.capacity() ?? workers;

/**
 * Runs `work` on `executor` (`name`: the worker's export to call, the default one if undefined)
 * and folds each result in as it comes. Returns how many chunks were left unrun, because `signal`
 * aborted or the executor gave chunks up (then `stopped` says why).
 */
async function onPool<R>(
  work: readonly ChunkTask[],
  executor: Executor,
  o: PoolOptions,
  name: string | undefined | ((task: ChunkTask) => string | undefined),
  fold: (r: R, task: ChunkTask) => void,
  order?: Pick<InOrder<unknown>, 'admit' | 'release'>,
): Promise<{ left: number; stopped?: ChunkNotRun }> {
  // A few chunks in flight per worker, fed from a queue: an interruption then only waits for the
  // chunks already running (a worker is never killed mid-chunk), and results never pile up.
  const queue = [...work];
  let stopped: ChunkNotRun | undefined;
  const nameOf = typeof name === 'function' ? name : () => name;
  // A chunk waiting for its turn (`order`) would otherwise wait for one that is never run.
  const release = () => order?.release();
  o.signal?.addEventListener('abort', release, { once: true });
  const lane = async () => {
    while (queue.length > 0 && !o.signal?.aborted && !stopped) {
      const task = queue.shift()!;
      if (order) {
        await order.admit(task.from);
        if (o.signal?.aborted || stopped) {
          queue.unshift(task);
          return;
        }
      }
      let result: ArrayBuffer;
      try {
        result = await executor.run(task, nameOf(task), o.signal);
      } catch (err) {
        if (!(err instanceof ChunkNotRun)) throw err;
        queue.push(task);
        stopped ??= err;
        release();
        return;
      }
      fold(fromBuffer<R>(result), task);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(work.length, executor.lanes(o.workers)) }, lane));
  } finally {
    o.signal?.removeEventListener('abort', release);
  }
  return { left: queue.length, stopped };
}

/**
 * The plan's runs as records alone (see `runRecordsChunk`), in run order, and its failures: for a
 * caller that reads only the runs' outcomes and extracted values, at a fraction of a batch's cost
 * per chunk. No checkpoint, no records file: its batches are small.
 */
export async function runRecords(plan: BatchPlan, o: Pick<BatchOptions, 'workers' | 'workerFile' | 'executor' | 'chunkSize' | 'extract' | 'onProgress'>): Promise<RecordsResult> {
  const months = monthRange(plan.scenario.start, plan.scenario.end);
  checkExtract(o.extract ?? [], plan, months.length);
  const executor = await executorOf(o);
  const chunkSize = o.chunkSize ?? Math.max(1, Math.ceil(plan.runs / (Math.max(1, capacityOf(executor, o.workers)) * LANES_PER_WORKER * 2)));
  const work = tasks(plan, months.length, chunkSize, o);
  const runs: RunRecord[] = [];
  const failures: RunFailure[] = [];
  let done = 0;
  const fold = (r: RecordsResult) => {
    runs.push(...r.runs);
    failures.push(...r.failures);
    done += r.count;
    o.onProgress?.(done, plan.runs);
  };
  if (!executor) for (const t of work) fold(runRecordsChunk(t));
  else {
    // No checkpoint to keep what is done: a chunk given up fails the whole call.
    const { stopped } = await onPool(work, executor, o, 'records', (r: RecordsResult) => fold(r));
    if (stopped) throw stopped;
  }
  runs.sort((a, b) => a.index - b.index);
  failures.sort((a, b) => a.index - b.index);
  return { from: 0, count: plan.runs, runs, failures };
}

export async function runBatch(plan: BatchPlan, o: BatchOptions): Promise<BatchResult> {
  const months = monthRange(plan.scenario.start, plan.scenario.end);
  checkExtract(o.extract ?? [], plan, months.length);
  const shard = o.shard ?? { index: 0, count: 1 };
  const range = shardRange(plan.runs, shard);
  const total = range.to - range.from;
  if (o.paths) checkPathMetrics(o.paths.metrics, plan);
  const executor = await executorOf(o);
  const threads = Math.max(1, capacityOf(executor, o.workers));
  const sized = o.paths ? Math.min(defaultChunkSize(total, threads), pathsChunkRuns(o.paths.metrics.length, months.length)) : defaultChunkSize(total, threads);
  const chunkSize = o.resume?.identity.chunkSize ?? o.chunkSize ?? sized;
  // The resumed records would hold other values than the positions of `extract` say.
  if (o.resume && !sameExtract(o.resume.identity.extract, o.extract)) throw new Error('runBatch: the checkpoint extracted other monthly values than this batch');
  const progress: Progress = o.resume ?? {
    identity: batchIdentity(plan, shard, chunkSize, o.extract),
    doneChunks: [],
    ...emptyAccumulators(plan.scenario, months.length),
    runs: [],
    failures: [],
    spill: o.spillDir === undefined ? undefined : RecordSpill.create(o.spillDir),
  };
  const finished = new Set(progress.doneChunks);
  const all = tasks(plan, months.length, chunkSize, o);
  // Paths are written in run order: a chunk done early waits, in memory, for those before it.
  const pathsOrder =
    o.paths &&
    new InOrder<ChunkPaths>(
      all.map((t) => t.from),
      PATHS_WINDOW_PER_THREAD * threads,
      o.paths.write,
    );
  let done = completedRuns(progress) + progress.failures.length;
  let stopped = false;
  let spilling = true;
  const keep = (runs: RunRecord[]) => {
    if (progress.spill && spilling) {
      try {
        progress.spill.append(runs);
        return;
      } catch (err) {
        // Like a checkpoint, the file is a help, not a need: the records it holds stay there (a
        // checkpoint may point to them), and the rest are kept in memory, as without a file.
        spilling = false;
        o.onSpillFailed?.(err);
      }
    }
    progress.runs.push(...runs);
  };
  const fold = (r: EncodedChunkResult) => {
    if (stopped) return;
    // Checked whole before any of it is kept: a damaged result stops the batch and leaves its state as it was.
    bandsCodec.check(r.bands);
    probabilitiesCodec.check(r.probabilities);
    keep(r.runs);
    bandsCodec.mergeChecked(progress.bands, r.bands);
    probabilitiesCodec.mergeChecked(progress.probabilities, r.probabilities);
    progress.failures.push(...r.failures);
    progress.doneChunks.push(r.from);
    done += r.count;
    if (r.paths) pathsOrder?.put(r.from, r.paths);
    o.onProgress?.(done, total);
    o.onChunk?.(progress);
  };
  const foldPaths = (r: PathsResult) => {
    if (!stopped) pathsOrder?.put(r.from, r.paths);
  };
  // A chunk the checkpoint holds runs again only for its paths.
  const pathsOnly = (t: ChunkTask) => finished.has(t.from);
  try {
    const work = all.filter((t) => pathsOrder || !finished.has(t.from));
    const interrupted = (cause?: ChunkNotRun) => {
      stopped = true;
      return new BatchInterrupted(progress, cause);
    };
    if (!executor) {
      const scratch: ChunkScratch = {};
      for (const t of work) {
        if (o.signal?.aborted) throw interrupted();
        if (pathsOnly(t)) foldPaths(runPathsChunk(t));
        else fold(runChunkEncoded(t, scratch));
      }
    } else {
      const { left, stopped: cause } = await onPool<EncodedChunkResult | PathsResult>(
        work,
        executor,
        o,
        (t) => (pathsOnly(t) ? 'paths' : undefined),
        (r, t) => (pathsOnly(t) ? foldPaths(r as PathsResult) : fold(r as EncodedChunkResult)),
        pathsOrder,
      );
      // Stopped by its signal, the batch says no more than that; stopped by its executor, why.
      if (left > 0) throw interrupted(o.signal?.aborted ? undefined : cause);
    }
    if (pathsOrder && !pathsOrder.complete) throw new Error('paths: a chunk of the batch never brought its paths');
    const failures = [...progress.failures].sort((a, b) => a.index - b.index);
    const { bands, probabilities, spill } = progress;
    const held = [...progress.runs].sort((a, b) => a.index - b.index);
    // Records are in the file, or in memory, or (once the file could not be written) in both.
    const inOrder = (): Iterable<RunRecord> => {
      if (!spill || spill.runs === 0) return held;
      if (held.length === 0) return spill.inRunOrder();
      return [...spill.inRunOrder(), ...held].sort((a, b) => a.index - b.index);
    };
    const table = outcomeTable(inOrder(), completedRuns(progress), plan.paths.length);
    const summary = batchSummary({ plan, months, bands, probabilities, table, failures });
    let runs: RunRecord[] | undefined;
    return {
      summary,
      table,
      get runs() {
        return (runs ??= [...inOrder()]);
      },
      failures,
      bands,
      probabilities,
    };
  } finally {
    // The file stays for the checkpoint of an interrupted batch; only its handle goes.
    progress.spill?.close();
  }
}
