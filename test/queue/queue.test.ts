/**
 * Batches and a calibration on the Redis work queue, against a real redis-server and real
 * `gpu-market worker` processes: what they write is byte for byte what the same command writes on
 * this machine's threads, whatever happens to workers and server on the way, and a job a worker
 * must not run is refused with its reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASELINE, cli, tempDirForFile } from '../cli/helpers.js';
import { redisServersForFile } from '../support/redisServer.js';
import type { LocalRedis } from '../../src/bench/localRedis.js';
import { start, startWorker, stopWorker, until, type Running } from './processes.js';

const dir = tempDirForFile('queue');
const redisServer = redisServersForFile();
const SMALL = ['--set', 'end=2025-12', '--seed', '5'];
const BATCH = ['batch', BASELINE, ...SMALL, '--runs', '120', '--chunk-size', '10', '--paths', 'spotRentCcyPerRefGpuHour,utilisation'];
const BATCH_FILES = ['summary.json', 'outcomes.csv', 'samples.json', 'paths.arrow'];
const CALIBRATE = [
  'calibrate',
  BASELINE,
  '--seed',
  '5',
  '--observed',
  'scenarios/observed/history-to-2024-06.csv',
  '--params',
  'vendor.outputScale',
  '--particles',
  '12',
  '--replicates',
  '1',
  '--generations',
  '2',
  '--budget',
  '120',
];
const CALIBRATION_FILES = ['posterior.csv', 'calibrated.yaml', 'calibration.json'];

const read = (folder: string, files: readonly string[]) => files.map((f) => readFileSync(join(folder, f), f.endsWith('.arrow') ? 'base64' : 'utf8'));

/** The batch on this machine's threads, once: what every queued batch must write. */
let local: string[] = [];
beforeAll(() => {
  const r = cli([...BATCH, '--workers', '2', '--quiet', '--out', join(dir, 'local')]);
  expect(r.status, r.stderr).toBe(0);
  local = read(join(dir, 'local'), BATCH_FILES);
});

/** Runs `gpu-market batch … --queue url` into `dir/name` and waits for its end. */
async function queuedBatch(url: string, name: string, ...extra: string[]): Promise<Running> {
  const r = start([...BATCH, '--out', join(dir, name), '--queue', url, ...extra]);
  await r.exited;
  return r;
}

/** Progress says a first chunk of the batch is merged. */
const merged = (r: Running) => /^[1-9]\d*\/120 runs, /m.test(r.output());

describe('a batch and a calibration on the queue, with two worker processes', () => {
  let url = '';
  const workers: Running[] = [];
  beforeAll(async () => {
    url = (await redisServer()).url;
    workers.push(await startWorker(url), await startWorker(url));
  });
  afterAll(() => Promise.all(workers.map(stopWorker)));

  it('writes the summary and outcomes of the batch on local threads, byte for byte, the chunks shared by both workers', async () => {
    const r = await queuedBatch(url, 'queued');
    expect(r.child.exitCode, r.output()).toBe(0);
    expect(read(join(dir, 'queued'), BATCH_FILES)).toEqual(local);
    expect(r.output()).toContain('2 workers of this build (2 threads)');
    expect(r.output()).toMatch(/^\d+\/120 runs, .*, 2 queue workers$/m);
    for (const w of workers) expect(w.output()).toMatch(/^gpu-market: runs \d+ to \d+: /m);
  });

  it('writes the calibration of one on local threads, byte for byte', async () => {
    const l = cli([...CALIBRATE, '--workers', '2', '--quiet', '--out', join(dir, 'calibration-local')]);
    expect(l.status, l.stderr).toBe(0);
    const q = start([...CALIBRATE, '--quiet', '--out', join(dir, 'calibration-queued'), '--queue', url]);
    expect(await q.exited, q.output()).toBe(0);
    expect(read(join(dir, 'calibration-queued'), CALIBRATION_FILES)).toEqual(read(join(dir, 'calibration-local'), CALIBRATION_FILES));
  });

  it('completes with the same files when a worker is killed (SIGKILL) in the middle of a chunk: its job goes back to the queue', async () => {
    const victim = workers[0];
    const before = victim.output().length;
    const r = start([...BATCH, '--out', join(dir, 'killed'), '--queue', url]);
    // Once it has finished a chunk of this batch it holds the next (it takes two at a time).
    await until('the worker to finish a chunk', () => /^gpu-market: runs \d+ to \d+: /m.test(victim.output().slice(before)));
    victim.child.kill('SIGKILL');
    expect(await r.exited, r.output()).toBe(0);
    expect(read(join(dir, 'killed'), BATCH_FILES)).toEqual(local);
    expect(workers[1].output()).toMatch(/lost its worker and is back in the queue/);
    workers[0] = await startWorker(url);
  });
});

describe('a batch whose Redis server goes away', () => {
  let redis: LocalRedis;
  const workers: Running[] = [];
  beforeAll(async () => {
    redis = await redisServer();
    workers.push(await startWorker(redis.url), await startWorker(redis.url));
  });
  afterAll(() => Promise.all(workers.map(stopWorker)));

  it('waits for the server stopped mid-batch, sends its chunks again once it is back (empty), and writes the same files', async () => {
    const r = start([...BATCH, '--out', join(dir, 'restarted'), '--queue', redis.url, '--queue-wait', '120']);
    await until('a first chunk merged', () => merged(r));
    await redis.stop();
    await until('the coordinator to notice', () => r.output().includes("lost the queue's Redis server"));
    await redis.start();
    expect(await r.exited, r.output()).toBe(0);
    expect(r.output()).toMatch(/Redis server at redis:\/\/127\.0\.0\.1:\d+\/0 is back; sending the \d+ chunks out again/);
    expect(read(join(dir, 'restarted'), BATCH_FILES)).toEqual(local);
  });

  it('stops with a checkpoint when the server stays away longer than --queue-wait, and --resume finishes the batch', async () => {
    const out = join(dir, 'gave-up');
    const r = start([...BATCH, '--out', out, '--queue', redis.url, '--queue-wait', '2']);
    await until('a first chunk merged', () => merged(r));
    await redis.stop();
    const code = await r.exited;
    await redis.start();
    expect(code, r.output()).toBe(130);
    expect(r.output()).toMatch(/^gpu-market: the queue's Redis server at redis:\/\/127\.0\.0\.1:\d+\/0 was unreachable for 2 s; interrupted after \d+ runs; a checkpoint is in /m);
    expect(existsSync(join(out, 'checkpoint.json'))).toBe(true);
    const resumed = await queuedBatch(redis.url, 'gave-up', '--resume');
    expect(resumed.child.exitCode, resumed.output()).toBe(0);
    expect(read(out, BATCH_FILES)).toEqual(local);
  });
});

describe('a password-protected Redis server that evicts', () => {
  const PASSWORD = 'not so s3cret';
  let redis: LocalRedis;
  let worker: Running;
  beforeAll(async () => {
    redis = await redisServer({ password: PASSWORD, maxmemoryPolicy: 'allkeys-lru' });
    worker = await startWorker(redis.url);
  });
  afterAll(() => stopWorker(worker));

  it('runs the batch with the password in the URL, warns of the eviction, and never shows the password', async () => {
    const r = await queuedBatch(redis.url, 'password');
    expect(r.child.exitCode, r.output()).toBe(0);
    expect(read(join(dir, 'password'), BATCH_FILES)).toEqual(local);
    expect(r.output()).toMatch(/^gpu-market: warning: the Redis server at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0 has maxmemory-policy allkeys-lru: .*set maxmemory-policy noeviction$/m);
    expect(r.output() + worker.output()).not.toContain('s3cret');
  });

  it('refuses a wrong password in one line, without the password', () => {
    const r = cli([...BATCH, '--out', join(dir, 'wrong'), '--queue', `redis://:wrong-one@127.0.0.1:${redis.port}`, '--quiet']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^gpu-market: the Redis server at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0 refused the credentials \(.*\); check the user and password in --queue\n$/);
    expect(r.stderr).not.toContain('wrong-one');
    expect(existsSync(join(dir, 'wrong', 'summary.json'))).toBe(false);
  });
});

describe('jobs a worker must not run', () => {
  let redis: LocalRedis;
  let worker: Running;
  let queue: Queue;
  let client: Redis;
  let protocol: typeof import('../../dist/queue/protocol.js');
  let build = '';
  beforeAll(async () => {
    redis = await redisServer();
    worker = await startWorker(redis.url);
    protocol = await import('../../dist/queue/protocol.js');
    build = (await import('../../dist/montecarlo/buildIdentity.js')).buildIdentity();
    queue = new Queue(protocol.queueName(build), { connection: { host: '127.0.0.1', port: redis.port }, prefix: protocol.PREFIX });
    client = new Redis(redis.port, '127.0.0.1');
  });
  afterAll(async () => {
    client.disconnect();
    await queue.close();
    await stopWorker(worker);
  });

  /** Puts a job of one chunk in the worker's queue, with `edit` applied to its data, and waits for the worker's answer. */
  async function answerTo(jobId: string, edit: (job: { build: string; task: string }) => void): Promise<{ error?: string; failedReason?: string }> {
    const { encodeTask, replyKey } = protocol;
    const { loadScenario } = await import('../../dist/scenario/load.js');
    const { planBatch } = await import('../../dist/montecarlo/plan.js');
    const plan = planBatch(loadScenario(BASELINE, ['end=2025-12']), { runs: 2, seed: 1, design: 'lhs' });
    const task = { scenario: plan.scenario, seed: 1, paths: plan.paths, from: 0, rows: plan.rows, months: 36 };
    const reply = replyKey(`test-${jobId}`);
    const data = { build, task: encodeTask(task).toString('base64'), reply, from: 0, runs: 2 };
    edit(data);
    await queue.add('chunk', data, { jobId });
    let answer: string | null = null;
    await until('the worker to answer', async () => (answer = await client.lpop(reply)) !== null);
    await until('the job to fail', async () => (await queue.getJobState(jobId)) === 'failed');
    return { ...(JSON.parse(answer!) as { error?: string }), failedReason: (await queue.getJob(jobId))?.failedReason };
  }

  it('refuses a job made by another build of gpu-market, and says why', async () => {
    const r = await answerTo('foreign', (job) => (job.build = '0.0.1+0123456789abcdef'));
    expect(r.error).toBe(`it was made by another build of gpu-market (0.0.1+0123456789abcdef; this worker is ${build}): run coordinator and workers of one build`);
    expect(r.failedReason).toBe(r.error);
    expect(worker.output()).toContain(`refused job foreign: ${r.error}`);
  });

  it('refuses a job whose scenario fails the scenario schema, and says where', async () => {
    const { deserialize, serialize } = await import('node:v8');
    const r = await answerTo('invalid', (job) => {
      const task = deserialize(Buffer.from(job.task, 'base64'));
      task.scenario.vendor.outputScale = -1;
      job.task = serialize(task).toString('base64');
    });
    expect(r.error).toMatch(/^its task is not valid: scenario\.vendor\.outputScale: /);
    expect(worker.output()).toContain('refused job invalid: its task is not valid');
  });
});
