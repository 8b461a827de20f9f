/**
 * Building a report from a batch folder and writing it: index.html, charts/<name>.svg,
 * data/<name>.csv and a copy of summary.json, with sections for the theses, sensitivity analyses,
 * calibrations and backtests given with it, and for the theses `batch --thesis` tested on the
 * batch's own runs and kept in its folder, which need not be given. Everything is read, checked
 * and computed before anything is written, so a bad input (a malformed thesis.json, a
 * sensitivity.json of another scenario) leaves the output folder untouched. Each folder is written atomically (writeRun); charts/ and data/ first, index.html and
 * summary.json last, so a page never stands beside missing charts. The same batch (and observed
 * file, theses and analyses) gives byte-identical files.
 */
import { join, resolve } from 'node:path';
import type { OutputFile } from '../files/writeFiles.js';
import { writeRun } from '../files/writeFiles.js';
import { analysisCharts, analysisViews } from './analysisCharts.js';
import { checkSensitivityScenario, checkThesisScenario, readSensitivity, readThesis, type SensitivityInput, type ThesisInput } from './analysisData.js';
import { browserLibraries } from './browserLibraries.js';
import { readBacktest, readCalibration, type BacktestInput, type CalibrationInput } from './calibrationData.js';
import { calibrationCharts, calibrationViews } from './calibrationCharts.js';
import { tableCsv } from './chartTable.js';
import { reportCharts } from './charts.js';
import { findings as verdictFindings, findingText, probeTerms, type ThesisVerdicts } from './headlines.js';
import { reportHtml } from './html.js';
import { observedForBatch, type ObservedInput } from './observedInput.js';
import { scoreObserved, type ObservedScores } from '../observed/scores.js';
import { readBatch } from './readBatch.js';
import { defaultReportDir } from './reportDir.js';
import { renderSvg } from './renderSvg.js';
import { packageVersion } from '../files/packageVersion.js';
import { ReportInputError } from '../files/inputError.js';
import { batchThesisFolders } from '../thesis/batchTheses.js';
import type { BatchData, BatchSummary } from './batchData.js';
import { rentUnit, UnknownRentUnit, type RentUnit } from '../analysis/rentUnit.js';
import { rentMetric } from './chartData.js';

/** What a report is drawn from besides the batch folder. */
export interface ReportInputs {
  /** An observed-data CSV file, the file read and checked, or its observations held against the batch's scenario. */
  observed?: ObservedInput;
  /** thesis.json files (or the folders that hold them) of the batch's scenario, or their read contents. */
  theses?: readonly (string | ThesisInput)[];
  /** sensitivity.json files (or the folders that hold them) of the batch's scenario, or their read contents. */
  sensitivities?: readonly (string | SensitivityInput)[];
  /** calibration.json files (or the folders that hold them), of any scenario, or their read contents. */
  calibrations?: readonly (string | CalibrationInput)[];
  /** backtest.json files (or the folders that hold them), of any scenario, or their read contents. */
  backtests?: readonly (string | BacktestInput)[];
  /** Show rents per GPU-hour of this generation of the batch's scenario (`--unit`), not per reference-GPU-hour. */
  unit?: string;
}

export interface ReportOptions extends ReportInputs {
  /** Output folder; default `defaultReportDir(batchDir)`. */
  out?: string;
}

/** A report file: a path relative to the report folder (`index.html`, `charts/x.svg`) and its content. */
export interface ReportFile {
  path: string;
  content: string;
}

export interface BuiltReport {
  files: ReportFile[];
  /** The verdict's sentences, as the page shows them and the commands print them. */
  headlines: string[];
  observed?: ObservedScores;
  /** The batch's currency, for the words of the observed scores. */
  currency: string;
  /** The unit the rents are in, where given. */
  unit?: RentUnit;
}

export interface ReportResult {
  /** The report folder. */
  dir: string;
  /** Paths written, index.html first. */
  files: string[];
  headlines: string[];
}

/** Everything a report writes, computed in memory. */
export async function buildReport(batchDir: string, inputs: ReportInputs = {}): Promise<BuiltReport> {
  const batch = readBatch(batchDir);
  const unit = inputs.unit === undefined ? undefined : batchRentUnit(batch, inputs.unit);
  const data = inputs.observed === undefined ? undefined : observedForBatch(inputs.observed, batch);
  const theses = withBatchTheses(
    batchDir,
    batch.summary,
    (inputs.theses ?? []).map((t) => (typeof t === 'string' ? readThesis(t) : t)),
  );
  const sensitivities = (inputs.sensitivities ?? []).map((x) => (typeof x === 'string' ? readSensitivity(x) : x));
  const calibrations = (inputs.calibrations ?? []).map((x) => (typeof x === 'string' ? readCalibration(x) : x));
  const backtests = (inputs.backtests ?? []).map((x) => (typeof x === 'string' ? readBacktest(x) : x));
  for (const t of theses) checkThesisScenario(t, batch.summary);
  for (const x of sensitivities) checkSensitivityScenario(x, batch.summary);
  const scores = data && scoreObserved(data, batch.summary);
  const analyses = analysisViews(theses, sensitivities);
  const calibration = calibrationViews(calibrations, backtests);
  const charts = [...reportCharts(batch, scores, unit), ...analysisCharts(analyses), ...calibrationCharts(calibration)];
  const findings = verdictFindings({ summary: batch.summary, theses: theses.map(thesisVerdicts), probe: probeTerms(batch.scenario?.probe), unit });
  const svgs = await Promise.all(charts.map((c) => renderSvg(c.spec)));
  const html = reportHtml({
    summary: batch.summary,
    runInfo: batch.runInfo,
    version: packageVersion(),
    findings,
    charts,
    observed: scores,
    analyses,
    calibration,
    libraries: browserLibraries(),
    unit,
  });
  const files: ReportFile[] = [
    { path: 'index.html', content: html },
    { path: 'summary.json', content: batch.summaryText },
    ...charts.map((c, i) => ({ path: `charts/${c.name}.svg`, content: svgs[i].svg })),
    ...charts.map((c) => ({ path: `data/${c.name}.csv`, content: tableCsv(c.table) })),
  ];
  return { files, headlines: findings.map(findingText), observed: scores, currency: batch.summary.currency, ...(unit ? { unit } : {}) };
}

/**
 * The generation `name` of the batch's scenario, with its perfRatio from the resolved scenario in
 * the folder; a folder without one still has the generations' names and own indices in
 * summary.json, and then nothing is converted.
 */
function batchRentUnit(batch: BatchData, name: string): RentUnit {
  const generations = batch.scenario?.generations ?? batch.summary.generations.map((g) => ({ name: g }));
  let unit: RentUnit;
  try {
    unit = rentUnit(name, generations);
  } catch (err) {
    if (err instanceof UnknownRentUnit) throw new ReportInputError(`--unit: ${err.message}`);
    throw err;
  }
  for (const which of ['spot', 'contract'] as const) {
    const metric = rentMetric(which, unit);
    if (!Object.hasOwn(batch.summary.metrics, metric)) {
      throw new ReportInputError(
        `${join(batch.dir, 'summary.json')}: metrics.${metric}: expected the ${unit.generation}'s own ${which} index for --unit, found nothing; run the batch again with this version`,
      );
    }
  }
  return unit;
}

/** A thesis file's claims as the verdict names them. */
const thesisVerdicts = (t: ThesisInput): ThesisVerdicts => ({ name: t.doc.thesis, claims: t.doc.claims });

/** A batch's or a thesis's runs as its file states them, for messages. */
const runsOf = (x: { scenarioHash?: string; seed: number; runs: number; design: string; completedRuns: number }): string =>
  `seed ${x.seed}, ${x.completedRuns} of ${x.runs} runs, design ${x.design}, scenario ${(x.scenarioHash ?? '?').slice(0, 12)}`;

/**
 * The theses in the batch's folder, each of which must have been tested on the runs of its
 * summary.json (else the folder mixes two batches), then the `given` ones; a file both in the
 * folder and given is shown once.
 */
function withBatchTheses(batchDir: string, summary: BatchSummary, given: readonly ThesisInput[]): ThesisInput[] {
  const own = batchThesisFolders(batchDir).map((folder) => readThesis(join(batchDir, folder)));
  for (const t of own) {
    if (runsOf(t.doc) !== runsOf(summary)) {
      throw new ReportInputError(
        `${t.file}: expected a thesis tested on the runs of summary.json (${runsOf(summary)}), found ${runsOf(t.doc)}; is the folder a mix of two batches? Run the batch again into an empty folder`,
      );
    }
  }
  const seen = new Set(own.map((t) => resolve(t.file)));
  return [...own, ...given.filter((t) => !seen.has(resolve(t.file)))];
}

/** Writes report files into `outDir` with `write` (atomic per folder), subfolders first. */
export function writeReportFiles(outDir: string, files: readonly ReportFile[], write: (dir: string, files: OutputFile[]) => string[] = writeRun): string[] {
  const groups = new Map<string, OutputFile[]>();
  for (const f of files) {
    const slash = f.path.lastIndexOf('/');
    const folder = slash < 0 ? '' : f.path.slice(0, slash);
    const list = groups.get(folder) ?? [];
    list.push({ name: f.path.slice(slash + 1), content: f.content });
    groups.set(folder, list);
  }
  const written = new Map<string, string>();
  const folders = [...groups.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  for (const folder of folders) {
    const paths = write(folder === '' ? outDir : join(outDir, folder), groups.get(folder)!);
    groups.get(folder)!.forEach((f, i) => written.set(folder === '' ? f.name : `${folder}/${f.name}`, paths[i]));
  }
  return files.map((f) => written.get(f.path)!);
}

/** Builds the report of the batch in `batchDir` and writes it; returns where, what, and the headlines. */
export async function writeReport(batchDir: string, options: ReportOptions = {}): Promise<ReportResult> {
  const dir = options.out ?? defaultReportDir(batchDir);
  const report = await buildReport(batchDir, options);
  const files = writeReportFiles(dir, report.files);
  return { dir, files, headlines: report.headlines };
}
