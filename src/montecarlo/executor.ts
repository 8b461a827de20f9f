/**
 * Where a batch's chunks run. Every command that runs many simulations (batch, thesis,
 * sensitivity, discover, calibrate, backtest) sends its chunks through one executor: this
 * process's worker threads by default, or the one the process installed with `useExecutor` (the
 * Redis work queue of src/queue/). An executor takes a chunk task and gives back the worker's
 * result buffer exactly as the worker returned it, so where a chunk ran never shows in what a
 * batch merges: both are opaque here.
 */
import type { ChunkTask } from './chunk.js';
import { workerPool } from './pool.js';

export interface Executor {
  /**
   * Called before a batch sizes its chunks (a queue connects here and counts its workers); may be
   * called many times. `signal` (the batch's) stops a wait for an executor that is not there.
   */
  ready(signal?: AbortSignal): Promise<void>;
  /** Threads to size the chunks for, or undefined to size them by the batch's `workers`. */
  capacity(): number | undefined;
  /** Chunks a batch of `workers` hands over at once; an executor that paces itself takes them all. */
  lanes(workers: number): number;
  /**
   * Runs `task` with the worker's export `name` (its default export if undefined) and resolves to
   * the worker's result buffer. Rejects with ChunkNotRun when it gives the chunk up unrun (the
   * batch was stopped, or the executor can run nothing more); any other rejection is an error.
   */
  run(task: ChunkTask, name: string | undefined, signal?: AbortSignal): Promise<ArrayBuffer>;
  /** A few words on where chunks run, for the progress line ("3 queue workers, 24 threads"), if worth saying. */
  status?(): string | undefined;
}

/**
 * A chunk the executor gave up unrun: the batch keeps what it finished and stops (a checkpoint,
 * then `--resume`). `reason` says why, for a person.
 */
export class ChunkNotRun extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ChunkNotRun';
  }
}

/** How often a chunk is tried when its worker dies under it (piscina replaces the worker). */
export const CHUNK_ATTEMPTS = 3;

/** Chunks kept in flight per worker: one running, one waiting, so no worker idles between chunks. */
export const LANES_PER_WORKER = 2;

/** A chunk whose worker ran out of memory on every attempt: the runs need more memory than a worker has. */
export class WorkerOutOfMemory extends Error {
  constructor(
    readonly firstRun: number,
    readonly runs: number,
  ) {
    super(`a worker ran out of memory in ${runs === 1 ? `run ${firstRun}` : `runs ${firstRun} to ${firstRun + runs - 1}`}, ${CHUNK_ATTEMPTS} times`);
    this.name = 'WorkerOutOfMemory';
  }
}

/**
 * This process's worker pool (pool.ts). A rejected task means the worker itself died (crash, out
 * of memory): a run that throws is caught inside its chunk. As a chunk is deterministic, it is
 * simply run again.
 */
export function localExecutor(workers: number, workerFile?: string): Executor {
  return {
    ready: () => Promise.resolve(),
    capacity: () => undefined,
    lanes: (w) => w * LANES_PER_WORKER,
    async run(task, name) {
      const pool = workerPool(workers, workerFile);
      for (let left = CHUNK_ATTEMPTS; ; left--) {
        try {
          return await pool.run(task, name === undefined ? undefined : { name });
        } catch (err) {
          if (left > 1) continue;
          if ((err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') throw new WorkerOutOfMemory(task.from, task.rows.length);
          throw err;
        }
      }
    },
  };
}

let installed: Executor | undefined;

/** Makes `executor` the process's (the CLI's `--queue`), or puts back the local pool (undefined). */
export function useExecutor(executor: Executor | undefined): void {
  installed = executor;
}

/** The process's executor; a batch with its own worker file (a test's) always runs on the local pool. */
export const processExecutor = (workers: number, workerFile?: string): Executor => (workerFile === undefined ? installed : undefined) ?? localExecutor(workers, workerFile);

/** What the process's executor says about itself for the progress line. */
export const executorStatus = (): string | undefined => installed?.status?.();
