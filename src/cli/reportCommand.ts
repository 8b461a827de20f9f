/**
 * `gpu-market report <batch-dir>`: the HTML report of a batch, with each chart as SVG and CSV
 * beside it, and `batch --report` after a batch. `--thesis` and `--sensitivity` add the sections
 * of analyses of the same scenario; every input file is read and checked before anything is
 * written. The report library (vega, vega-lite) is loaded only when a report is written, so the
 * other commands start as fast as before.
 */
import { ReportInputError } from '../files/inputError.js';
import { readSensitivity, readThesis } from '../report/analysisData.js';
import type { ObservedData, ObservedTarget } from '../observed/observation.js';
import { bindObserved, readObservedFile, type ObservedFile, type ReadObservedFile } from '../observed/readObserved.js';
import { defaultReportDir } from '../report/reportDir.js';
import { readBacktest, readCalibration } from '../report/calibrationData.js';
import type { ReportInputs } from '../report/writeReport.js';
import { UsageError } from './errors.js';
import { unitLine, verdictText } from './batchHeadline.js';
import { observedFit } from '../report/headlines.js';
import { EXIT, type ExitCode } from './exitCodes.js';
import type { CliIo } from './io.js';
import { parseOutDir } from './options.js';
import { checkOutDir, writeOutputs } from './writeOutputs.js';

export interface ReportOptions {
  out?: string;
  observed?: string;
  thesis: string[];
  sensitivity: string[];
  calibration: string[];
  backtest: string[];
  /** Rents per GPU-hour of this generation of the batch's scenario. */
  unit?: string;
}

/** Runs `action`, turning a bad report input into a usage error (one line, exit 2). */
export async function asUsage<T>(action: () => T | Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (err) {
    if (err instanceof ReportInputError) throw new UsageError(err.message);
    throw err;
  }
}

/**
 * Reads and checks `--observed FILE` before any work is done: the whole file, and with a `target`
 * (the scenario a batch is about to run) held against it too; without one, the report holds it
 * against the batch it reads.
 */
export function observedOption(file: string): Promise<ReadObservedFile>;
export function observedOption(file: string | ObservedFile, target: ObservedTarget, strict?: boolean): Promise<ObservedData>;
export function observedOption(file: string | ObservedFile, target?: ObservedTarget, strict = false): Promise<ObservedFile | ObservedData> {
  return asUsage(() => {
    const read = typeof file === 'string' ? readObservedFile(file) : file;
    return target === undefined ? read : bindObserved(read, target, strict);
  });
}

/**
 * Builds the report of the batch in `batchDir`, writes it into `outDir`, and prints the verdict (unless
 * told it is printed already), how the observed data fit, and where the report is.
 */
export async function writeBatchReport(batchDir: string, outDir: string, inputs: ReportInputs, io: CliIo, print: { verdict: boolean } = { verdict: true }): Promise<void> {
  const { buildReport, writeReportFiles } = await import('../report/writeReport.js');
  const report = await asUsage(() => buildReport(batchDir, inputs));
  const written = writeReportFiles(outDir, report.files, writeOutputs);
  const charts = report.files.filter((f) => f.path.startsWith('charts/')).length;
  if (print.verdict) io.out(`${report.unit ? `${unitLine(report.currency, report.unit)}\n\n` : ''}${verdictText(report.headlines)}\n`);
  if (report.observed)
    io.out(
      `Observed data (the report's observed-data section)\n${observedFit(report.observed, report.currency)
        .map((l) => `  - ${l}\n`)
        .join('')}\n`,
    );
  io.out(`wrote ${written[0]}, with ${charts} charts as SVG (charts/), their data as CSV (data/) and summary.json\n`);
  io.out(`report: ${written[0]}\n`);
}

export async function reportCommand(batchDir: string, o: ReportOptions, io: CliIo): Promise<ExitCode> {
  const outDir = o.out === undefined ? defaultReportDir(batchDir) : parseOutDir(o.out);
  checkOutDir(outDir);
  const observed = o.observed === undefined ? undefined : await observedOption(o.observed);
  const theses = await asUsage(() => o.thesis.map(readThesis));
  const sensitivities = await asUsage(() => o.sensitivity.map(readSensitivity));
  const calibrations = await asUsage(() => o.calibration.map(readCalibration));
  const backtests = await asUsage(() => o.backtest.map(readBacktest));
  await writeBatchReport(batchDir, outDir, { observed, theses, sensitivities, calibrations, backtests, unit: o.unit }, io);
  return EXIT.OK;
}
