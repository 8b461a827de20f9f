/**
 * `npm run bench`: times single runs of the model on one core, batches on one worker and on every
 * core, and a calibration on every core. A benchmark, never a test: it prints figures and asserts
 * nothing. Agent-months count every active lessor and developer in
 * every month of the run.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runBatch } from '../montecarlo/batch.js';
import { queueBench, type QueueTiming } from './queueBench.js';
import { planBatch } from '../montecarlo/plan.js';
import { closePool } from '../montecarlo/pool.js';
import { simulate } from '../model/simulate.js';
import type { RunResult } from '../model/metrics.js';
import { loadScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';
import { largeScenario } from './largeScenario.js';
import { abcSmc } from '../calibration/abcSmc.js';
import { cellTargets, modelSimulator } from '../calibration/modelSimulator.js';
import { priorOf } from '../calibration/prior.js';
import { monthRange } from '../model/calendar.js';
import { bindObserved, readObservedFile } from '../observed/readObserved.js';
import { scenarioTarget } from '../observed/target.js';

const BASELINE = fileURLToPath(new URL('../../scenarios/baseline.yaml', import.meta.url));
const HISTORY = fileURLToPath(new URL('../../scenarios/observed/history-to-2024-06.csv', import.meta.url));

interface Timing {
  name: string;
  runs: number;
  msPerRun: number;
  agentMonthsPerRun: number;
  agentMonthsPerSecond: number;
  lessorsPeak: number;
  developersPeak: number;
  months: number;
}

function agentMonths(r: RunResult): number {
  let n = 0;
  for (let t = 0; t < r.months.length; t++) n += r.metrics.activeLessors[t] + r.metrics.activeDevelopers[t];
  return n;
}

const peak = (x: Float64Array) => x.reduce((a, b) => Math.max(a, b), 0);

const seconds = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1e9;

function time(name: string, s: Scenario, warmup: number, runs: number): Timing {
  for (let i = 0; i < warmup; i++) simulate(s, 1_000 + i);
  let last: RunResult | null = null;
  let am = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) {
    last = simulate(s, i + 1);
    am += agentMonths(last);
  }
  const ms = seconds(t0) * 1000;
  return {
    name,
    runs,
    msPerRun: ms / runs,
    agentMonthsPerRun: am / runs,
    agentMonthsPerSecond: am / (ms / 1000),
    lessorsPeak: peak(last!.metrics.activeLessors),
    developersPeak: peak(last!.metrics.activeDevelopers),
    months: last!.months.length,
  };
}

interface BatchTiming {
  workers: number;
  runs: number;
  seconds: number;
  runsPerSecond: number;
  /** Starting the pool and the warm-up runs. */
  warmUpSeconds: number;
}

/**
 * Runs per worker before the clock starts, in two tasks each. Every worker is its own V8 isolate
 * and compiles the model afresh: about a second of optimising-compiler work in the first few
 * hundred runs, on background threads. Timed from cold, that one-off cost would pass for a loss
 * of parallel efficiency (it is paid once per worker, not per run), so the figures are steady
 * state and the warm-up is reported beside them.
 */
const WARM_UP_RUNS_PER_WORKER = 300;

async function timeBatch(s: Scenario, runs: number, workers: number): Promise<BatchTiming> {
  const plan = planBatch(s, { runs, seed: 1, design: 'lhs' });
  const warm = planBatch(s, { runs: workers * WARM_UP_RUNS_PER_WORKER, seed: 2, design: 'lhs' });
  const w0 = process.hrtime.bigint();
  await runBatch(warm, { workers, chunkSize: WARM_UP_RUNS_PER_WORKER / 2 });
  const warmUpSeconds = seconds(w0);
  const t0 = process.hrtime.bigint();
  await runBatch(plan, { workers });
  const elapsed = seconds(t0);
  await closePool();
  return { workers, runs, seconds: elapsed, runsPerSecond: runs / elapsed, warmUpSeconds };
}

/** The six inputs the calibration bench fits: supply, demand growth, price response, pricing speed, hype and double ordering. */
const CALIBRATED = [
  'vendor.outputScale',
  'developers.frontier.needGrowthPerYear',
  'developers.enterprise.priceElasticity',
  'lessors.specialist.pricing.cutStep',
  'market.hype.halfLifeMonths',
  'vendor.orderInflationPerLeadMonth',
];

interface CalibrationTiming {
  workers: number;
  inputs: number;
  points: number;
  runs: number;
  generations: number;
  seconds: number;
  runsPerSecond: number;
}

/**
 * A calibration of the baseline to the shipped history (its Chinese rows), spending `budget` runs:
 * 200 particles, 3 replicates each, as many generations as the budget holds. Timed after the same
 * warm-up as a batch, so its runs per second compare with the batch's.
 */
async function timeCalibration(s: Scenario, budget: number, workers: number): Promise<CalibrationTiming> {
  const months = monthRange(s.start, s.end);
  const observed = bindObserved(readObservedFile(HISTORY), scenarioTarget(s));
  const inputs = CALIBRATED.map((path) => ({ path, dist: s.uncertain[path] }));
  const targets = cellTargets(observed.observations, months);
  await runBatch(planBatch(s, { runs: workers * WARM_UP_RUNS_PER_WORKER, seed: 2, design: 'lhs' }), { workers, chunkSize: WARM_UP_RUNS_PER_WORKER / 2 });
  const options = { particles: 200, generations: 100, budget, replicates: 3, quantile: 0.5, targetTolerance: 0, minAcceptance: 0.01, seed: 1 };
  const t0 = process.hrtime.bigint();
  const state = await abcSmc(priorOf(inputs), modelSimulator({ scenario: s, paths: CALIBRATED, targets, replicates: 3, seed: 1, workers }), options);
  const elapsed = seconds(t0);
  await closePool();
  return { workers, inputs: inputs.length, points: targets.length, runs: state.runs, generations: state.populations.length, seconds: elapsed, runsPerSecond: state.runs / elapsed };
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const cores = availableParallelism();
  const baseline = loadScenario(BASELINE);
  const batchRuns = quick ? 400 : 10_000; // the size the speed aim is stated for
  const batches = [await timeBatch(baseline, batchRuns, 1)];
  if (cores > 1) batches.push(await timeBatch(baseline, batchRuns, cores));
  const calibration = await timeCalibration(baseline, quick ? 2_000 : 20_000, cores);
  // The same runs on two local workers and on two queue workers; two: the queue's aim is stated for them.
  const queue = await queueBench(
    baseline,
    { runs: batchRuns, workers: 2, warmUpRuns: WARM_UP_RUNS_PER_WORKER },
    async () => batches.find((b) => b.workers === 2) ?? (await timeBatch(baseline, batchRuns, 2)),
  );
  const results = [time('baseline', baseline, quick ? 10 : 50, quick ? 50 : 500), time('large (1,000 lessors, 10,000 developers, 120 months)', largeScenario(BASELINE), 1, quick ? 1 : 5)];
  if (process.argv.includes('--json')) {
    process.stdout.write(JSON.stringify({ runs: results, batches, calibration, queue }, null, 2) + '\n');
    return;
  }
  console.log(`gpu-market bench, node ${process.version}, one core\n`);
  for (const r of results) {
    console.log(r.name);
    console.log(`  runs               ${r.runs}`);
    console.log(`  months             ${r.months}`);
    console.log(`  peak lessors       ${r.lessorsPeak}`);
    console.log(`  peak developers    ${r.developersPeak}`);
    console.log(`  ms per run         ${r.msPerRun.toFixed(2)}`);
    console.log(`  agent-months/run   ${Math.round(r.agentMonthsPerRun).toLocaleString('en-US')}`);
    console.log(`  agent-months/s     ${Math.round(r.agentMonthsPerSecond).toLocaleString('en-US')}\n`);
  }
  console.log(`baseline batch (Latin hypercube over the scenario's uncertain inputs), ${batchRuns} runs, after ${WARM_UP_RUNS_PER_WORKER} warm-up runs per worker`);
  const one = batches[0].runsPerSecond;
  for (const b of batches) {
    const efficiency = b.runsPerSecond / (one * b.workers);
    console.log(
      `  ${String(b.workers).padStart(2)} worker(s)  ${b.runsPerSecond.toFixed(0).padStart(6)} runs/s  ${b.seconds.toFixed(2)} s  efficiency ${(efficiency * 100).toFixed(0)} %  (pool start and warm-up ${b.warmUpSeconds.toFixed(2)} s)`,
    );
  }
  const c = calibration;
  const batch = batches[batches.length - 1];
  console.log(`\nbaseline calibration (ABC-SMC, ${c.inputs} inputs, ${c.points} observed points, 200 particles × 3 replicates), after the same warm-up`);
  console.log(
    `  ${String(c.workers).padStart(2)} worker(s)  ${c.runsPerSecond.toFixed(0).padStart(6)} runs/s  ${c.runs} runs in ${c.seconds.toFixed(1)} s, ${c.generations} generations  (${((100 * c.runsPerSecond) / batch.runsPerSecond).toFixed(0)} % of the batch's runs/s)`,
  );
  printQueue(queue, batchRuns);
}

function printQueue(q: QueueTiming, runs: number): void {
  console.log(`\nbaseline batch on the Redis work queue, ${runs} runs, after the same warm-up`);
  if ('skipped' in q) {
    console.log(`  skipped: ${q.skipped}`);
    return;
  }
  const line = (label: string, b: { runsPerSecond: number; seconds: number }) => `  ${label}  ${b.runsPerSecond.toFixed(0).padStart(6)} runs/s  ${b.seconds.toFixed(2)} s`;
  console.log(line(`${q.workers} local workers         `, q.local));
  console.log(`${line(`${q.workers} queue workers (1 each)`, q.queued)}  (${((100 * q.queued.runsPerSecond) / q.local.runsPerSecond).toFixed(0)} % of local)`);
  const c = q.perChunk;
  console.log(
    `  per chunk (${q.chunks} chunks, results of ${(q.resultBytes / 1e6).toFixed(1)} MB): enqueue ${c.enqueueMs.toFixed(1)} ms, store ${c.storeMs.toFixed(1)} ms (worker), fetch ${c.fetchMs.toFixed(1)} ms, merge ${c.mergeMs.toFixed(1)} ms`,
  );
}

await main();
