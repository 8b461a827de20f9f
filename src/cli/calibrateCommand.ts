/**
 * `gpu-market calibrate <scenario> --observed FILE`: fits the scenario's uncertain inputs to
 * observed history by ABC-SMC (src/calibration), on the worker pool. Writes posterior.csv (one
 * particle per row, with its weight), calibrated.yaml (the scenario with the posterior as its
 * uncertain section) and calibration.json (the tolerance schedule, acceptance rates, effective
 * sample sizes, runs, and the fit per observed point at the posterior median). A checkpoint after
 * every round lets `--resume` finish an interrupted calibration exactly as an uninterrupted one.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { abcSmc, emptyState, type AbcOptions, type AbcState, type Population } from '../calibration/abcSmc.js';
import { calibratedScenarioText } from '../calibration/calibratedScenario.js';
import { calibrationDocument, pointFits, posteriorCsv, type CalibrationDocument, type Predictive, STOP_TEXT } from '../calibration/calibrationDocument.js';
import { cellTargets, modelSimulator, roundSeed, runParticles, type CellTarget, type ModelSimulatorOptions } from '../calibration/modelSimulator.js';
import { fanMonthCount, PREDICTIVE_RUNS, posteriorPlan, runForecast, targetMetrics } from '../calibration/predictive.js';
import { parseParameterTable } from '../montecarlo/sampling/table.js';
import { inputPosteriors, posteriorCorrelations } from '../calibration/posterior.js';
import { priorOf, type Prior } from '../calibration/prior.js';
import { closePool, defaultWorkers } from '../montecarlo/pool.js';
import { scenarioHash } from '../montecarlo/summary.js';
import { buildIdentity, sealed, sealFault } from '../montecarlo/buildIdentity.js';
import { writeFileAtomic } from '../files/writeFiles.js';
import type { UncertainInput } from '../montecarlo/sampling/designs.js';
import { jsonText } from '../format/json.js';
import { groupedFixed, significant } from '../format/textNumber.js';
import { scenarioTarget } from '../observed/target.js';
import type { Observation, ObservedData } from '../observed/observation.js';
import type { Scenario } from '../scenario/schema.js';
import { UsageError } from './errors.js';
import { EXIT, type ExitCode } from './exitCodes.js';
import type { CliIo } from './io.js';
import { lockFolder } from './folderLock.js';
import { parseScenarioWithFiles } from '../scenario/load.js';
import { resolvedYaml } from '../scenario/resolved.js';
import { readSourceFile } from '../scenario/yamlSource.js';
import { defaultOutDir, parseMonth, parseOutDir, parseSeed, parseShare, parseWorkers, positive } from './options.js';
import { observedOption } from './reportCommand.js';
import { calibrationProgress } from './calibrationProgress.js';
import { progressMode, type ProgressMode } from './progress.js';
import { checkOutDir, reportWritten, writeOutputs } from './writeOutputs.js';

export interface CalibrateOptions {
  observed: string;
  params?: string;
  until?: string;
  particles: string;
  generations: string;
  budget: string;
  replicates: string;
  quantile: string;
  tolerance: string;
  minAcceptance: string;
  seed: string;
  workers?: string;
  out?: string;
  resume?: boolean;
  quiet?: boolean;
}

export const CALIBRATION_CHECKPOINT = 'calibration-checkpoint.json';
const CHECKPOINT_FORMAT = 'gpu-market-calibration-checkpoint/1';

function nonNegative(option: string, text: string): number {
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x) || x < 0) throw new UsageError(`${option}: expected a number 0 or more, found ${JSON.stringify(text)}`);
  return x;
}

/** The calibrated inputs: all uncertain ones, or those `--params` names; fixed ones have nothing to fit. */
function calibratedInputs(file: string, scenario: Scenario, params: string | undefined): UncertainInput[] {
  const all: UncertainInput[] = Object.entries(scenario.uncertain).map(([path, dist]) => ({ path, dist }));
  if (all.length === 0) throw new UsageError(`${file}: the scenario has no uncertain inputs to calibrate (its uncertain section is empty)`);
  let chosen = all;
  if (params !== undefined) {
    const names = params.split(',').map((p) => p.trim());
    chosen = names.map((name) => {
      const found = all.find((x) => x.path === name);
      if (!found) throw new UsageError(`--params: ${JSON.stringify(name)} is not one of the scenario's uncertain inputs (${all.map((x) => x.path).join(', ')})`);
      return found;
    });
    if (new Set(names).size !== names.length) throw new UsageError('--params: each input once');
  }
  const free = chosen.filter((x) => x.dist.dist !== 'fixed');
  if (free.length === 0) throw new UsageError('--params: every input named is fixed; nothing to calibrate');
  return free;
}

function observationsUntil(observations: readonly Observation[], until: string | undefined, months: readonly string[]): Observation[] {
  if (until === undefined) return [...observations];
  parseMonth('--until', until, months);
  const kept = observations.filter((x) => x.month <= until);
  if (kept.length === 0) throw new UsageError(`--until ${until}: no observation is dated in or before it`);
  return kept;
}

/** The checkpoint as written: sealed like a batch's (the build that wrote it, a checksum of its JSON). */
interface CheckpointFile {
  format: string;
  build: string;
  identity: string;
  state: AbcState;
  checksum: string;
}

/** The calibration state the checkpoint in `outDir` holds, which must be of this calibration (`identity`) and this build. */
function readCalibrationCheckpoint(outDir: string, identity: string): AbcState {
  const path = join(outDir, CALIBRATION_CHECKPOINT);
  let saved: CheckpointFile;
  try {
    saved = JSON.parse(readFileSync(path, 'utf8')) as CheckpointFile;
  } catch (err) {
    throw new UsageError(`--resume: ${path} is not a calibration checkpoint (${(err as Error).message})`);
  }
  if (saved?.format !== CHECKPOINT_FORMAT || typeof saved.state !== 'object') throw new UsageError(`--resume: ${path} is not a calibration checkpoint of this version`);
  const fault = sealFault(saved);
  if (fault !== undefined) throw new UsageError(`--resume: ${path}: ${fault}; remove it to start afresh`);
  if (saved.identity !== identity)
    throw new UsageError(`--resume: ${path} is from a calibration with another scenario, observed data or options; rerun with the same ones, or remove it to start afresh`);
  return saved.state;
}

function writeCalibrationCheckpoint(outDir: string, identity: string, state: AbcState): void {
  mkdirSync(outDir, { recursive: true });
  const content: CheckpointFile = sealed({ format: CHECKPOINT_FORMAT, build: buildIdentity(), identity, state });
  writeFileAtomic(join(outDir, CALIBRATION_CHECKPOINT), JSON.stringify(content));
}

/** Everything a calibration needs, read and checked before anything runs. */
export interface CalibrationSetup {
  file: string;
  o: CalibrateOptions;
  /** The scenario file's text as read, which calibrated.yaml is written from, and the scenario it holds. */
  scenarioText: string;
  scenario: Scenario;
  months: readonly string[];
  observed: ObservedData;
  observedSha256: string;
  inputs: UncertainInput[];
  prior: Prior;
  options: AbcOptions;
  workers: number;
}

export async function calibrationSetup(file: string, o: CalibrateOptions): Promise<CalibrationSetup> {
  const particles = positive('--particles', o.particles);
  if (particles < 2) throw new UsageError(`--particles: expected 2 or more, found ${JSON.stringify(o.particles)}`);
  const options: AbcOptions = {
    particles,
    generations: positive('--generations', o.generations),
    budget: positive('--budget', o.budget),
    replicates: positive('--replicates', o.replicates),
    quantile: parseShare('--quantile', o.quantile),
    targetTolerance: nonNegative('--tolerance', o.tolerance),
    minAcceptance: parseShare('--min-acceptance', o.minAcceptance),
    seed: parseSeed(o.seed),
  };
  if (options.budget < options.particles * options.replicates) {
    throw new UsageError(`--budget: ${o.budget} runs cannot fill one generation of ${particles} particles × ${options.replicates} replicates (${particles * options.replicates} runs)`);
  }
  const workers = o.workers === undefined ? defaultWorkers() : parseWorkers(o.workers);
  const text = readSourceFile(file);
  const loaded = parseScenarioWithFiles(text, file);
  const { scenario } = loaded;
  // A file that extends another holds only its differences: the calibrated scenario is written
  // from the merged one, which stands on its own wherever it is copied.
  const scenarioText = loaded.files.length > 1 ? resolvedYaml(loaded, false) : text;
  const target = scenarioTarget(scenario);
  // Strictly: a fit needs every point inside the scenario, simple files' rows too.
  const read = await observedOption(o.observed);
  const observed = await observedOption(read, target, true);
  const observedSha256 = read.sha256;
  const inputs = calibratedInputs(file, scenario, o.params);
  return { file, o, scenarioText, scenario, months: target.months, observed, observedSha256, inputs, prior: priorOf(inputs, scenario.correlations), options, workers };
}

/** What makes two calibrations the same: a checkpoint or a finished calibration.json of another is not resumed or reused. */
export function calibrationIdentity(c: CalibrationSetup, until: string | null): string {
  const paths = c.inputs.map((x) => x.path);
  return createHash('sha256')
    .update(JSON.stringify({ scenario: scenarioHash(c.scenario), observedSha256: c.observedSha256, until, paths, options: c.options }))
    .digest('hex');
}

/** What a finished calibration leaves, besides its files. */
export interface CalibrationOutcome {
  doc: CalibrationDocument;
  last: Population;
  written: string[];
  seconds: number;
}

/**
 * Calibrates on `observations` into `outDir` (checkpoint after every round, the three files at
 * the end); null when the budget did not fill the first generation (said on stderr).
 */
export async function calibrateInto(
  outDir: string,
  c: CalibrationSetup,
  observations: readonly Observation[],
  until: string | null,
  io: CliIo,
  mode: ProgressMode,
): Promise<CalibrationOutcome | null> {
  const { o, options, prior, inputs, scenario } = c;
  const targets = cellTargets(observations, c.months);
  const paths = inputs.map((x) => x.path);
  const identity = calibrationIdentity(c, until);
  const checkpointExists = statSync(join(outDir, CALIBRATION_CHECKPOINT), { throwIfNoEntry: false })?.isFile() === true;
  if (checkpointExists && !o.resume) {
    throw new UsageError(`${join(outDir, CALIBRATION_CHECKPOINT)} holds an unfinished calibration: add --resume to finish it, or remove it to start afresh`);
  }
  let state = o.resume && checkpointExists ? readCalibrationCheckpoint(outDir, identity) : emptyState();
  const sim: ModelSimulatorOptions = { scenario, paths, targets, replicates: options.replicates, seed: options.seed, workers: c.workers };
  let failedRuns = 0;
  let firstFailure = '';
  const progress = calibrationProgress(io.err, mode, options, state.runs);
  const t0 = process.hrtime.bigint();
  try {
    state = await abcSmc(
      prior,
      modelSimulator(sim, (count, first) => {
        failedRuns += count;
        firstFailure ||= first;
      }),
      options,
      state,
      { onRound: (s) => writeCalibrationCheckpoint(outDir, identity, s), onProgress: (p) => progress.update(p) },
    );
  } finally {
    progress.finish();
  }
  if (failedRuns > 0) io.err(`gpu-market: warning: ${failedRuns} runs failed and their particles were rejected (first: ${firstFailure})\n`);
  if (state.populations.length === 0) {
    io.err(`gpu-market: the calibration stopped before its first generation was full (${STOP_TEXT[state.stop!]}); raise --budget or lower --particles\n`);
    return null;
  }
  const last = state.populations[state.populations.length - 1];
  if (last.ess < Math.max(10, options.particles / 10)) {
    // Importance weights degenerate with many inputs and few particles: intervals from a handful of particles look far surer than they are.
    io.err(
      `gpu-market: warning: the posterior rests on an effective ${last.ess.toFixed(1)} of ${options.particles} particles, too few for its intervals to be trusted; calibrate fewer inputs (--params) or use more --particles\n`,
    );
  }
  const posteriors = inputPosteriors(prior, last);
  const correlations = posteriorCorrelations(prior, last);
  // The particle each observed point's fit is shown for: every input at its weighted median.
  const median = posteriors.map((x) => x.p50);
  const atMedian = await runParticles([median], roundSeed(options.seed, { generation: state.populations.length, round: 0 }, 'median'), sim);
  const posteriorText = posteriorCsv(paths, last);
  const predictive = await predictiveBatch(c, posteriorText, targets, state.populations.length, mode, io);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const command = ['gpu-market calibrate', c.file, ...commandArgs(o, until)].join(' ');
  const doc = calibrationDocument({
    scenario,
    scenarioFile: c.file,
    observedFile: o.observed,
    observedSha256: c.observedSha256,
    until,
    identity,
    options,
    state,
    posteriors,
    correlations,
    points: pointFits(targets, atMedian.values[0]),
    skipped: c.observed.skipped,
    predictive,
  });
  const generations = state.populations.length;
  const tolerance = Number.isFinite(last.tolerance) ? `tolerance ${last.tolerance.toPrecision(3)}` : 'the prior only';
  const summary = `Stopped after ${generations} generation${generations === 1 ? '' : 's'} (${STOP_TEXT[state.stop!]}), ${tolerance}, ${state.runs} runs.`;
  const provenance = { observedFile: o.observed, observedSha256: c.observedSha256, command, summary };
  const written = writeOutputs(outDir, [
    { name: 'posterior.csv', content: posteriorText },
    { name: 'calibrated.yaml', content: calibratedScenarioText(c.scenarioText, posteriors, correlations, provenance) },
    { name: 'calibration.json', content: jsonText(doc) },
  ]);
  rmSync(join(outDir, CALIBRATION_CHECKPOINT), { force: true });
  return { doc, last, written, seconds };
}

/**
 * The posterior predictive batch: max(particles, PREDICTIVE_RUNS) runs drawn from the posterior as
 * posterior.csv writes it, with a seed of their own; the monthly bands of every observed metric,
 * from the scenario's start to a year after the last observed month.
 */
async function predictiveBatch(c: CalibrationSetup, posteriorText: string, targets: readonly CellTarget[], generations: number, mode: ProgressMode, io: CliIo): Promise<Predictive> {
  const table = parseParameterTable(posteriorText, { file: 'posterior.csv', known: c.inputs.map((x) => x.path) });
  const runs = Math.max(c.options.particles, PREDICTIVE_RUNS);
  const seed = roundSeed(c.options.seed, { generation: generations, round: 0 }, 'predictive');
  if (mode !== 'quiet') io.err(`posterior predictive: ${runs} runs\n`);
  const metrics = targetMetrics(targets);
  const forecast = await runForecast(posteriorPlan(c.scenario, table, runs, seed), { targets: [], metrics, fanMonths: fanMonthCount(targets, c.months.length), months: c.months, workers: c.workers });
  return { runs, seed, failedRuns: forecast.failedRuns, currency: c.scenario.currency, series: forecast.series };
}

export async function calibrateCommand(file: string, o: CalibrateOptions, io: CliIo, isTty: boolean): Promise<ExitCode> {
  const outDir = o.out === undefined ? defaultOutDir(file, 'calibrate') : parseOutDir(o.out);
  checkOutDir(outDir);
  const setup = await calibrationSetup(file, o);
  const observations = observationsUntil(setup.observed.observations, o.until, setup.months);
  if (o.resume && !existsSync(join(outDir, CALIBRATION_CHECKPOINT))) throw new UsageError(`--resume: ${join(outDir, CALIBRATION_CHECKPOINT)} does not exist (nothing to resume)`);
  const release = lockFolder(outDir, `calibrate ${file}`);
  try {
    const outcome = await calibrateInto(outDir, setup, observations, o.until ?? null, io, progressMode(o, isTty));
    if (outcome === null) return EXIT.FAILURE;
    if (!o.quiet) io.err(`gpu-market: ${groupedFixed(outcome.doc.runs)} runs in ${outcome.seconds.toFixed(1)} s on ${setup.workers} worker(s)\n`);
    io.out(calibrationText(outcome.doc));
    reportWritten(io, outcome.written);
    return EXIT.OK;
  } finally {
    await closePool();
    release();
  }
}

/** The options as they would be typed again, for calibrated.yaml's header. */
function commandArgs(o: CalibrateOptions, until: string | null): string[] {
  const out = ['--observed', o.observed];
  if (o.params !== undefined) out.push('--params', o.params);
  if (until !== null) out.push('--until', until);
  out.push('--particles', o.particles, '--generations', o.generations, '--budget', o.budget, '--replicates', o.replicates, '--seed', o.seed);
  if (o.quantile !== '0.5') out.push('--quantile', o.quantile);
  if (o.tolerance !== '0') out.push('--tolerance', o.tolerance);
  if (o.minAcceptance !== '0.02') out.push('--min-acceptance', o.minAcceptance);
  return out;
}

function calibrationText(doc: CalibrationDocument): string {
  const lines = [`Calibrated ${doc.inputs.length} inputs on ${doc.observed.points} observed points: ${doc.generations.length} generations, ${doc.stop.text}.`, ''];
  const width = Math.max(...doc.inputs.map((x) => x.path.length));
  lines.push(`  ${'input'.padEnd(width)}  posterior median [P5, P95]   prior`);
  for (const x of doc.inputs) lines.push(`  ${x.path.padEnd(width)}  ${significant(x.posterior.p50)} [${significant(x.posterior.p5)}, ${significant(x.posterior.p95)}]   ${x.priorText}`);
  lines.push('');
  lines.push(`Fit at the posterior median (distance in errors; 0 inside a range):`);
  for (const p of doc.points) lines.push(`  line ${p.line} ${p.month} ${p.metric}: observed ${p.observedText}, simulated ${significant(p.simulatedMean)}, distance ${p.distance.toFixed(2)}`);
  return `${lines.join('\n')}\n\n`;
}
