/**
 * `--queue URL` on the commands that run many simulations: their chunks go to `gpu-market worker`
 * processes through a Redis work queue (src/queue/) instead of this machine's worker threads. The
 * command itself does not change: the queue is installed as the process's executor for its run.
 */
import { useExecutor } from '../montecarlo/executor.js';
import { parseRedisUrl, RedisUrlError, withPassword, type RedisTarget } from '../queue/redisUrl.js';
import { UsageError } from './errors.js';
import type { CliIo } from './io.js';
import { positive } from './options.js';

export interface QueueOptions {
  queue?: string;
  queueWait?: string;
}

/** Seconds a coordinator waits for an unreachable Redis server before it stops with a checkpoint. */
export const DEFAULT_QUEUE_WAIT = '300';

/**
 * The queue's password when the URL has none, so that it need not stand on a command line (where
 * other users of the machine see it): a Kubernetes Secret or a Slurm job's environment sets it.
 */
export const QUEUE_PASSWORD_VARIABLE = 'GPU_MARKET_QUEUE_PASSWORD';

/** `--queue URL`: where the queue's Redis server is. */
export function parseQueueUrl(text: string, env: CliIo['env']): RedisTarget {
  let target: RedisTarget;
  try {
    target = parseRedisUrl(text);
  } catch (err) {
    if (err instanceof RedisUrlError) throw new UsageError(`--queue: ${err.message}`);
    throw err;
  }
  const password = env[QUEUE_PASSWORD_VARIABLE];
  if (target.password !== undefined || password === undefined || password === '') return target;
  return withPassword(target, password);
}

/** A line for stderr that does not run into a progress bar drawn there. */
export const queueLog =
  (io: CliIo) =>
  (line: string): void =>
    io.err(`${io.isTty ? '\r\x1b[K' : ''}gpu-market: ${line}\n`);

/** Runs `command` with its chunks on the queue `o.queue` names, or on this machine without one. */
export async function withQueue<T>(o: QueueOptions, io: CliIo, command: () => Promise<T>): Promise<T> {
  if (o.queue === undefined) {
    if (o.queueWait !== undefined) throw new UsageError('--queue-wait: only with --queue');
    return command();
  }
  const target = parseQueueUrl(o.queue, io.env);
  const timeoutMs = positive('--queue-wait', o.queueWait ?? DEFAULT_QUEUE_WAIT) * 1000;
  // Loaded on use: BullMQ takes a while to load, and only --queue needs it. The executor connects
  // when the first batch starts, so that a bad input file is refused at once.
  const { QueueExecutor } = await import('../queue/queueExecutor.js');
  const executor = new QueueExecutor(target, { timeoutMs, log: queueLog(io) });
  useExecutor(executor);
  try {
    return await command();
  } finally {
    useExecutor(undefined);
    await executor.close();
  }
}
