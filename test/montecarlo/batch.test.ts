/**
 * A batch's summary depends only on the runs, never on how they were scheduled. The worker pool
 * runs compiled workers, so these tests drive the built library in dist/ (test/globalSetup.ts
 * builds it once).
 */
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTampered } from '../support/tamper.js';
import { loadScenario } from '../../src/scenario/index.js';

const dist = async () => ({
  batch: await import('../../dist/montecarlo/batch.js'),
  plan: await import('../../dist/montecarlo/plan.js'),
  pool: await import('../../dist/montecarlo/pool.js'),
  json: await import('../../dist/format/json.js'),
  sim: await import('../../dist/model/simulate.js'),
  chunk: await import('../../dist/montecarlo/chunk.js'),
});

const RUNS = 48;

/** The accumulators a plan's batch starts from, which its checkpoints must match. */
const template = (d: Awaited<ReturnType<typeof dist>>, plan: { scenario: typeof scenario }) => d.chunk.emptyAccumulators(plan.scenario, d.sim.simulate(plan.scenario, 1).months.length);
const scenario = loadScenario('scenarios/baseline.yaml', ['end=2025-12']);

type Dist = Awaited<ReturnType<typeof dist>>;
type Checkpoints = typeof import('../../dist/montecarlo/checkpoint.js');
type Plan = ReturnType<Dist['plan']['planBatch']>;
type State = Parameters<Checkpoints['writeCheckpoint']>[1];

/**
 * Runs `plan` with `options` in this process, chunks of 3, and stops it after its `n`th chunk
 * with a checkpoint in `dir` (after `each` has seen every chunk's state); returns the checkpoint's JSON.
 */
async function checkpointAfter(d: Dist, cp: Checkpoints, plan: Plan, dir: string, n: number, options: object, each: (state: State, chunk: number) => void = () => {}) {
  const stop = new AbortController();
  let chunks = 0;
  const cut = await d.batch
    .runBatch(plan, {
      ...options,
      workers: 0,
      chunkSize: 3,
      signal: stop.signal,
      onChunk: (state: State) => {
        each(state, ++chunks);
        if (chunks === n) {
          cp.writeCheckpoint(dir, state);
          stop.abort();
        }
      },
    })
    .catch((e: unknown) => e);
  expect(cut).toBeInstanceOf(d.batch.BatchInterrupted);
  return JSON.parse(readFileSync(join(dir, 'checkpoint.json'), 'utf8'));
}

/** Resumes `plan` from the checkpoint in `dir` on 2 workers, and checks that it ends with the summary and records of `whole`. */
async function expectResumedAs(d: Dist, cp: Checkpoints, plan: Plan, dir: string, whole: { summary: object; runs: unknown[] }) {
  const resumed = await d.batch.runBatch(plan, { workers: 2, resume: cp.readCheckpoint(dir, cp.batchIdentity(plan, { index: 0, count: 1 }, 0), template(d, plan)) });
  expect(d.json.jsonText(resumed.summary)).toBe(d.json.jsonText(whole.summary));
  expect(JSON.stringify(resumed.runs)).toBe(JSON.stringify(whole.runs));
}

afterAll(async () => (await dist()).pool.closePool());

describe('a batch summary', () => {
  it('is byte-identical in-process, on 2 workers, and for any chunk size', async () => {
    const d = await dist();
    const plan = d.plan.planBatch(scenario, { runs: RUNS, seed: 9, design: 'lhs' });
    const text = async (workers: number, chunkSize?: number) => d.json.jsonText((await d.batch.runBatch(plan, { workers, chunkSize })).summary);
    const inProcess = await text(0);
    expect(await text(2, 5)).toBe(inProcess);
    expect(await text(2, 48)).toBe(inProcess);
    expect(await text(0, 1)).toBe(inProcess);
  });

  it('changes with the master seed', async () => {
    const d = await dist();
    const a = await d.batch.runBatch(d.plan.planBatch(scenario, { runs: 8, seed: 1, design: 'mc' }), { workers: 0 });
    const b = await d.batch.runBatch(d.plan.planBatch(scenario, { runs: 8, seed: 2, design: 'mc' }), { workers: 0 });
    expect(d.json.jsonText(a.summary)).not.toBe(d.json.jsonText(b.summary));
  });

  it('lets any run be rebuilt alone from its index', async () => {
    const d = await dist();
    const plan = d.plan.planBatch(scenario, { runs: RUNS, seed: 3, design: 'lhs' });
    const { runs } = await d.batch.runBatch(plan, { workers: 2, chunkSize: 7 });
    const i = 29;
    const alone = d.sim.simulate(d.plan.scenarioForRun(plan.scenario, plan.paths, plan.rows[i]), plan.seed, { runIndex: i });
    expect(alone.outcomes).toEqual(runs[i].outcomes);
    expect(runs[i].inputs).toEqual(plan.rows[i]);
  });

  it('extracts chosen monthly values and keeps the paths of the first runs, whatever the scheduling', async () => {
    const d = await dist();
    const plan = d.plan.planBatch(scenario, { runs: 12, seed: 4, design: 'lhs' });
    const extract = [
      { metric: 'spotRentCcyPerRefGpuHour', month: 20 },
      { metric: 'installedGpus_A100', month: 5 },
      { metric: 'spotRentCcyPerGpuHour_H800', month: 9 },
    ];
    const a = await d.batch.runBatch(plan, { workers: 2, chunkSize: 5, extract, samplePaths: 3 });
    const b = await d.batch.runBatch(plan, { workers: 0, chunkSize: 12, extract, samplePaths: 3 });
    expect(a.runs).toEqual(b.runs);
    const i = 7;
    const alone = d.sim.simulate(d.plan.scenarioForRun(plan.scenario, plan.paths, plan.rows[i]), plan.seed, { runIndex: i });
    expect(a.runs[i].extracted).toEqual([alone.metrics.spotRentCcyPerRefGpuHour[20], alone.byGeneration.installedGpus_A100[5], alone.byGeneration.spotRentCcyPerGpuHour_H800[9]]);
    await expect(d.batch.runBatch(plan, { workers: 0, extract: [{ metric: 'noSuchMetric', month: 1 }] })).rejects.toThrow(/no metric noSuchMetric/);
    await expect(d.batch.runBatch(plan, { workers: 0, extract: [{ metric: 'utilisation', month: 36 }] })).rejects.toThrow(/outside/);
    expect(a.runs.filter((r) => r.path !== undefined).map((r) => r.index)).toEqual([0, 1, 2]);
    const first = d.sim.simulate(d.plan.scenarioForRun(plan.scenario, plan.paths, plan.rows[0]), plan.seed, { runIndex: 0 });
    expect(a.runs[0].path!.netMargin).toEqual(Array.from(first.metrics.netMargin));
    expect(a.runs[0].path!.listRentCcyPerGpuHour_A100).toEqual(Array.from(first.byGeneration.listRentCcyPerGpuHour_A100));
  });

  it('records a run that throws and goes on with the rest', async () => {
    const d = await dist();
    // A drawn probability above 1 makes those runs' scenarios invalid.
    const rigged = loadScenario('scenarios/baseline.yaml', ['end=2024-06']);
    rigged.uncertain = { 'entrants.baseMonthlyProbability': { dist: 'uniform', min: 0.5, max: 1.5 } };
    rigged.correlations = [];
    const plan = d.plan.planBatch(rigged, { runs: 20, seed: 1, design: 'lhs' });
    const result = await d.batch.runBatch(plan, { workers: 2, chunkSize: 3 });
    const expectedFailures = plan.rows.filter((r: number[]) => r[0] > 1).length;
    expect(expectedFailures).toBeGreaterThan(0);
    expect(result.failures).toHaveLength(expectedFailures);
    expect(result.runs).toHaveLength(20 - expectedFailures);
    expect(result.summary.failedRuns).toBe(expectedFailures);
    expect(result.failures[0].message).toMatch(/baseMonthlyProbability/);
  });

  it('runs again the chunk of a worker that died, and the summary does not change', async () => {
    const d = await dist();
    await d.pool.closePool();
    const marker = join(mkdtempSync(join(tmpdir(), 'gpu-market-die-')), 'died');
    process.env.GPU_MARKET_TEST_DIE_MARKER = marker;
    try {
      const plan = d.plan.planBatch(scenario, { runs: 16, seed: 4, design: 'lhs' });
      const workerFile = new URL('../fixtures/montecarlo/dyingWorker.mjs', import.meta.url).href;
      const survived = await d.batch.runBatch(plan, { workers: 2, chunkSize: 4, workerFile });
      expect(existsSync(marker)).toBe(true);
      const calm = await d.batch.runBatch(plan, { workers: 0 });
      expect(d.json.jsonText(survived.summary)).toBe(d.json.jsonText(calm.summary));
    } finally {
      delete process.env.GPU_MARKET_TEST_DIE_MARKER;
      await d.pool.closePool();
    }
  });

  it('resumes an interrupted batch from its checkpoint to the summary of an uninterrupted one', async () => {
    const d = await dist();
    const cp = await import('../../dist/montecarlo/checkpoint.js');
    const plan = d.plan.planBatch(scenario, { runs: 24, seed: 6, design: 'lhs' });
    const whole = d.json.jsonText((await d.batch.runBatch(plan, { workers: 2, chunkSize: 3 })).summary);
    const dir = mkdtempSync(join(tmpdir(), 'gpu-market-ckpt-'));
    const stop = new AbortController();
    let chunks = 0;
    const cut = d.batch.runBatch(plan, {
      workers: 2,
      chunkSize: 3,
      signal: stop.signal,
      onChunk: (state: Parameters<typeof cp.writeCheckpoint>[1]) => {
        cp.writeCheckpoint(dir, state);
        if (++chunks === 2) stop.abort();
      },
    });
    const err = await cut.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(d.batch.BatchInterrupted);
    const saved = cp.readCheckpoint(dir, { ...cp.batchIdentity(plan, { index: 0, count: 1 }, 0) }, template(d, plan));
    expect(saved.doneChunks.length).toBeGreaterThanOrEqual(2);
    expect(saved.doneChunks.length).toBeLessThan(8);
    const resumed = await d.batch.runBatch(plan, { workers: 2, resume: saved });
    expect(d.json.jsonText(resumed.summary)).toBe(whole);
  });

  it('keeps its records in a file when asked, with the same summary and records, and resumes from that file', async () => {
    const d = await dist();
    const cp = await import('../../dist/montecarlo/checkpoint.js');
    const plan = d.plan.planBatch(scenario, { runs: 24, seed: 6, design: 'lhs' });
    const inMemory = await d.batch.runBatch(plan, { workers: 2, chunkSize: 3, samplePaths: 2 });
    const dir = mkdtempSync(join(tmpdir(), 'gpu-market-spill-'));
    const spilled = await d.batch.runBatch(plan, { workers: 2, chunkSize: 3, samplePaths: 2, spillDir: dir });
    expect(d.json.jsonText(spilled.summary)).toBe(d.json.jsonText(inMemory.summary));
    expect(JSON.stringify(spilled.runs)).toBe(JSON.stringify(inMemory.runs));
    // The records stay out of memory while the batch runs: a checkpoint holds none of them.
    const saved = await checkpointAfter(d, cp, plan, dir, 3, { samplePaths: 2, spillDir: dir }, (state) => expect(state.runs).toEqual([]));
    expect(saved.runs).toEqual([]);
    expect(saved.spilled.runs).toBe(9);
    // Chunks that finished after the checkpoint are cut off the file on resume.
    appendFileSync(join(dir, 'checkpoint-records.ndjson'), '[{"index":9}]\n[{"index":10');
    await expectResumedAs(d, cp, plan, dir, inMemory);
  });

  it('keeps the rest of its records in memory once their file cannot be written, and resumes from both', async () => {
    const d = await dist();
    const cp = await import('../../dist/montecarlo/checkpoint.js');
    const plan = d.plan.planBatch(scenario, { runs: 24, seed: 6, design: 'lhs' });
    const whole = await d.batch.runBatch(plan, { workers: 0, chunkSize: 3 });
    const dir = mkdtempSync(join(tmpdir(), 'gpu-market-spill-'));
    const failures: unknown[] = [];
    const saved = await checkpointAfter(d, cp, plan, dir, 4, { spillDir: dir, onSpillFailed: (err: unknown) => failures.push(err) }, (state, chunk) => {
      // The disk fills after the second chunk.
      if (chunk === 2)
        state.spill!.append = () => {
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        };
    });
    expect(failures).toHaveLength(1);
    expect([saved.spilled.runs, saved.runs.length]).toEqual([6, 6]);
    await expectResumedAs(d, cp, plan, dir, whole);
  });

  it('will not resume from a records file that is missing, short, edited or inconsistent with its checkpoint', async () => {
    const d = await dist();
    const cp = await import('../../dist/montecarlo/checkpoint.js');
    const plan = d.plan.planBatch(scenario, { runs: 12, seed: 6, design: 'lhs' });
    const dir = mkdtempSync(join(tmpdir(), 'gpu-market-spill-'));
    let written = 0;
    await d.batch.runBatch(plan, { workers: 0, chunkSize: 3, spillDir: dir, onChunk: (state: Parameters<typeof cp.writeCheckpoint>[1]) => void (++written === 2 && cp.writeCheckpoint(dir, state)) });
    const records = join(dir, 'checkpoint-records.ndjson');
    const path = join(dir, 'checkpoint.json');
    const goodRecords = readFileSync(records);
    const good = JSON.parse(readFileSync(path, 'utf8'));
    const id = cp.batchIdentity(plan, { index: 0, count: 1 }, 0);
    const resume = () => cp.readCheckpoint(dir, id, template(d, plan));
    resume().spill?.close();
    const refused = (fault: RegExp) => {
      expect(resume).toThrow(fault);
      writeFileSync(records, goodRecords);
      writeFileSync(path, JSON.stringify(good));
    };
    rmSync(records);
    refused(/checkpoint-records\.ndjson: the records file of the checkpoint is missing/);
    writeFileSync(records, goodRecords.subarray(0, goodRecords.indexOf(10) + 1));
    refused(/checkpoint-records\.ndjson: its whole records take \d+ bytes where the checkpoint counts \d+/);
    writeFileSync(records, Buffer.from(goodRecords.toString('latin1').replace('"index":1,', '"index":7,'), 'latin1'));
    refused(/checkpoint-records\.ndjson: its records are not those the checkpoint saw/);
    // A forged checkpoint that describes its file rightly but lists other chunks.
    writeTampered(path, good, (c) => (c.doneChunks = [3, 6]), true);
    refused(/holds run 0, which is in none of its finished chunks/);
    writeTampered(path, good, (c) => (c.spilled.runs = 5), true);
    refused(/it holds 6 records where the checkpoint counts 5/);
    writeTampered(path, good, (c) => (c.spilled = 'all of them'), true);
    refused(/does not describe its records file/);
  });

  it('will not resume a checkpoint of another batch', async () => {
    const d = await dist();
    const cp = await import('../../dist/montecarlo/checkpoint.js');
    const plan = d.plan.planBatch(scenario, { runs: 6, seed: 6, design: 'lhs' });
    const dir = mkdtempSync(join(tmpdir(), 'gpu-market-ckpt-'));
    await d.batch.runBatch(plan, { workers: 0, chunkSize: 3, onChunk: (state: Parameters<typeof cp.writeCheckpoint>[1]) => cp.writeCheckpoint(dir, state) });
    const other = d.plan.planBatch(scenario, { runs: 6, seed: 7, design: 'lhs' });
    expect(() => cp.readCheckpoint(dir, cp.batchIdentity(other, { index: 0, count: 1 }, 0), template(d, other))).toThrow(/different batch/);
  });

  it('will not resume an edited, damaged, foreign-build or inconsistent checkpoint', async () => {
    const d = await dist();
    const cp = await import('../../dist/montecarlo/checkpoint.js');
    const plan = d.plan.planBatch(scenario, { runs: 12, seed: 6, design: 'lhs' });
    const dir = mkdtempSync(join(tmpdir(), 'gpu-market-ckpt-'));
    let written = 0;
    // A checkpoint after the second of four chunks of three runs.
    await d.batch.runBatch(plan, { workers: 0, chunkSize: 3, onChunk: (state: Parameters<typeof cp.writeCheckpoint>[1]) => void (++written === 2 && cp.writeCheckpoint(dir, state)) });
    const path = join(dir, 'checkpoint.json');
    const good = JSON.parse(readFileSync(path, 'utf8'));
    const id = cp.batchIdentity(plan, { index: 0, count: 1 }, 0);
    expect(cp.readCheckpoint(dir, id, template(d, plan)).doneChunks).toEqual([0, 3]);
    const refused = (edit: (c: Record<string, any>) => void, reseal: boolean, fault: RegExp) => {
      writeTampered(path, good, edit, reseal);
      expect(() => cp.readCheckpoint(dir, id, template(d, plan))).toThrow(fault);
    };
    refused((c) => (c.runs[0].outcomes = {}), false, /does not match its checksum/);
    refused((c) => (c.build = '0.0.1+0123456789abcdef'), true, /another build/);
    refused((c) => (c.doneChunks = [3, 6]), true, /holds run 0, which is in none of its finished chunks/);
    refused((c) => (c.doneChunks = [0, 3, 6]), true, /holds 6 runs where its finished chunks have 9/);
    refused((c) => (c.doneChunks = [0, 4]), true, /not a chunk of this batch/);
    refused((c) => (c.identity.chunkSize = 1e9), true, /chunk size 1000000000 does not fit its 12 runs/);
    refused((c) => (c.identity.chunkSize = 0), true, /chunk size 0/);
    refused((c) => c.runs.push(c.runs[0]), true, /twice/);
    refused((c) => (c.bands.runs = 5), true, /its bands count 5 runs where it holds 6 finished runs/);
    refused((c) => (c.probabilities.total = 7), true, /its event counts count 7 runs where it holds 6 finished runs/);
    refused((c) => (c.bands.metrics[0] = 'other'), true, /its bands are not shaped like the batch's/);
    refused((c) => (c.bands.metrics = c.bands.metrics.slice(1)), true, /its bands are malformed \(metric-bands\/2: sketches holds \d+ cells, where metrics × months is \d+\)/);
    // The accumulators of another plan's runs (a checkpoint of 6 runs where it lists 9).
    refused((c) => (c.bands.sketches.rows.$f64[0][0] = 9), true, /its bands are malformed \(ddsketch-list\/1: sketch 0: its count 9 is not its bucket counts plus zeroCount \(6\)\)/);
    refused((c) => (c.probabilities.hits.$f64[0][0] = 7), true, /its event counts are malformed \(event-counts\/1: blue in month 0 counts 7 runs/);
    refused(
      (c) => (c.format = 'gpu-market-checkpoint/3'),
      false,
      /checkpoint\.json: format: gpu-market-checkpoint\/3 is a checkpoint of another version of gpu-market, this one reads gpu-market-checkpoint\/4$/,
    );
  });
});
