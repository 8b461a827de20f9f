/**
 * The coordinator's side of the work queue: an Executor (montecarlo/executor.ts) whose chunks run
 * on `gpu-market worker` processes anywhere, through a BullMQ queue on a Redis server.
 *
 * - A chunk goes out as a job whose id is a hash of the task (protocol.ts): sending it again is
 *   harmless, so every chunk without a result is simply sent again whenever the server may have
 *   lost it (after it came back, or when its job is gone), with no reliance on Redis persistence.
 * - A worker leaves the result buffer under the chunk's id and says so on this coordinator's
 *   reply list; the first answer settles the chunk and any later one (a stalled job run twice) is
 *   dropped, so a chunk is merged once.
 * - A worker killed mid-chunk holds its job's lock no longer; BullMQ's stalled-job check in the
 *   live workers puts the job back in the queue.
 * - While the server is away the coordinator waits, says so, and after the timeout gives every
 *   chunk in hand up as ChunkNotRun: the batch keeps what it merged (a checkpoint) and stops.
 * - Only as many chunks are in the queue at once as the live workers can hold, so a coordinator
 *   that stops leaves little behind.
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { buildIdentity } from '../montecarlo/buildIdentity.js';
import type { ChunkTask } from '../montecarlo/chunk.js';
import { ChunkNotRun, LANES_PER_WORKER, type Executor } from '../montecarlo/executor.js';
import { checkServer, redisClient, whenReady } from './connection.js';
import { QueueServerError } from './serverError.js';
import {
  chunkId,
  ChunkReplySchema,
  encodeTask,
  ownArrayBuffer,
  PREFIX,
  queueName,
  replyKey,
  resultKey,
  runsText,
  WORKER_KEYS,
  WorkerCardSchema,
  type ChunkJob,
  type ChunkReply,
  type WorkerCard,
} from './protocol.js';
import type { RedisTarget } from './redisUrl.js';

export interface QueueExecutorOptions {
  /** How long the server may stay away, at the start or later, before the coordinator gives up. */
  timeoutMs: number;
  /** Says one line (without its newline) to the person running the command. */
  log: (line: string) => void;
  /** The build the jobs carry and whose queue they go to: this process's, unless a test makes another. */
  build?: string;
}

/** What the chunks cost beyond their runs, in milliseconds summed over chunks (for the bench). */
export interface QueueCosts {
  chunks: number;
  /** Serializing tasks and adding their jobs. */
  enqueueMs: number;
  /** Workers storing results (as they report it). */
  storeMs: number;
  /** Reading results back and freeing their keys. */
  fetchMs: number;
  /** Workers running chunks (as they report it). */
  runMs: number;
  resultBytes: number;
}

/** How often the reply list is read while chunks are out, and while none are. */
const POLL_MS = 20;
const IDLE_POLL_MS = 500;
/** How often live workers are counted and the jobs of chunks out are looked at. */
const SWEEP_MS = 2_000;
/** Jobs in the queue at least, so that the first worker to join finds work at once. */
const MIN_IN_FLIGHT = 4;
/** How long closing spends tidying up on the server before it lets go anyway. */
const CLOSE_GRACE_MS = 2_000;

interface Waiter {
  resolve: (result: ArrayBuffer) => void;
  reject: (err: Error) => void;
}

interface Entry {
  id: string;
  job: ChunkJob;
  /** Usually one; more when the same task was asked for twice at once. */
  waiters: Waiter[];
  /** waiting: not sent yet; out: its job is in the queue; fetching: its result is being read. */
  state: 'waiting' | 'out' | 'fetching';
  /** Sent by this coordinator before: a failed job under its id is then this batch's own failure. */
  sentBefore: boolean;
  sentAt: number;
}

const noop = () => {};

export class QueueExecutor implements Executor {
  private readonly build: string;
  private readonly reply = replyKey(randomUUID());
  private client?: Redis;
  private queue?: Queue;
  private starting?: Promise<void>;
  private readonly entries = new Map<string, Entry>();
  private readonly waiting: Entry[] = [];
  private out = 0;
  private live: WorkerCard[] = [];
  private readonly mentioned = new Set<string>();
  private down = false;
  private giveUp?: NodeJS.Timeout;
  private stopped?: ChunkNotRun;
  /** Chunks out when the coordinator stopped: their jobs are taken off the queue on close. */
  private abandoned: string[] = [];
  private closing = false;
  private ticker?: NodeJS.Timeout;
  private lastSweep = 0;
  /** The first line about the queue is out: changes in its workers are news from then on. */
  private announced = false;
  private readonly signals = new WeakSet<AbortSignal>();
  readonly costs: QueueCosts = { chunks: 0, enqueueMs: 0, storeMs: 0, fetchMs: 0, runMs: 0, resultBytes: 0 };

  constructor(
    private readonly target: RedisTarget,
    private readonly o: QueueExecutorOptions,
  ) {
    this.build = o.build ?? buildIdentity();
  }

  ready(signal?: AbortSignal): Promise<void> {
    return (this.starting ??= this.start(signal));
  }

  capacity(): number | undefined {
    const threads = this.threads();
    return threads > 0 ? threads : undefined;
  }

  /** Every chunk: the coordinator paces them itself (see `window`). */
  lanes(): number {
    return Number.MAX_SAFE_INTEGER;
  }

  status(): string {
    const n = this.live.length;
    return `${n} queue worker${n === 1 ? '' : 's'}${this.down ? ', Redis away' : ''}`;
  }

  async run(task: ChunkTask, name: string | undefined, signal?: AbortSignal): Promise<ArrayBuffer> {
    await this.ready();
    if (this.stopped) throw this.stopped;
    if (signal?.aborted) throw new ChunkNotRun('the batch was interrupted');
    if (signal && !this.signals.has(signal)) {
      this.signals.add(signal);
      signal.addEventListener('abort', () => this.stop('the batch was interrupted'), { once: true });
    }
    const t0 = performance.now();
    const bytes = encodeTask(task);
    const id = chunkId(this.build, name, task);
    const job: ChunkJob = { build: this.build, task: bytes.toString('base64'), reply: this.reply, from: task.from, runs: task.rows.length };
    if (name !== undefined) job.entry = name;
    this.costs.enqueueMs += performance.now() - t0;
    return new Promise<ArrayBuffer>((resolve, reject) => {
      const same = this.entries.get(id);
      if (same) {
        same.waiters.push({ resolve, reject });
        return;
      }
      const e: Entry = { id, job, waiters: [{ resolve, reject }], state: 'waiting', sentBefore: false, sentAt: 0 };
      this.entries.set(id, e);
      this.waiting.push(e);
      this.pump();
    });
  }

  /** Lets go of the server: jobs of chunks given up are taken off the queue, as far as the server lets. */
  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.ticker);
    clearTimeout(this.giveUp);
    const client = this.client;
    if (!client) return;
    if (client.status !== 'ready') {
      client.disconnect();
      return;
    }
    const tidy = async () => {
      // A job a worker holds is not removed; its result waits for a resumed batch.
      await Promise.all(this.abandoned.map((id) => this.queue!.remove(id).catch(noop)));
      await client.del(this.reply);
      await this.queue!.close();
      await client.quit();
    };
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS)));
    await Promise.race([tidy().catch(noop), grace]);
    clearTimeout(timer);
    client.disconnect();
  }

  private async start(signal: AbortSignal | undefined): Promise<void> {
    const client = (this.client = redisClient(this.target));
    try {
      await whenReady(client, this.target, { timeoutMs: this.o.timeoutMs, log: this.o.log, signal });
      await checkServer(client, this.target, this.o.log);
    } catch (err) {
      client.disconnect();
      if (err instanceof QueueServerError) throw err;
      throw this.stop(signal?.aborted ? 'the batch was interrupted' : (err as Error).message);
    }
    this.queue = new Queue(queueName(this.build), {
      connection: client,
      prefix: PREFIX,
      // checkServer has looked at the server; BullMQ's own look would print its warnings too.
      skipVersionCheck: true,
      defaultJobOptions: { attempts: 1, removeOnComplete: true, removeOnFail: { age: 24 * 3600 } },
    });
    this.queue.on('error', noop);
    client.on('close', () => this.lost());
    client.on('ready', () => this.back());
    await this.countWorkers();
    const none = this.live.length === 0 ? '; start workers with: gpu-market worker --queue URL' : '';
    this.o.log(`queue: ${this.target.display}, ${this.workersText()}${none}`);
    this.announced = true;
    this.tickLater();
  }

  private threads(): number {
    return this.live.reduce((sum, w) => sum + w.threads, 0);
  }

  private workersText(): string {
    const n = this.live.length;
    return `${n} worker${n === 1 ? '' : 's'} of this build (${this.threads()} threads)`;
  }

  /** Chunks worth having in the queue: two per live worker thread, as on the local pool. */
  private window(): number {
    return Math.max(MIN_IN_FLIGHT, LANES_PER_WORKER * this.threads());
  }

  private pump(): void {
    while (!this.stopped && !this.down && this.queue && this.waiting.length > 0 && this.out < this.window()) {
      const e = this.waiting.shift()!;
      e.state = 'out';
      this.out++;
      void this.send(e);
    }
  }

  /** Sends `e` out: its result if one is there already (a resumed batch, a chunk run twice), else its job. */
  private async send(e: Entry): Promise<void> {
    const t0 = performance.now();
    try {
      if ((await this.client!.exists(resultKey(e.id))) === 1) {
        await this.fetch(e);
        return;
      }
      // A job under this id that failed in an earlier batch would stand in this one's way.
      if (!e.sentBefore && (await this.queue!.getJobState(e.id)) === 'failed') await this.queue!.remove(e.id);
      e.sentBefore = true;
      e.sentAt = Date.now();
      await this.queue!.add(e.job.entry ?? 'chunk', e.job, { jobId: e.id });
      this.costs.enqueueMs += performance.now() - t0;
    } catch (err) {
      // The server went away mid-send: on its return every chunk out is sent again. With the
      // server there, the queue refused the job, and sending it again would change nothing.
      if (this.client!.status === 'ready' && !this.down) this.stop(`the queue refused the job of ${runsText(e.job.from, e.job.runs)}: ${(err as Error).message}`);
    }
  }

  private async fetch(e: Entry): Promise<void> {
    e.state = 'fetching';
    const t0 = performance.now();
    let bytes: Buffer | null;
    try {
      bytes = await this.client!.getBuffer(resultKey(e.id));
    } catch {
      e.state = 'out';
      return;
    }
    if (this.entries.get(e.id) !== e) return;
    if (bytes === null) {
      // Gone between the word and the read (a restart without persistence, an eviction): run it again.
      e.state = 'out';
      await this.send(e);
      return;
    }
    void this.client!.del(resultKey(e.id)).catch(noop);
    const result = ownArrayBuffer(bytes);
    this.costs.fetchMs += performance.now() - t0;
    this.costs.chunks++;
    this.costs.resultBytes += bytes.byteLength;
    this.entries.delete(e.id);
    this.out--;
    e.waiters.forEach((w, i) => w.resolve(i === 0 ? result : result.slice(0)));
    this.pump();
  }

  private onReply(r: ChunkReply): void {
    const e = this.entries.get(r.id);
    if (!e) {
      // A chunk merged already, finished a second time: its result only takes room.
      void this.client!.del(resultKey(r.id)).catch(noop);
      return;
    }
    if (e.state !== 'out') return;
    if (r.error !== undefined) {
      this.stop(`a worker could not run ${runsText(e.job.from, e.job.runs)}: ${r.error}`);
      return;
    }
    this.costs.runMs += r.runMs ?? 0;
    this.costs.storeMs += r.storeMs ?? 0;
    void this.fetch(e);
  }

  private tickLater(): void {
    if (this.closing || this.stopped) return;
    this.ticker = setTimeout(() => void this.tick().finally(() => this.tickLater()), this.entries.size > 0 ? POLL_MS : IDLE_POLL_MS);
    // Between batches (a calibration's rounds) nothing is out, and the loop keeps no process alive.
    if (this.entries.size === 0) this.ticker.unref();
  }

  private async tick(): Promise<void> {
    if (this.down) return;
    try {
      const answers = await this.client!.multi().lrange(this.reply, 0, -1).del(this.reply).exec();
      const lines = (answers?.[0]?.[1] as string[] | undefined) ?? [];
      for (const line of lines) {
        const r = parseReply(line);
        if (r) this.onReply(r);
      }
      if (Date.now() - this.lastSweep >= SWEEP_MS) {
        this.lastSweep = Date.now();
        await this.countWorkers();
        await this.sweep();
      }
      this.pump();
    } catch {
      // The server went away mid-tick: 'close' says so, and 'ready' sends again.
    }
  }

  /** The jobs of chunks out a while: one that is gone is sent again, one that failed stops the batch. */
  private async sweep(): Promise<void> {
    const due = [...this.entries.values()].filter((e) => e.state === 'out' && e.sentBefore && Date.now() - e.sentAt >= SWEEP_MS);
    const states = await Promise.all(due.map((e) => this.queue!.getJobState(e.id)));
    for (const [i, e] of due.entries()) {
      if (e.state !== 'out' || this.stopped) continue;
      if (states[i] === 'unknown') void this.send(e);
      else if (states[i] === 'failed') {
        const job = await this.queue!.getJob(e.id);
        this.stop(`a worker could not run ${runsText(e.job.from, e.job.runs)}: ${job?.failedReason ?? 'its job failed'}`);
      }
    }
  }

  private async countWorkers(): Promise<void> {
    const client = this.client!;
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await client.scan(cursor, 'MATCH', WORKER_KEYS, 'COUNT', 1000);
      keys.push(...found);
      cursor = next;
    } while (cursor !== '0');
    const cards = (keys.length > 0 ? await client.mget(keys) : []).flatMap((text) => {
      const card = text === null ? undefined : WorkerCardSchema.safeParse(safeJson(text)).data;
      return card ? [card] : [];
    });
    const before = this.live.length;
    this.live = cards.filter((c) => c.build === this.build);
    for (const c of cards) {
      if (c.build === this.build || this.mentioned.has(c.id)) continue;
      this.mentioned.add(c.id);
      this.o.log(`note: the worker on ${c.host} (pid ${c.pid}) runs another build of gpu-market (${c.build}; this is ${this.build}) and takes none of these chunks`);
    }
    if (this.announced && this.live.length !== before) this.o.log(`queue: ${this.workersText()}`);
  }

  private lost(): void {
    if (this.closing || this.stopped || this.down) return;
    this.down = true;
    const seconds = Math.round(this.o.timeoutMs / 1000);
    this.o.log(`lost the queue's Redis server at ${this.target.display}; waiting for it to come back (giving up after ${seconds} s, --queue-wait)`);
    this.giveUp = setTimeout(() => this.stop(`the queue's Redis server at ${this.target.display} was unreachable for ${seconds} s`), this.o.timeoutMs);
  }

  private back(): void {
    if (!this.down || this.stopped || this.closing) return;
    this.down = false;
    clearTimeout(this.giveUp);
    const out = [...this.entries.values()].filter((e) => e.state === 'out');
    this.o.log(`the queue's Redis server at ${this.target.display} is back; sending the ${out.length} chunks out again, in case it lost them`);
    for (const e of out) void this.send(e);
    this.pump();
  }

  /** Gives every chunk in hand up (once); returns why, for the caller to throw. */
  private stop(reason: string): ChunkNotRun {
    if (this.stopped) return this.stopped;
    const err = (this.stopped = new ChunkNotRun(reason));
    clearTimeout(this.giveUp);
    clearTimeout(this.ticker);
    this.abandoned = [...this.entries.values()].filter((e) => e.state !== 'waiting').map((e) => e.id);
    for (const e of this.entries.values()) for (const w of e.waiters) w.reject(err);
    this.entries.clear();
    this.waiting.length = 0;
    this.out = 0;
    return err;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const parseReply = (line: string): ChunkReply | undefined => ChunkReplySchema.safeParse(safeJson(line)).data;
