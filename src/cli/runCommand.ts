/** `gpu-market run <scenario>`: simulate one path, write its files, print the headline. */
import { ModelDivergence } from '../model/divergence.js';
import { simulate } from '../model/simulate.js';
import { headline } from './run/headline.js';
import { probeArchetypesText } from './run/probeArchetypes.js';
import { runFiles } from './run/runFiles.js';
import { EXIT, type ExitCode } from './exitCodes.js';
import type { CliIo } from './io.js';
import { loadForRun } from './loadForRun.js';
import { checkOutDir, writeOutputs, reportWritten } from './writeOutputs.js';
import { defaultOutDir, parseFormat, parseMonths, parseOutDir, parseRentUnit, parseSeed } from './options.js';

export interface RunOptions {
  seed: string;
  months?: string;
  set: string[];
  out?: string;
  format: string;
  /** Rents per GPU-hour of this generation of the scenario. */
  unit?: string;
}

/** Runs `f`; a divergence of the model names the scenario file it came from. */
function withFile<T>(file: string, f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof ModelDivergence) err.file = file;
    throw err;
  }
}

export function runCommand(file: string, options: RunOptions, io: CliIo): ExitCode {
  // Every check of the input comes before the first write, so bad input never leaves files.
  const seed = parseSeed(options.seed);
  const months = options.months === undefined ? undefined : parseMonths(options.months);
  const format = parseFormat(options.format);
  const outDir = options.out === undefined ? defaultOutDir(file, 'run') : parseOutDir(options.out);
  checkOutDir(outDir);
  const scenario = loadForRun(file, options.set, months);
  const unit = options.unit === undefined ? undefined : parseRentUnit(options.unit, scenario.generations);

  const runIndex = 0;
  const result = withFile(file, () => simulate(scenario, seed, { runIndex, probeArchetypes: true }));
  const files = runFiles(scenario, result, { seed, runIndex, format });
  const written = writeOutputs(outDir, files);
  // The files keep the model's units whatever --unit says; only what is printed is in its unit.
  io.out(headline(scenario, result, seed, unit));
  if (result.probeArchetypes) io.out(`\n${probeArchetypesText(scenario, result.probeArchetypes, unit)}\n`);
  io.out('\n');
  reportWritten(io, written);
  return EXIT.OK;
}
