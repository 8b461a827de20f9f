/**
 * The bench's queue case: the same batch on local workers and on as many `gpu-market worker`
 * processes (one thread each) through a redis-server started on this machine, and what a chunk
 * costs on the queue besides its runs: enqueueing it, storing and fetching its result, and merging
 * it. Skipped, with a note, where redis-server is missing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runBatch } from '../montecarlo/batch.js';
import type { Executor } from '../montecarlo/executor.js';
import { planBatch } from '../montecarlo/plan.js';
import { QueueExecutor } from '../queue/queueExecutor.js';
import { parseRedisUrl } from '../queue/redisUrl.js';
import type { Scenario } from '../scenario/schema.js';
import { findRedisServer, REDIS_INSTALL_HINT, startLocalRedis } from './localRedis.js';

const MAIN = fileURLToPath(new URL('../cli/main.js', import.meta.url));

interface Rate {
  runsPerSecond: number;
  seconds: number;
}

export type QueueTiming =
  | { skipped: string }
  | {
      workers: number;
      runs: number;
      local: Rate;
      queued: Rate;
      chunks: number;
      resultBytes: number;
      /** Milliseconds per chunk. */
      perChunk: { enqueueMs: number; storeMs: number; fetchMs: number; mergeMs: number };
    };

export interface QueueBenchOptions {
  runs: number;
  workers: number;
  /** Runs per worker before the clock starts, as for the local batches. */
  warmUpRuns: number;
}

const seconds = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1e9;

/** A worker process of one thread, once it has joined the queue. */
function startWorker(url: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, 'worker', '--queue', url, '--workers', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let text = '';
    child.stderr.on('data', (d: Buffer) => {
      text += d.toString();
      if (text.includes('joined the queue')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`a queue worker exited (${code}) before it joined: ${text}`)));
  });
}

/**
 * An executor that hands back, at once, the results a batch got for the same chunks: a batch on
 * it costs what merging those results (and making the summary) costs, and nothing else.
 */
function replaying(results: ReadonlyMap<number, ArrayBuffer>): Executor {
  return { ready: () => Promise.resolve(), capacity: () => undefined, lanes: () => 1, run: (task) => Promise.resolve(results.get(task.from)!.slice(0)) };
}

export async function queueBench(s: Scenario, o: QueueBenchOptions, local: () => Promise<Rate>): Promise<QueueTiming> {
  if (findRedisServer() === undefined) return { skipped: `no redis-server on PATH (the queue case needs ${REDIS_INSTALL_HINT})` };
  const localRate = await local();
  const redis = await startLocalRedis();
  const workers: ChildProcess[] = [];
  const executor = new QueueExecutor(parseRedisUrl(redis.url), { timeoutMs: 60_000, log: () => {} });
  try {
    for (let i = 0; i < o.workers; i++) workers.push(await startWorker(redis.url));
    await runBatch(planBatch(s, { runs: o.workers * o.warmUpRuns, seed: 2, design: 'lhs' }), { workers: o.workers, chunkSize: o.warmUpRuns / 2, executor });
    const plan = planBatch(s, { runs: o.runs, seed: 1, design: 'lhs' });
    const before = { ...executor.costs };
    const results = new Map<number, ArrayBuffer>();
    // Each result is copied as it comes (a few ms a chunk, inside the timing) for the merge's timing below.
    const keeping: Executor = {
      ready: (signal) => executor.ready(signal),
      capacity: () => executor.capacity(),
      lanes: () => executor.lanes(),
      run: async (task, name, signal) => {
        const r = await executor.run(task, name, signal);
        results.set(task.from, r.slice(0));
        return r;
      },
    };
    const t0 = process.hrtime.bigint();
    await runBatch(plan, { workers: o.workers, executor: keeping });
    const elapsed = seconds(t0);
    const costs = executor.costs;
    const chunks = costs.chunks - before.chunks;
    const m0 = process.hrtime.bigint();
    await runBatch(plan, { workers: o.workers, executor: replaying(results) });
    const mergeSeconds = seconds(m0);
    const per = (ms: number) => ms / chunks;
    return {
      workers: o.workers,
      runs: o.runs,
      local: { runsPerSecond: localRate.runsPerSecond, seconds: localRate.seconds },
      queued: { runsPerSecond: o.runs / elapsed, seconds: elapsed },
      chunks,
      resultBytes: (costs.resultBytes - before.resultBytes) / chunks,
      perChunk: {
        enqueueMs: per(costs.enqueueMs - before.enqueueMs),
        storeMs: per(costs.storeMs - before.storeMs),
        fetchMs: per(costs.fetchMs - before.fetchMs),
        mergeMs: per(mergeSeconds * 1000),
      },
    };
  } finally {
    await executor.close();
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => (w.exitCode === null ? new Promise((resolve) => w.once('exit', resolve)) : Promise.resolve())));
    await redis.dispose();
  }
}
