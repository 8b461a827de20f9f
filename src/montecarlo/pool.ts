/**
 * The worker pool: one piscina pool per process, created on first use and closed by whoever owns
 * the process's lifetime (the CLI, a test). Workers run the compiled `dist/montecarlo/worker.js`.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { ChunkTask } from './chunk.js';

let pool: Piscina<ChunkTask, ArrayBuffer> | null = null;
let poolThreads = 0;
let poolFile = '';

/** The compiled worker entry; tests may point the pool at another worker file. */
export const WORKER_FILE = new URL('./worker.js', import.meta.url).href;

/** Young-generation size of each worker, in MB (V8's default is about a third of this). */
const YOUNG_GENERATION_MB = 96;

export const defaultWorkers = (): number => availableParallelism();

export function workerPool(threads: number, file = WORKER_FILE): Piscina<ChunkTask, ArrayBuffer> {
  if (pool && (poolThreads !== threads || poolFile !== file)) throw new Error(`the pool already runs ${poolThreads} workers of ${poolFile}`);
  if (!pool) {
    poolFile = file;
    pool = new Piscina<ChunkTask, ArrayBuffer>({
      filename: file,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
      // A run allocates a lot of short-lived state; a larger young generation lets most of it die
      // there, which cut garbage-collection pauses per run by about half in measurements.
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    // The pool's only 'error' events are its own close timeouts; unheard, one would crash the process.
    pool.on('error', () => {});
    poolThreads = threads;
  }
  return pool;
}

/** How long closing waits for running chunks before it stops the workers itself. */
const CLOSE_GRACE_MS = 2_000;

export async function closePool(): Promise<void> {
  const p = pool;
  pool = null;
  poolThreads = 0;
  if (!p) return;
  // Closing waits for the chunks still running, and for an exit event from every worker, which a
  // worker that died of memory never sends (piscina 5.3): the close would wait forever and the
  // process end with nothing said. After a grace period the workers are stopped directly.
  const threads = [...p.threads];
  const closed = p.close({ force: true }).then(
    () => true,
    () => true,
  );
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), CLOSE_GRACE_MS)));
  const inTime = await Promise.race([closed, grace]);
  clearTimeout(timer);
  if (!inTime) await Promise.allSettled(threads.map((t) => t.terminate()));
}
