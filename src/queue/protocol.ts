/**
 * What coordinator and workers agree on: the queue's name, the Redis keys beside it, what a job
 * carries and what a worker answers. A job is data only: the chunk task (scenario JSON, run
 * indices with their drawn inputs, seed) serialized with v8's structured serializer, which
 * rebuilds plain values exactly (-0 and every double included) and never code. A result is the
 * worker's result buffer itself, stored under the chunk's id, so it travels once and unchanged.
 */
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { z } from 'zod';
import type { ChunkTask } from '../montecarlo/chunk.js';
import { ScenarioSchema } from '../scenario/schema.js';

/** Prefix of every key gpu-market writes, the queue's own included. */
export const PREFIX = 'gpu-market';

/**
 * The queue of one build's chunks. Workers take jobs only from the queue of their own build, so a
 * worker of another build never runs a chunk whose numbers it would compute differently.
 */
export const queueName = (build: string): string => `chunks-${build.replace(/[^A-Za-z0-9._-]/g, '_')}`;

/** Where a worker leaves a chunk's result (the worker's result buffer). */
export const resultKey = (chunkId: string): string => `${PREFIX}:result:${chunkId}`;

/** The list a coordinator reads its workers' answers from. */
export const replyKey = (coordinatorId: string): string => `${PREFIX}:reply:${coordinatorId}`;

/** A worker's card, refreshed while it lives (see WorkerCard). */
export const workerKey = (workerId: string): string => `${PREFIX}:worker:${workerId}`;
export const WORKER_KEYS = `${PREFIX}:worker:*`;

/**
 * How long a result nobody collected stays (a coordinator that stopped, a chunk finished twice):
 * long enough for a resumed batch to find it, short enough not to fill the server.
 */
export const RESULT_TTL_MS = 24 * 3600_000;

/** A worker refreshes its card this often; a card not refreshed for PRESENCE_TTL_MS is gone. */
export const PRESENCE_EVERY_MS = 3_000;
export const PRESENCE_TTL_MS = 10_000;

/**
 * A worker holds a job's lock this long and renews it at half that; a job whose lock lapsed (its
 * worker was killed) goes back to the queue at the next stalled-job check of a live worker.
 * Chunks run in worker threads, so the process's event loop is free to renew.
 */
export const LOCK_MS = 10_000;
export const STALLED_CHECK_MS = 5_000;
/** A chunk whose workers died under it this many times fails, rather than kill workers for ever. */
export const MAX_STALLED = 2;

/** What a job carries. */
export interface ChunkJob {
  /** The build that made the job (see montecarlo/buildIdentity.ts). */
  build: string;
  /** The worker entry's export to run; its default export when absent. */
  entry?: string;
  /** The chunk task: v8-serialized, base64. */
  task: string;
  /** The reply list of the coordinator that waits for it. */
  reply: string;
  /** First run and number of runs, for logs and messages. */
  from: number;
  runs: number;
}

export const ChunkJobSchema = z.object({
  build: z.string(),
  entry: z
    .string()
    .regex(/^[A-Za-z]\w*$/)
    .optional(),
  task: z.string(),
  reply: z.string().startsWith(`${PREFIX}:reply:`),
  from: z.number().int().nonnegative(),
  runs: z.number().int().nonnegative(),
});

/** A worker's answer on the reply list: the chunk is in its result key, or `error` says why not. */
export interface ChunkReply {
  id: string;
  error?: string;
  /** Milliseconds the worker spent: running the chunk, and storing its result. */
  runMs?: number;
  storeMs?: number;
}

export const ChunkReplySchema = z.object({ id: z.string(), error: z.string().optional(), runMs: z.number().optional(), storeMs: z.number().optional() });

/** A live worker, as its card says. */
export interface WorkerCard {
  id: string;
  host: string;
  pid: number;
  build: string;
  threads: number;
  concurrency: number;
}

export const WorkerCardSchema = z.object({
  id: z.string(),
  host: z.string(),
  pid: z.number(),
  build: z.string(),
  threads: z.number().int().positive(),
  concurrency: z.number().int().positive(),
});

export const encodeTask = (task: ChunkTask): Buffer => serialize(task);

/**
 * The chunk's id: the same for the same task of the same build, so that sending it again (after
 * a lost server, on `--resume`) finds the job or result already there instead of making a second.
 * It hashes the task's JSON, not its serialized bytes: v8 writes a whole number held as a double
 * differently from one held as an integer, so equal tasks built in two ways could differ there.
 * JSON writes every double in its shortest exact form; -0 and the non-finite numbers, which JSON
 * would blur, are spelled out.
 */
export function chunkId(build: string, entry: string | undefined, task: ChunkTask): string {
  const json = JSON.stringify(task, (_key, value: unknown) => (typeof value === 'number' && (Object.is(value, -0) || !Number.isFinite(value)) ? `${Object.is(value, -0) ? '-0' : value}#` : value));
  return `c${createHash('sha256')
    .update(build)
    .update('\0')
    .update(entry ?? '')
    .update('\0')
    .update(json)
    .digest('hex')
    .slice(0, 40)}`;
}

/**
 * The fields of a chunk task a worker relies on, checked with the scenario's own schema before
 * anything runs; fields it does not know pass through to the chunk runner unchanged.
 */
const Whole = z.number().int().nonnegative();
export const ChunkTaskSchema = z.looseObject({
  scenario: ScenarioSchema,
  seed: Whole,
  paths: z.array(z.string()),
  from: Whole,
  rows: z.array(z.array(z.number())),
  months: z.number().int().positive(),
  extract: z.array(z.object({ metric: z.string(), month: Whole })).optional(),
  samplePaths: Whole.optional(),
  pathMetrics: z.array(z.string()).optional(),
});

/** The task in a job, or why it cannot be run. */
export function decodeTask(base64: string): { task: ChunkTask } | { problem: string } {
  let value: unknown;
  try {
    value = deserialize(Buffer.from(base64, 'base64'));
  } catch {
    return { problem: 'its task cannot be read' };
  }
  const checked = ChunkTaskSchema.safeParse(value);
  if (checked.success) return { task: value as ChunkTask };
  const issue = checked.error.issues[0];
  const path = issue.path.map(String).join('.');
  return { problem: `its task is not valid: ${path === '' ? '' : `${path}: `}${issue.message}` };
}

/** The buffer's bytes as an ArrayBuffer of their own, which typed arrays can view at any 8-byte offset. */
export function ownArrayBuffer(bytes: Buffer): ArrayBuffer {
  const { buffer, byteOffset, byteLength } = bytes;
  if (byteOffset === 0 && byteLength === buffer.byteLength && buffer instanceof ArrayBuffer) return buffer;
  return new Uint8Array(bytes).buffer;
}

/** Runs `from` to `from + runs - 1`, as messages say them. */
export const runsText = (from: number, runs: number): string => (runs === 1 ? `run ${from}` : `runs ${from} to ${from + runs - 1}`);
