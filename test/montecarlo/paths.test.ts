/**
 * paths.arrow: every run's monthly path, written while the batch runs, in run order, with the same
 * bytes for any worker count, chunk size or interruption. The worker pool runs compiled workers, so
 * these tests drive the built library in dist/ (test/globalSetup.ts builds it once).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordBatchStreamReader, tableFromIPC } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/index.js';
import { InOrder } from '../../src/montecarlo/inOrder.js';

const dist = async () => ({
  batch: await import('../../dist/montecarlo/batch.js'),
  plan: await import('../../dist/montecarlo/plan.js'),
  pool: await import('../../dist/montecarlo/pool.js'),
  pathsFile: await import('../../dist/montecarlo/pathsFile.js'),
  sim: await import('../../dist/model/simulate.js'),
  chunk: await import('../../dist/montecarlo/chunk.js'),
  checkpoint: await import('../../dist/montecarlo/checkpoint.js'),
  format: await import('../../dist/format/formatNumber.js'),
  calendar: await import('../../dist/model/calendar.js'),
  transfer: await import('../../dist/montecarlo/transfer.js'),
});
type Dist = Awaited<ReturnType<typeof dist>>;
type Plan = ReturnType<Dist['plan']['planBatch']>;

const scenario = loadScenario('scenarios/baseline.yaml', ['end=2024-12']);
const METRICS = ['spotRentCcyPerRefGpuHour', 'installedGpus_H100', 'regime', 'cashCcy'];

const tmp = mkdtempSync(join(tmpdir(), 'gpu-market-paths-'));
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  await (await dist()).pool.closePool();
});
let files = 0;

/** Runs `plan` with `options`, writing paths.arrow of `metrics` (record batches of `rowsPerBatch` rows); returns the file's bytes. */
async function pathsOf(d: Dist, plan: Plan, options: object, metrics: readonly string[] = METRICS, rowsPerBatch?: number): Promise<Buffer> {
  const path = join(tmp, `paths-${files++}.arrow`);
  const file = d.pathsFile.PathsFile.create(path, plan, metrics, rowsPerBatch);
  await d.batch.runBatch(plan, { workers: 2, ...options, paths: { metrics, write: (p: Parameters<typeof file.write>[0]) => file.write(p) } });
  file.finish();
  return readFileSync(path);
}

describe('paths.arrow', () => {
  it('holds each run by month, typed, with units: the values a single run of that run gives', async () => {
    const d = await dist();
    const plan = d.plan.planBatch(scenario, { runs: 9, seed: 4, design: 'lhs' });
    const bytes = await pathsOf(d, plan, { chunkSize: 4 });
    const table = tableFromIPC(bytes);
    const months = d.calendar.monthRange(scenario.start, scenario.end);
    expect(table.numRows).toBe(9 * months.length);
    // Between the leading magic and the footer, the stream format, schema first: readers that read it as a stream get every row too.
    expect([...RecordBatchStreamReader.from(bytes.subarray(8))].reduce((n, b) => n + b.numRows, 0)).toBe(table.numRows);
    expect(table.schema.fields.map((f) => [f.name, String(f.type), f.nullable, f.metadata.get('unit')])).toEqual([
      ['run', 'Int32', false, 'run index'],
      ['month', 'Utf8', false, 'month'],
      ['spotRentCcyPerRefGpuHour', 'Float64', false, 'CNY per reference-GPU-hour'],
      ['installedGpus_H100', 'Float64', false, 'GPUs'],
      ['regime', 'Float64', false, 'code: 0 blue, 1 transition, 2 red'],
      ['cashCcy', 'Float64', false, 'CNY'],
    ]);
    expect(Object.fromEntries(table.schema.metadata)).toMatchObject({ format: 'gpu-market-paths/1', seed: '4', runs: '9', design: 'lhs', currency: 'CNY' });
    const run = table.getChild('run')!.toArray() as Int32Array;
    const month = table.getChild('month')!.toArray() as string[];
    for (const i of [0, 5, 8]) {
      const r = d.sim.simulate(d.plan.scenarioForRun(plan.scenario, plan.paths, plan.rows[i]), plan.seed, { runIndex: i });
      const at = i * months.length;
      expect(Array.from(run.subarray(at, at + months.length))).toEqual(months.map(() => i));
      expect(month.slice(at, at + months.length)).toEqual(months);
      for (const m of METRICS) {
        const column = (d.chunk.columnOf(r, m) as Float64Array) ?? [];
        const written = Array.from((table.getChild(m)!.toArray() as Float64Array).subarray(at, at + months.length));
        expect(written, `${m} of run ${i}`).toEqual(Array.from(column, d.format.roundForFile));
      }
    }
  });

  it('is byte-identical for any worker count and chunk size, record batches crossing chunks', async () => {
    const d = await dist();
    const plan = d.plan.planBatch(scenario, { runs: 17, seed: 2, design: 'mc' });
    const months = d.calendar.monthRange(scenario.start, scenario.end).length;
    // Three runs a record batch: boundaries fall inside chunks and between them.
    const rows = 3 * months;
    const a = await pathsOf(d, plan, { workers: 0, chunkSize: 17 }, METRICS, rows);
    const b = await pathsOf(d, plan, { workers: 2, chunkSize: 2 }, METRICS, rows);
    // The pool is the process's, of one size: another size needs it closed first.
    await d.pool.closePool();
    const c = await pathsOf(d, plan, { workers: 1, chunkSize: 5 }, METRICS, rows);
    await d.pool.closePool();
    expect(b.equals(a)).toBe(true);
    expect(c.equals(a)).toBe(true);
    const table = tableFromIPC(a);
    expect(table.batches.map((x) => x.numRows)).toEqual([...Array(5).fill(rows), 2 * months]);
    expect(Array.from(new Set(table.getChild('run')!.toArray() as Int32Array))).toEqual([...Array(17).keys()]);
  });

  it('is the same after an interruption and --resume: the runs the checkpoint holds run again for their paths', async () => {
    const d = await dist();
    const plan = d.plan.planBatch(scenario, { runs: 15, seed: 3, design: 'lhs' });
    const whole = await pathsOf(d, plan, { chunkSize: 3 });
    const dir = mkdtempSync(join(tmp, 'ckpt-'));
    const stop = new AbortController();
    let chunks = 0;
    const cut = await d.batch
      .runBatch(plan, {
        workers: 0,
        chunkSize: 3,
        signal: stop.signal,
        onChunk: (state: Parameters<typeof d.checkpoint.writeCheckpoint>[1]) => {
          if (++chunks === 2) {
            d.checkpoint.writeCheckpoint(dir, state);
            stop.abort();
          }
        },
      })
      .catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(d.batch.BatchInterrupted);
    const template = d.chunk.scenarioAccumulators(plan.scenario);
    const resume = d.checkpoint.readCheckpoint(dir, d.checkpoint.batchIdentity(plan, { index: 0, count: 1 }, 0), template);
    expect(resume.doneChunks).toEqual([0, 3]);
    expect((await pathsOf(d, plan, { resume })).equals(whole)).toBe(true);
  });

  it('on an executor that takes every chunk at once (a work queue), runs no more than its window ahead of the file, with the same bytes', async () => {
    const d = await dist();
    const plan = d.plan.planBatch(scenario, { runs: 24, seed: 5, design: 'mc' });
    const whole = await pathsOf(d, plan, { workers: 0, chunkSize: 2 });
    let running = 0;
    let most = 0;
    const executor = {
      ready: async () => {},
      capacity: () => 1,
      lanes: () => Number.MAX_SAFE_INTEGER,
      // Earlier chunks wait more turns of the event loop, so results come back out of order.
      async run(task: { from: number }, name: string | undefined) {
        most = Math.max(most, ++running);
        for (let turn = task.from; turn < 30; turn++) await new Promise((resolve) => setImmediate(resolve));
        running--;
        const result = name === 'paths' ? d.chunk.runPathsChunk(task as never) : d.chunk.runChunkEncoded(task as never, {});
        return d.transfer.toBuffer(result);
      },
    };
    expect((await pathsOf(d, plan, { chunkSize: 2, executor })).equals(whole)).toBe(true);
    // Four chunks per thread the chunks are sized for (batch.ts), of twelve.
    expect(most).toBe(4);
  });

  it('refuses a metric the runs do not have', async () => {
    const d = await dist();
    const plan = d.plan.planBatch(scenario, { runs: 2, seed: 1, design: 'mc' });
    await expect(d.batch.runBatch(plan, { workers: 0, paths: { metrics: ['noSuchMetric'], write: () => {} } })).rejects.toThrow(/no metric noSuchMetric/);
    expect(() => d.pathsFile.PathsFile.create(join(tmp, 'x.arrow'), plan, ['noSuchMetric'])).toThrow(/no metric noSuchMetric/);
  });
});

describe('results in run order', () => {
  it('hands results on in order, whatever order they come in, and admits a chunk only within the window', async () => {
    const out: string[] = [];
    const order = new InOrder<string>([0, 10, 20, 30, 40], 2, (v) => out.push(v));
    const admitted: number[] = [];
    for (const from of [0, 10, 20, 30]) void order.admit(from).then(() => admitted.push(from));
    await Promise.resolve();
    expect(admitted).toEqual([0, 10]);
    order.put(10, 'b');
    expect(out).toEqual([]);
    expect(order.heldCount).toBe(1);
    order.put(0, 'a');
    expect(out).toEqual(['a', 'b']);
    await Promise.resolve();
    expect(admitted).toEqual([0, 10, 20, 30]);
    order.put(30, 'd');
    order.put(40, 'e');
    order.put(20, 'c');
    expect(out).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(order.complete).toBe(true);
  });

  it('lets waiting chunks go when the batch stops, and rejects them once handing on failed', async () => {
    const released = new InOrder<string>([0, 1, 2], 1, () => {});
    const waiting = released.admit(2);
    released.release();
    await expect(waiting).resolves.toBeUndefined();

    const failing = new InOrder<string>([0, 1, 2], 1, () => {
      throw new Error('disk full');
    });
    const later = failing.admit(2);
    expect(() => failing.put(0, 'a')).toThrow('disk full');
    await expect(later).rejects.toThrow('disk full');
    await expect(failing.admit(1)).rejects.toThrow('disk full');
  });
});
