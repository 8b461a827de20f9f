/**
 * `gpu-market worker --queue URL`: joins a Redis work queue and runs the chunks coordinators put
 * there on this machine's worker threads, until stopped. Workers join and leave at any time: the
 * first Ctrl-C or SIGTERM lets the chunks in hand finish and be delivered, a second leaves them
 * to other workers (the queue runs them again).
 */
import { LANES_PER_WORKER } from '../montecarlo/executor.js';
import { defaultWorkers } from '../montecarlo/pool.js';
import { serveQueue } from '../queue/queueWorker.js';
import { EXIT, type ExitCode } from './exitCodes.js';
import type { CliIo } from './io.js';
import { parseWorkers, positive } from './options.js';
import { parseQueueUrl, queueLog } from './queueOption.js';

export interface WorkerOptions {
  queue: string;
  workers?: string;
  concurrency?: string;
}

export async function workerCommand(o: WorkerOptions, io: CliIo): Promise<ExitCode> {
  const target = parseQueueUrl(o.queue, io.env);
  const threads = o.workers === undefined ? defaultWorkers() : parseWorkers(o.workers);
  const concurrency = o.concurrency === undefined ? threads * LANES_PER_WORKER : positive('--concurrency', o.concurrency);
  const stop = new AbortController();
  const kill = new AbortController();
  const onSignal = () => (stop.signal.aborted ? kill : stop).abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await serveQueue(target, { threads, concurrency, log: queueLog({ ...io, isTty: false }), stop: stop.signal, kill: kill.signal });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return EXIT.OK;
}
