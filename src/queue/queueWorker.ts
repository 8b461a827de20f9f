/**
 * A worker's side of the work queue (`gpu-market worker`): takes chunk jobs of its own build from
 * the queue, checks them, runs them on this machine's worker threads (the same local executor a
 * batch uses without a queue), leaves each result buffer under its chunk's id and tells the
 * coordinator on its reply list. A job it cannot run as its coordinator meant (another build, a
 * task that fails the scenario schema, an entry the worker does not have) is refused with the
 * reason, never run.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { buildIdentity } from '../montecarlo/buildIdentity.js';
import { localExecutor, type Executor } from '../montecarlo/executor.js';
import { closePool, WORKER_FILE } from '../montecarlo/pool.js';
import { checkServer, redisClient, whenReady } from './connection.js';
import {
  ChunkJobSchema,
  decodeTask,
  LOCK_MS,
  MAX_STALLED,
  PREFIX,
  PRESENCE_EVERY_MS,
  PRESENCE_TTL_MS,
  queueName,
  RESULT_TTL_MS,
  resultKey,
  runsText,
  STALLED_CHECK_MS,
  workerKey,
  type ChunkReply,
  type WorkerCard,
} from './protocol.js';
import type { RedisTarget } from './redisUrl.js';

export interface ServeOptions {
  /** Worker threads that run the chunks. */
  threads: number;
  /** Jobs taken at once (more than threads keeps every thread busy between chunks). */
  concurrency: number;
  /** Says one line (without its newline). */
  log: (line: string) => void;
  /** Aborting stops taking jobs; the chunks in hand finish and are delivered first. */
  stop: AbortSignal;
  /** Aborting stops at once: the chunks in hand go back to the queue by the stalled-job check. */
  kill?: AbortSignal;
}

const noop = () => {};

/** What processing a job needs. */
export interface ChunkContext {
  client: Redis;
  build: string;
  /** The worker entry's exports a job may ask for besides its default one. */
  entries: ReadonlySet<string>;
  executor: Executor;
  log: (line: string) => void;
}

/** The context of a worker that runs chunks on `executor` and answers through `client`. */
export async function chunkContext(client: Redis, executor: Executor, log: (line: string) => void): Promise<ChunkContext> {
  return { client, build: buildIdentity(), entries: await workerEntries(), executor, log };
}

/** Serves the queue at `target` until `o.stop` aborts. */
export async function serveQueue(target: RedisTarget, o: ServeOptions): Promise<void> {
  const client = redisClient(target);
  try {
    // A worker may start before its server (one job step of many): it waits as long as it takes.
    await whenReady(client, target, { log: o.log, signal: o.stop });
    await checkServer(client, target, o.log);
  } catch (err) {
    client.disconnect();
    if (o.stop.aborted) return;
    throw err;
  }
  const card: WorkerCard = { id: randomUUID(), host: hostname(), pid: process.pid, build: buildIdentity(), threads: o.threads, concurrency: o.concurrency };
  const showCard = () => client.set(workerKey(card.id), JSON.stringify(card), 'PX', PRESENCE_TTL_MS).then(noop, noop);
  await showCard();
  const presence = setInterval(() => void showCard(), PRESENCE_EVERY_MS);
  const context = await chunkContext(client, localExecutor(o.threads), o.log);
  const worker = new Worker(queueName(context.build), (job: Job) => processChunk(job, context), {
    connection: client,
    prefix: PREFIX,
    concurrency: o.concurrency,
    lockDuration: LOCK_MS,
    stalledInterval: STALLED_CHECK_MS,
    maxStalledCount: MAX_STALLED,
    skipVersionCheck: true,
  });
  // While the server is away every attempt to reach it is an error; the client's 'close' and
  // 'ready' say so once each instead.
  worker.on('error', noop);
  worker.on('stalled', (jobId) => o.log(`job ${jobId} lost its worker and is back in the queue`));
  let away = false;
  client.on('close', () => {
    if (away || o.stop.aborted) return;
    away = true;
    o.log(`lost the queue's Redis server at ${target.display}; waiting for it to come back`);
  });
  client.on('ready', () => {
    if (!away) return;
    away = false;
    o.log(`the queue's Redis server at ${target.display} is back`);
  });
  o.log(`joined the queue at ${target.display}: ${o.threads} threads, ${o.concurrency} chunks at a time, build ${context.build}`);
  await aborted(o.stop);
  o.log('stopping: the chunks in hand finish first (stop again to leave them to other workers)');
  const killed = o.kill ? aborted(o.kill).then(() => worker.close(true)) : new Promise<void>(noop);
  await Promise.race([worker.close(), killed]);
  clearInterval(presence);
  await Promise.race([client.del(workerKey(card.id)).then(noop, noop), delay(1_000)]);
  await closePool();
  client.disconnect();
}

/** The names of the worker entry's exports a job may ask for. */
async function workerEntries(): Promise<Set<string>> {
  const entry = (await import(WORKER_FILE)) as Record<string, unknown>;
  return new Set(Object.keys(entry).filter((name) => name !== 'default' && typeof entry[name] === 'function'));
}

/** Refuses a job: the reason goes to its coordinator and the worker's log, and the job fails for good. */
async function refuse(job: Job, reply: string | undefined, reason: string, c: ChunkContext): Promise<never> {
  c.log(`refused job ${job.id ?? '?'}: ${reason}`);
  if (reply !== undefined) await answer(c.client, reply, { id: job.id!, error: reason });
  throw new UnrecoverableError(reason);
}

async function answer(client: Redis, reply: string, r: ChunkReply): Promise<void> {
  await client.multi().rpush(reply, JSON.stringify(r)).pexpire(reply, RESULT_TTL_MS).exec();
}

/** Checks the job, runs its chunk and delivers the result; a job that must not run is refused. */
export async function processChunk(job: Job, c: ChunkContext): Promise<{ bytes: number }> {
  const parsed = ChunkJobSchema.safeParse(job.data);
  if (!parsed.success) return refuse(job, undefined, 'it is not a gpu-market chunk', c);
  const data = parsed.data;
  if (data.build !== c.build) {
    return refuse(job, data.reply, `it was made by another build of gpu-market (${data.build}; this worker is ${c.build}): run coordinator and workers of one build`, c);
  }
  if (data.entry !== undefined && !c.entries.has(data.entry)) return refuse(job, data.reply, `it asks for ${JSON.stringify(data.entry)}, which workers do not run`, c);
  const decoded = decodeTask(data.task);
  if ('problem' in decoded) return refuse(job, data.reply, decoded.problem, c);
  const t0 = performance.now();
  let result: ArrayBuffer;
  try {
    result = await c.executor.run(decoded.task, data.entry);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    c.log(`failed ${runsText(data.from, data.runs)}: ${message}`);
    await answer(c.client, data.reply, { id: job.id!, error: message });
    throw new UnrecoverableError(message);
  }
  const runMs = performance.now() - t0;
  await deliverResult(c.client, job.id!, data.reply, result, runMs);
  c.log(`${runsText(data.from, data.runs)}: ${(runMs / 1000).toFixed(1)} s`);
  return { bytes: result.byteLength };
}

/** Leaves a chunk's result under its id and tells the coordinator on its reply list. */
export async function deliverResult(client: Redis, id: string, reply: string, result: ArrayBuffer, runMs: number): Promise<void> {
  const t0 = performance.now();
  await client.set(resultKey(id), Buffer.from(result), 'PX', RESULT_TTL_MS);
  await answer(client, reply, { id, runMs, storeMs: performance.now() - t0 });
}

const aborted = (signal: AbortSignal): Promise<void> => (signal.aborted ? Promise.resolve() : new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true })));

const delay = (ms: number): Promise<void> => new Promise<void>((resolve) => setTimeout(resolve, ms));
