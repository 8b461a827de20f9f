/**
 * `gpu-market thesis <scenario> <thesis.yaml>`: tests an investor's claims against a Monte Carlo
 * batch of the scenario. Prints a table of probabilities, intervals, verdicts and the conditions
 * under which each claim holds; writes thesis.json (the same bytes for any worker count) and
 * thesis-runs.csv, atomically. The thesis is checked completely before any run starts, so a bad
 * file costs nothing and writes nothing.
 */
import { closePool, defaultWorkers } from '../montecarlo/pool.js';
import { loadThesis } from '../thesis/thesisFile.js';
import { runThesis } from '../thesis/runThesis.js';
import { thesisFiles } from '../thesis/batchTheses.js';
import { thesisTable } from '../thesis/thesisOutput.js';
import { runsExitCode, type ExitCode } from './exitCodes.js';
import type { CliIo } from './io.js';
import { refuseIfInputFailedEveryRun } from './inputFailures.js';
import { loadForRun, noteHeld } from './loadForRun.js';
import { defaultOutDir, parseOutDir, parseRentUnit, parseRuns, parseSeed, parseWorkers } from './options.js';
import { progressMode, progressReporter } from './progress.js';
import { checkOutDir, reportWritten, writeOutputs } from './writeOutputs.js';

export interface ThesisOptions {
  runs: string;
  seed: string;
  workers?: string;
  set: string[];
  out?: string;
  quiet?: boolean;
  allowFailures?: boolean;
  /** The rents the claims read, per GPU-hour of this generation of the scenario. */
  unit?: string;
}

export async function thesisCommand(scenarioFile: string, thesisFile: string, o: ThesisOptions, io: CliIo, isTty: boolean): Promise<ExitCode> {
  const runs = parseRuns(o.runs);
  const seed = parseSeed(o.seed);
  const workers = o.workers === undefined ? defaultWorkers() : parseWorkers(o.workers);
  const outDir = o.out === undefined ? defaultOutDir(thesisFile, 'thesis') : parseOutDir(o.out);
  checkOutDir(outDir);
  const held: string[] = [];
  const scenario = loadForRun(scenarioFile, o.set, undefined, held);
  const unit = o.unit === undefined ? undefined : parseRentUnit(o.unit, scenario.generations);
  const thesis = loadThesis(thesisFile, scenario);

  noteHeld(io.err, held);
  const progress = progressReporter(io.err, progressMode(o, isTty), { total: runs });
  let result;
  try {
    result = await runThesis(scenario, thesis, { runs, seed, workers, unit, onProgress: (d, t) => progress.update(d, t) });
  } finally {
    progress.finish();
    await closePool();
  }
  refuseIfInputFailedEveryRun(scenarioFile, result.completedRuns, result.failures);
  const written = writeOutputs(outDir, thesisFiles(result));
  io.out(thesisTable(result));
  io.out('\n');
  reportWritten(io, written);
  return runsExitCode(io.err, result.failures.length, runs, 'thesis.json', o.allowFailures);
}
