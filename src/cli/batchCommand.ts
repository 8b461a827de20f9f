/**
 * `gpu-market batch <scenario>`: a Monte Carlo batch over the scenario's uncertain inputs, on a
 * pool of worker threads. Writes summary.json (deterministic: the same for any worker count or
 * chunk size), outcomes.csv (one row per run) and run-info.json (wall-clock facts), atomically.
 * With `--thesis FILE`, each thesis is tested on the batch's own runs and its results written
 * into a folder of the batch's (see thesis/batchTheses.ts), so that the batch and its theses
 * answer one question with one number.
 */
import { RESOLVED_SCENARIO_FILE, resolvedScenarioJson } from '../scenario/resolved.js';
import { FileTooLarge, readTextAtMost } from '../files/readLimited.js';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { BatchInterrupted, runBatch, shardRange, type Shard } from '../montecarlo/batch.js';
import { scenarioAccumulators, type MetricCell, type RunFailure, type RunRecord } from '../montecarlo/chunk.js';
import { refuseIfInputFailedEveryRun } from './inputFailures.js';
import { autoShard } from './autoShard.js';
import { batchIdentity, CHECKPOINT_FILE, CheckpointMismatch, completedRuns, hasCheckpoint, readCheckpoint, removeCheckpoint, writeCheckpoint, type Progress } from '../montecarlo/checkpoint.js';
import { SHARD_FILE, shardFile } from '../montecarlo/shard.js';
import { removeSpill } from '../montecarlo/recordSpill.js';
import { removeStaleTempDirs } from '../files/writeFiles.js';
import { batchThesisFolder, removeOtherBatchTheses, thesisFiles } from '../thesis/batchTheses.js';
import type { ThesisReading, ThesisResult } from '../thesis/runThesis.js';
import { thesisTable } from '../thesis/thesisOutput.js';
import { outcomeTableFiles } from '../montecarlo/outcomesTable.js';
import { PATHS_FILE, PathsFile, pathsTempName } from '../montecarlo/pathsFile.js';
import type { ChunkPaths } from '../montecarlo/runPaths.js';
import type { StreamedFile } from '../files/writeFiles.js';
import { parsePathsOption } from './pathsOption.js';
import { SAMPLE_PATHS, samplesFile } from '../montecarlo/samples.js';
import { planBatch, type BatchPlan, type Design } from '../montecarlo/plan.js';
import { closePool, defaultWorkers } from '../montecarlo/pool.js';
import { parseParameterTable, WEIGHT_COLUMN, type ParameterTable } from '../montecarlo/sampling/table.js';
import { systematicResample } from '../montecarlo/sampling/resample.js';
import { designRng } from '../montecarlo/sampling/designs.js';
import { jsonText } from '../format/json.js';
import { applyOverrides, ScenarioError, type Scenario } from '../scenario/index.js';
import { OutputError, UsageError } from './errors.js';
import { BATCH_FILES, checkOutDir, reportWritten, writeOutputs } from './writeOutputs.js';
import { lockFolder } from './folderLock.js';
import { EXIT, runsExitCode, type ExitCode } from './exitCodes.js';
import type { CliIo } from './io.js';
import { loadForRun, noteHeld } from './loadForRun.js';
import { defaultOutDir, parseOutDir, parseRentUnit, parseRuns, parseSeed, parseWorkers, positive } from './options.js';
import { progressMode, progressReporter } from './progress.js';
import { batchHeadline } from './batchHeadline.js';
import { probeTerms } from '../report/headlines.js';
import { observedOption, writeBatchReport } from './reportCommand.js';
import { defaultReportDir } from '../report/reportDir.js';
import type { ObservedData } from '../observed/observation.js';
import { scenarioTarget } from '../observed/target.js';
import type { RentUnit } from '../analysis/rentUnit.js';

/** Largest parameter table read: a million runs of a few dozen inputs, with room to spare. */
const MAX_TABLE_BYTES = 256 * 1024 * 1024;

export interface BatchOptions {
  runs: string;
  seed: string;
  workers?: string;
  design: string;
  chunkSize?: string;
  set: string[];
  out?: string;
  quiet?: boolean;
  allowFailures?: boolean;
  shard?: string;
  /** With `--shard auto` in a Kubernetes Indexed Job: the number of shards. */
  shardCount?: string;
  resume?: boolean;
  report?: boolean;
  observed?: string;
  /** Thesis files to test on the batch's runs. */
  thesis?: string[];
  /** Rents per GPU-hour of this generation of the scenario. */
  unit?: string;
  /** `--paths [METRICS]`: write paths.arrow (true: every metric). */
  paths?: string | boolean;
}

/** The theses a batch tests on its runs: what their claims need extracted, and how each reads it. */
interface BatchTheses {
  /** The thesis files, in the order given. */
  files: string[];
  cells: MetricCell[];
  readings: ThesisReading[];
}

/** Seconds between checkpoints; `GPU_MARKET_CHECKPOINT_SECONDS` sets another interval (0: after every chunk). */
const checkpointEvery = (env: CliIo['env']): number => {
  const s = Number(env.GPU_MARKET_CHECKPOINT_SECONDS ?? 10);
  return Number.isFinite(s) && s >= 0 ? s : 10;
};

/** `--shard I/K`: slice I (from 0) of K; `--shard auto`: the slice a job array's task stands for. */
function parseShard(text: string, countOption: string | undefined, env: CliIo['env']): Shard {
  if (text.trim() === 'auto') return autoShard(env, countOption);
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !(count >= 1) || !(index < count)) {
    throw new UsageError(`--shard: expected INDEX/COUNT with 0 ≤ INDEX < COUNT, for example 0/4, found ${JSON.stringify(text)}`);
  }
  return { index, count };
}

/** The suffix of `table=FILE,resample`: draw --runs rows by the table's weights. */
const RESAMPLE = ',resample';

function parseDesign(text: string): { design: Design; tableFile?: string; resample?: boolean } {
  if (text === 'mc' || text === 'lhs') return { design: text };
  if (text.startsWith('table=')) {
    const resample = text.endsWith(RESAMPLE);
    const tableFile = text.slice('table='.length, resample ? -RESAMPLE.length : undefined);
    if (tableFile.length > 0) return { design: 'table', tableFile, resample };
  }
  throw new UsageError(`--design: expected mc, lhs, table=FILE or table=FILE${RESAMPLE}, found ${JSON.stringify(text)}`);
}

/**
 * The table's rows as the batch runs them: as listed, or with `,resample` `runs` rows drawn by
 * the weight column (systematic resampling, seeded by the batch seed).
 */
function tableRows(file: string, table: ParameterTable, resample: boolean, runs: number, seed: number, io: CliIo): { paths: string[]; rows: number[][] } {
  const { paths, rows, weights } = table;
  if (!resample) {
    if (weights && weights.some((w) => w !== weights[0])) {
      io.err(`note: ${file} has a ${WEIGHT_COLUMN} column; its rows run once each, unweighted (table=${file}${RESAMPLE} draws --runs rows by weight)\n`);
    }
    return { paths, rows };
  }
  if (!weights) throw new UsageError(`--design table=${file}${RESAMPLE}: ${file} has no ${WEIGHT_COLUMN} column to resample by`);
  return { paths, rows: systematicResample(weights, runs, designRng(seed)).map((i) => rows[i]) };
}

/** Why a table column cannot name a scenario field (the same path rules as --set), or undefined. */
function fieldPathProblem(scenario: Scenario, path: string): string | undefined {
  try {
    applyOverrides(scenario, [`${path}=0`]);
    return undefined;
  } catch (err) {
    if (err instanceof ScenarioError) return err.expected;
    throw err;
  }
}

/**
 * Refuses to start a fresh batch in a folder that holds a checkpoint it cannot take over (another
 * batch's, another build's, or a damaged one): its checkpoints would overwrite that one, and its end
 * would delete it. A checkpoint of this same batch is simply replaced.
 */
function keepOthersCheckpoint(outDir: string, plan: BatchPlan, shard: Shard | undefined, extract: readonly MetricCell[]): void {
  if (!hasCheckpoint(outDir)) return;
  try {
    readOwnCheckpoint(outDir, plan, shard, extract).spill?.close();
  } catch (err) {
    if (!(err instanceof CheckpointMismatch)) throw err;
    const why = err.otherBatch ? 'the checkpoint of another, interrupted batch' : `a checkpoint this batch cannot take over (${err.reason})`;
    throw new UsageError(`output folder ${outDir} holds ${why}; finish that batch with its own command and --resume, choose another --out, or delete ${join(outDir, CHECKPOINT_FILE)}`);
  }
}

/**
 * Reads and compiles the --thesis files against the scenario, before anything runs or is written,
 * as the thesis command does. The thesis code (and its expression parser) loads only when asked for.
 */
async function loadBatchTheses(files: readonly string[], scenario: Scenario, unit: RentUnit | undefined): Promise<BatchTheses | undefined> {
  if (files.length === 0) return undefined;
  const { loadThesis } = await import('../thesis/thesisFile.js');
  const { thesisExtraction } = await import('../thesis/runThesis.js');
  const theses = files.map((f) => loadThesis(f, scenario));
  return { files: [...files], ...thesisExtraction(scenario, theses, unit) };
}

/** The checkpoint in `outDir`, read and checked as one of this batch's (else a CheckpointMismatch). */
const readOwnCheckpoint = (outDir: string, plan: BatchPlan, shard: Shard | undefined, extract: readonly MetricCell[]): Progress =>
  readCheckpoint(outDir, batchIdentity(plan, shard ?? { index: 0, count: 1 }, 0, extract), scenarioAccumulators(plan.scenario));

/**
 * The checkpoint `--resume` goes on from. With none in the folder (the batch was stopped before its
 * first checkpoint, or never started) the batch starts from the beginning, and says so; a checkpoint
 * that is there but cannot be used is refused.
 */
function resumeFrom(outDir: string, plan: BatchPlan, shard: Shard | undefined, extract: readonly MetricCell[], io: CliIo): Progress | undefined {
  if (!hasCheckpoint(outDir)) {
    io.err(`note: --resume: no checkpoint in ${outDir}; the batch starts from the beginning\n`);
    return undefined;
  }
  try {
    return readOwnCheckpoint(outDir, plan, shard, extract);
  } catch (err) {
    if (!(err instanceof CheckpointMismatch)) throw err;
    const advice = err.otherVersion ? '; delete it and run the batch again without --resume, or finish it with the version that wrote it' : '';
    throw new UsageError(`--resume: ${err.message}${advice}`);
  }
}

export async function batchCommand(file: string, o: BatchOptions, io: CliIo, isTty: boolean): Promise<ExitCode> {
  const seed = parseSeed(o.seed);
  const { design, tableFile, resample = false } = parseDesign(o.design);
  const runs = design === 'table' && !resample ? 0 : parseRuns(o.runs);
  const workers = o.workers === undefined ? defaultWorkers() : parseWorkers(o.workers);
  const chunkSize = o.chunkSize === undefined ? undefined : positive('--chunk-size', o.chunkSize);
  if (o.shardCount !== undefined && o.shard?.trim() !== 'auto') throw new UsageError('--shard-count: only with --shard auto');
  const shard = o.shard === undefined ? undefined : parseShard(o.shard, o.shardCount, io.env);
  const outDir = o.out === undefined ? `${defaultOutDir(file, 'batch')}${shard ? `-shard-${shard.index}-of-${shard.count}` : ''}` : parseOutDir(o.out);
  checkOutDir(outDir);
  if (o.observed !== undefined && !o.report) throw new UsageError('--observed: only with --report');
  if (o.report && shard) throw new UsageError('--report: a shard has no summary to report; report the folder that merge writes');
  if (o.paths !== undefined && shard) {
    throw new UsageError('--paths: a shard has only some of the runs, and merge does not join paths; run the batch without --shard, or shard it without --paths');
  }
  const thesisPaths = o.thesis ?? [];
  if (thesisPaths.length > 0 && shard) {
    throw new UsageError('--thesis: a thesis needs every run of the batch, and a shard has only some; run the batch without --shard, or the thesis command');
  }
  const held: string[] = [];
  const scenario = loadForRun(file, o.set, undefined, held);
  const unit = o.unit === undefined ? undefined : parseRentUnit(o.unit, scenario.generations);
  const theses = await loadBatchTheses(thesisPaths, scenario, unit);
  // Checked before the batch runs, so a bad file costs nothing and writes nothing.
  const observed = o.observed === undefined ? undefined : await observedOption(o.observed, scenarioTarget(scenario));
  let table: { paths: string[]; rows: number[][] } | undefined;
  if (tableFile !== undefined) {
    let text: string;
    try {
      text = readTextAtMost(tableFile, MAX_TABLE_BYTES);
    } catch (err) {
      if (err instanceof FileTooLarge) throw new UsageError(`--design: ${tableFile}: ${err.reason('a parameter table', '256 MB')}`);
      throw new UsageError(`--design: cannot read parameter table ${tableFile}`);
    }
    table = tableRows(tableFile, parseParameterTable(text, { file: tableFile, known: (path) => fieldPathProblem(scenario, path) }), resample, runs, seed, io);
  }
  const pathMetrics = parsePathsOption(o.paths, scenario);
  const plan = planBatch(scenario, { runs, seed, design, table });
  const release = lockFolder(outDir, `${file}, seed ${seed}, ${plan.runs} runs`);
  let paths: PathsFile | undefined;
  try {
    // Written while the batch runs, under a temporary name: it becomes paths.arrow with the other files, or goes.
    paths = pathMetrics && PathsFile.create(join(outDir, pathsTempName()), plan, pathMetrics);
    return await runLocked(file, o, io, isTty, { outDir, plan, shard, workers, chunkSize, seed, scenario, observed, held, theses, unit, paths });
  } finally {
    paths?.discard();
    release();
  }
}

interface LockedBatch {
  outDir: string;
  plan: BatchPlan;
  shard: Shard | undefined;
  workers: number;
  chunkSize: number | undefined;
  seed: number;
  scenario: Scenario;
  observed: ObservedData | undefined;
  /** Uncertain inputs held by `--set`. */
  held: readonly string[];
  theses: BatchTheses | undefined;
  unit: RentUnit | undefined;
  /** paths.arrow being written, with `--paths`. */
  paths: PathsFile | undefined;
}

/** Removes the records file unless a checkpoint points to it; best effort, since it is only a help. */
function removeUnusedSpill(outDir: string): void {
  if (hasCheckpoint(outDir)) return;
  try {
    removeSpill(outDir);
  } catch {
    // What stopped or ends the batch is what matters.
  }
}

/** The runs this batch (or shard) has to do, and how many of them a resumed checkpoint holds. */
function runsToDo(plan: BatchPlan, shard: Shard | undefined, resume: Progress | undefined): { total: number; done: number } {
  const { from, to } = shardRange(plan.runs, shard);
  return { total: to - from, done: resume === undefined ? 0 : completedRuns(resume) + resume.failures.length };
}

/** The batch itself, once its folder is locked. */
async function runLocked(file: string, o: BatchOptions, io: CliIo, isTty: boolean, b: LockedBatch): Promise<ExitCode> {
  const { outDir, plan, shard, workers, chunkSize, observed, held, theses, unit, paths } = b;
  const extract = theses?.cells ?? [];
  const resume = o.resume ? resumeFrom(outDir, plan, shard, extract, io) : undefined;
  if (!resume) keepOthersCheckpoint(outDir, plan, shard, extract);

  noteHeld(io.err, held);
  const progress = progressReporter(io.err, progressMode(o, isTty), runsToDo(plan, shard, resume));
  const started = new Date();
  const t0 = process.hrtime.bigint();
  // Ctrl-C or kill: stop, keep what is finished in a checkpoint, and say how to go on.
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const checkpointSeconds = checkpointEvery(io.env);
  let checkpointFailed = false;
  let lastCheckpoint = Date.now();
  let result;
  try {
    result = await runBatch(plan, {
      workers,
      chunkSize,
      shard,
      resume,
      spillDir: outDir,
      paths: paths && pathsSink(outDir, paths),
      onSpillFailed: (err) => io.err(`gpu-market: warning: could not write the runs' records in ${outDir} (${(err as Error).message}); the rest are kept in memory\n`),
      samplePaths: SAMPLE_PATHS,
      extract: theses?.cells,
      signal: stop.signal,
      onProgress: (d, t) => progress.update(d, t),
      onChunk: (state) => {
        if (Date.now() - lastCheckpoint < checkpointSeconds * 1000) return;
        lastCheckpoint = Date.now();
        try {
          writeCheckpoint(outDir, state);
        } catch (err) {
          // A checkpoint is insurance: the batch goes on without it, and says so (once).
          if (!checkpointFailed) io.err(`gpu-market: warning: could not write a checkpoint in ${outDir} (${(err as Error).message}); the batch goes on\n`);
          checkpointFailed = true;
        }
      },
    });
  } catch (err) {
    if (!(err instanceof BatchInterrupted)) {
      // Records that no checkpoint points to cannot be resumed from: like any output of a failed batch, they go.
      removeUnusedSpill(outDir);
      throw err;
    }
    const n = completedRuns(err.progress) + err.progress.failures.length;
    try {
      writeCheckpoint(outDir, err.progress);
    } catch (cause) {
      throw new OutputError(outDir, cause, `interrupted after ${n} runs, and the checkpoint could not be written`);
    }
    // The executor's reason, when it stopped the batch (a work queue whose server stayed away).
    const why = err.cause instanceof Error ? `${err.cause.message}; ` : '';
    io.err(`gpu-market: ${why}interrupted after ${n} runs; a checkpoint is in ${outDir}, go on with the same command and --resume\n`);
    return EXIT.INTERRUPTED;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    progress.finish();
    await closePool();
  }
  // A batch of bad input leaves no output, its checkpoint included.
  refuseIfInputFailedEveryRun(file, result.table.run.length, result.failures, () => removeCheckpoint(outDir));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  // Read from the runs' records, so before their file goes.
  const thesisResults = theses ? await batchThesisResults(plan, theses, result) : [];
  const files = [
    shard ? { name: SHARD_FILE, content: JSON.stringify(shardFile(plan, shard, result)) } : { name: 'summary.json', content: jsonText(result.summary) },
    ...outcomeTableFiles(result.table, plan),
    ...(paths ? [pathsOutput(paths)] : []),
    ...(shard ? [] : [samplesFile(result.table.samples, plan), { name: RESOLVED_SCENARIO_FILE, content: resolvedScenarioJson(plan.scenario) }]),
    {
      name: 'run-info.json',
      content: jsonText({
        startedAt: started.toISOString(),
        seconds,
        runsPerSecond: plan.runs / seconds,
        workers,
        host: hostname(),
        node: process.version,
        scenarioFile: file,
      }),
    },
  ];
  // The records are in the outcome table (and a shard's file) now; with no checkpoint to resume
  // from, their file only takes room the outputs may need.
  removeUnusedSpill(outDir);
  // The theses first and summary.json last, so that a summary never stands beside missing theses.
  const thesesWritten = writeBatchTheses(outDir, theses?.files ?? [], thesisResults);
  const written = [...thesesWritten.paths, ...writeOutputs(outDir, files, BATCH_FILES)];
  tidyOtherTheses(outDir, thesesWritten.folders, io);
  if (shard) {
    io.out(`shard ${shard.index}/${shard.count}: ${result.table.run.length + result.failures.length} of ${plan.runs} runs; combine the shards with gpu-market merge\n`);
  } else {
    const theses = thesisResults.map((r) => ({ name: r.thesis, claims: r.claims }));
    io.out(batchHeadline({ summary: result.summary, theses, probe: probeTerms(plan.scenario.probe), unit }));
    io.out('\n');
  }
  printThesisTables(thesisResults, io);
  try {
    removeCheckpoint(outDir);
  } catch (err) {
    io.err(`gpu-market: warning: could not remove the checkpoint in ${outDir} (${(err as Error).message})\n`);
  }
  reportWritten(io, written);
  if (o.report) {
    io.out('\n');
    // Where `report <out>` would write it: with --out, beside nothing of another batch's. The
    // verdict is printed above already, from the same summary and theses.
    await writeBatchReport(outDir, defaultReportDir(outDir), { observed, unit: unit?.generation }, io, { verdict: false });
  }
  return runsExitCode(io.err, result.failures.length, plan.runs, 'summary.json', o.allowFailures);
}

/** Each thesis's result over the batch's completed runs (read once, in run order) and its failures. */
async function batchThesisResults(plan: BatchPlan, theses: BatchTheses, result: { runs: RunRecord[]; failures: RunFailure[] }): Promise<ThesisResult[]> {
  const { thesisResult } = await import('../thesis/runThesis.js');
  const runs = result.runs;
  return theses.readings.map((reading) => thesisResult(plan, reading, runs, result.failures));
}

/** Writes each thesis's files into its own folder of the batch's, each folder atomically; returns the folders and the paths. */
function writeBatchTheses(outDir: string, files: readonly string[], results: readonly ThesisResult[]): { folders: string[]; paths: string[] } {
  const folders = files.map((f, i) => batchThesisFolder(i + 1, f));
  const paths = results.flatMap((r, i) => {
    const dir = join(outDir, folders[i]);
    removeStaleTempDirs(dir);
    return writeOutputs(dir, thesisFiles(r));
  });
  return { folders, paths };
}

/**
 * Takes away the thesis folders an earlier batch left in the folder: they are of runs no longer
 * there. A warning only, should that fail: this batch's files are all written.
 */
function tidyOtherTheses(outDir: string, keep: readonly string[], io: CliIo): void {
  try {
    removeOtherBatchTheses(outDir, keep);
  } catch (err) {
    io.err(`gpu-market: warning: could not remove the theses of an earlier batch from ${outDir} (${(err as Error).message})\n`);
  }
}

/** The table the thesis command prints, for each thesis. */
function printThesisTables(results: readonly ThesisResult[], io: CliIo): void {
  for (const r of results) {
    io.out(thesisTable(r));
    io.out('\n');
  }
}

/** Where the batch hands its paths: the file, whose failure to take them (a full disk) is the output folder's. */
const pathsSink = (outDir: string, paths: PathsFile) => ({
  metrics: paths.metrics,
  write: (p: ChunkPaths) => {
    try {
      paths.write(p);
    } catch (err) {
      throw new OutputError(outDir, err, `cannot write ${PATHS_FILE} in ${outDir}`);
    }
  },
});

/** paths.arrow: the file written while the batch ran, finished and moved in with the batch's other files. */
const pathsOutput = (paths: PathsFile): StreamedFile => ({
  name: PATHS_FILE,
  write: (path) => {
    paths.finish();
    paths.moveTo(path);
  },
});
