/**
 * A chunk that finishes twice (a stalled job run again while its first worker still delivers) is
 * merged once. The coordinator runs in this process against a real redis-server; its worker is
 * the real job processor, which here delivers every result a second time: at once for half the
 * chunks, and late (during the next chunk) for the others. The pool runs compiled workers, so the
 * code comes from dist/ (built by test/globalSetup.ts).
 */
import { Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { BASELINE } from '../cli/helpers.js';
import { redisServersForFile } from '../support/redisServer.js';

const dist = async () => ({
  batch: await import('../../dist/montecarlo/batch.js'),
  plan: await import('../../dist/montecarlo/plan.js'),
  pool: await import('../../dist/montecarlo/pool.js'),
  executor: await import('../../dist/montecarlo/executor.js'),
  json: await import('../../dist/format/json.js'),
  scenario: await import('../../dist/scenario/load.js'),
  protocol: await import('../../dist/queue/protocol.js'),
  url: await import('../../dist/queue/redisUrl.js'),
  coordinator: await import('../../dist/queue/queueExecutor.js'),
  worker: await import('../../dist/queue/queueWorker.js'),
});

const redisServer = redisServersForFile();
const CHUNKS = 6;
const CHUNK = 8;

describe('a chunk finished twice', () => {
  const closing: (() => Promise<unknown> | void)[] = [];
  afterAll(async () => {
    for (const close of closing.reverse()) await close();
  });

  it('is merged once: the summary is the batch run in this process, and every chunk is counted once', async () => {
    const d = await dist();
    const redis = await redisServer();
    const client = new Redis(redis.port, '127.0.0.1', { maxRetriesPerRequest: null });
    closing.push(() => client.disconnect());
    closing.push(() => d.pool.closePool());

    // The real processor on this process's pool, with every result kept to be delivered again.
    const results = new Map<string, ArrayBuffer>();
    const pool = d.executor.localExecutor(1);
    const keeping = { ...pool, run: async (...args: Parameters<typeof pool.run>) => pool.run(...args).then((r) => (results.set(args[0].from.toString(), r.slice(0)), r)) };
    const context = await d.worker.chunkContext(client, keeping, () => {});
    let late: (() => Promise<void>) | undefined;
    let deliveries = 0;
    const worker = new Worker(
      d.protocol.queueName(context.build),
      async (job: Job) => {
        const again = () => d.worker.deliverResult(client, job.id!, job.data.reply, results.get(String(job.data.from))!, 0).then(() => void deliveries++);
        await late?.();
        late = undefined;
        const r = await d.worker.processChunk(job, context);
        deliveries++;
        if ((job.data.from / CHUNK) % 2 === 0) await again();
        else late = again;
        return r;
      },
      { connection: { host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null }, prefix: d.protocol.PREFIX, concurrency: 1 },
    );
    closing.push(() => worker.close());

    const coordinator = new d.coordinator.QueueExecutor(d.url.parseRedisUrl(redis.url), { timeoutMs: 60_000, log: () => {} });
    closing.push(() => coordinator.close());
    const plan = d.plan.planBatch(d.scenario.loadScenario(BASELINE, ['end=2025-12']), { runs: CHUNKS * CHUNK, seed: 9, design: 'lhs' });
    const queued = await d.batch.runBatch(plan, { workers: 1, chunkSize: CHUNK, executor: coordinator });
    const here = await d.batch.runBatch(plan, { workers: 0, chunkSize: CHUNK });
    expect(d.json.jsonText(queued.summary)).toBe(d.json.jsonText(here.summary));
    expect(queued.runs.map((r) => r.index)).toEqual(here.runs.map((r) => r.index));
    expect(coordinator.costs.chunks).toBe(CHUNKS);
    // Every chunk was delivered twice, but perhaps the last one (its late copy has no next chunk to ride on).
    expect(deliveries).toBeGreaterThanOrEqual(2 * CHUNKS - 1);
  });
});
