/**
 * `gpu-market sensitivity <scenario> --outcome NAME`: which uncertain inputs drive an outcome, by
 * a tornado (the default: the fewest runs), Sobol indices or Morris effects, run on the worker
 * pool. Writes sensitivity.json (deterministic: the same for any worker count) and
 * sensitivity.csv, atomically, and prints the ranked table.
 */
import { monthRange } from '../model/calendar.js';
import { parseVariable, UnknownVariable, type Variable } from '../analysis/variables.js';
import { closePool, defaultWorkers } from '../montecarlo/pool.js';
import type { UncertainInput } from '../montecarlo/sampling/designs.js';
import { jsonText } from '../format/json.js';
import { groupedFixed } from '../format/textNumber.js';
import {
  designRuns,
  evaluateOnModel,
  SENSITIVITY_METHODS,
  sensitivityCsv,
  sensitivityDesign,
  sensitivityDocument,
  sensitivityEstimate,
  sensitivityText,
  type ModelEvaluation,
  type SensitivityMethod,
} from '../sensitivity/index.js';
import type { Scenario } from '../scenario/index.js';
import { UsageError } from './errors.js';
import { EXIT, type ExitCode } from './exitCodes.js';
import type { CliIo } from './io.js';
import { refuseIfEveryRunFailedOnInput } from './inputFailures.js';
import { loadForRun, noteHeld } from './loadForRun.js';
import { defaultOutDir, parseOutDir, parseSeed, parseWorkers, positive } from './options.js';
import { progressMode, progressReporter } from './progress.js';
import { checkOutDir, reportWritten, writeOutputs } from './writeOutputs.js';

export interface SensitivityOptions {
  outcome: string;
  method: string;
  samples?: string;
  seed: string;
  workers?: string;
  set: string[];
  out?: string;
  quiet?: boolean;
}

function parseMethod(text: string): SensitivityMethod {
  const found = SENSITIVITY_METHODS.find((m) => m === text);
  if (found === undefined) throw new UsageError(`--method: expected ${SENSITIVITY_METHODS.join(', ')}, found ${JSON.stringify(text)}`);
  return found;
}

function parseSamples(method: SensitivityMethod, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = positive('--samples', text);
  // A Sobol bootstrap and a Morris standard deviation need two rows at least.
  if (method !== 'tornado' && n < 2) throw new UsageError(`--samples: ${method} needs 2 or more, found ${JSON.stringify(text)}`);
  return n;
}

function outcomeVariable(text: string, scenario: Scenario): Variable {
  try {
    return parseVariable(
      text,
      monthRange(scenario.start, scenario.end),
      scenario.generations.map((g) => g.name),
    );
  } catch (err) {
    if (err instanceof UnknownVariable) throw new UsageError(`--outcome: ${err.message}`);
    throw err;
  }
}

function warnings(scenario: Scenario, e: ModelEvaluation): string[] {
  const out: string[] = [];
  if (scenario.correlations.length > 0) {
    out.push(`the scenario's ${scenario.correlations.length} correlation(s) between inputs are ignored: sensitivity indices assume independent inputs`);
  }
  if (e.failures > 0) out.push(`${e.failures} of ${e.runs} runs failed and count as missing (first: ${e.failureMessages[0]})`);
  if (e.missing > 0) out.push(`${e.missing} of ${e.runs} runs have no value for the outcome and are left out`);
  return out;
}

export async function sensitivityCommand(file: string, o: SensitivityOptions, io: CliIo, isTty: boolean): Promise<ExitCode> {
  const method = parseMethod(o.method);
  const samples = parseSamples(method, o.samples);
  const seed = parseSeed(o.seed);
  const workers = o.workers === undefined ? defaultWorkers() : parseWorkers(o.workers);
  const outDir = o.out === undefined ? defaultOutDir(file, method) : parseOutDir(o.out);
  checkOutDir(outDir);
  const held: string[] = [];
  const scenario = loadForRun(file, o.set, undefined, held);
  const variable = outcomeVariable(o.outcome, scenario);
  const inputs: UncertainInput[] = Object.entries(scenario.uncertain).map(([path, dist]) => ({ path, dist }));
  if (inputs.length === 0) throw new UsageError(`${file}: the scenario has no uncertain inputs to analyse (its uncertain section is empty)`);

  const design = sensitivityDesign({ method, k: inputs.length, samples, seed });
  noteHeld(io.err, held);
  const progress = progressReporter(io.err, progressMode(o, isTty), { total: designRuns(design) });
  const t0 = process.hrtime.bigint();
  let evaluation: ModelEvaluation;
  try {
    evaluation = await evaluateOnModel(design.blocks, { scenario, inputs, variable, seed, workers, onProgress: (d, t) => progress.update(d, t) });
  } finally {
    progress.finish();
    await closePool();
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const { values, ...tally } = evaluation;
  refuseIfEveryRunFailedOnInput(file, { completed: tally.runs - tally.failures, failed: tally.failures, failedOnInput: tally.inputFailures, first: tally.firstFailure });
  if (tally.failures === tally.runs) {
    io.err(`gpu-market: every run failed, nothing to analyse (${tally.failureMessages[0]})\n`);
    return EXIT.FAILURE;
  }
  if (tally.failures + tally.missing === tally.runs) throw new UsageError(`--outcome ${o.outcome}: no run of this scenario has a value for it`);
  const result = sensitivityEstimate(design, values, { seed });
  const doc = sensitivityDocument({ scenario, scenarioFile: file, inputs, outcomeText: o.outcome, variable, seed, design, result, evaluation: tally });
  const written = writeOutputs(outDir, [
    { name: 'sensitivity.json', content: jsonText(doc) },
    { name: 'sensitivity.csv', content: sensitivityCsv(doc) },
  ]);
  for (const w of warnings(scenario, evaluation)) io.err(`gpu-market: warning: ${w}\n`);
  if (!o.quiet) io.err(`gpu-market: ${groupedFixed(designRuns(design))} runs in ${seconds.toFixed(1)} s on ${workers} worker(s)\n`);
  io.out(sensitivityText(doc));
  io.out('\n');
  reportWritten(io, written);
  return EXIT.OK;
}
