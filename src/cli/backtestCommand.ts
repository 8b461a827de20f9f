/**
 * `gpu-market backtest <scenario> --observed FILE --cutoff YYYY-MM[,…]`: an out-of-sample track
 * record. For each cutoff it calibrates on the points dated up to it (into `cutoff-YYYY-MM/`, as
 * `calibrate --until` would), forecasts with `--runs` runs drawn from that posterior, and scores
 * the points after the cutoff; the uncalibrated scenario's own batch (`--runs` runs of its prior,
 * Latin hypercube) is scored on the same points, for comparison. Writes backtest.json (scores per
 * cutoff, with PIT histograms, and the monthly bands of each forecast of the scored metrics, which
 * a report draws as fans) and backtest.csv (one row per point, cutoff and forecast).
 *
 * The posterior forecast draws the calibrated inputs from posterior.csv as written (so
 * `batch --design table=posterior.csv,resample` gives the same runs), and every other uncertain
 * input from its prior; `--resume` skips the cutoffs that are finished and resumes the one that
 * was interrupted.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensembleScore, pitHistogram, type EnsembleScore } from '../calibration/forecastScores.js';
import { observedText } from '../calibration/calibrationDocument.js';
import { cellTargets } from '../calibration/modelSimulator.js';
import { fanMonthCount, posteriorPlan, runForecast, targetMetrics, type Forecast as ForecastRuns, type SeriesBands } from '../calibration/predictive.js';
import { closePool } from '../montecarlo/pool.js';
import { planBatch, type BatchPlan } from '../montecarlo/plan.js';
import { parseParameterTable } from '../montecarlo/sampling/table.js';
import type { Observation } from '../observed/observation.js';
import { csvText } from '../format/csv.js';
import { formatNumber, roundForFile } from '../format/formatNumber.js';
import { jsonText } from '../format/json.js';
import { significant } from '../format/textNumber.js';
import { calibrateInto, calibrationIdentity, calibrationSetup, CALIBRATION_CHECKPOINT, type CalibrateOptions, type CalibrationSetup } from './calibrateCommand.js';
import { progressMode } from './progress.js';
import { UsageError } from './errors.js';
import { EXIT, type ExitCode } from './exitCodes.js';
import { lockFolder } from './folderLock.js';
import type { CliIo } from './io.js';
import { defaultOutDir, parseMonth, parseOutDir, parseRuns } from './options.js';
import { checkOutDir, reportWritten, writeOutputs } from './writeOutputs.js';

export interface BacktestOptions extends Omit<CalibrateOptions, 'until'> {
  cutoff: string;
  runs: string;
}

const FORECASTS = ['posterior', 'prior'] as const;
type Forecast = (typeof FORECASTS)[number];

function parseCutoffs(text: string, months: readonly string[]): string[] {
  const cutoffs = text.split(',').map((c) => parseMonth('--cutoff', c.trim(), months));
  if (new Set(cutoffs).size !== cutoffs.length) throw new UsageError('--cutoff: each month once');
  return [...cutoffs].sort();
}

interface ScoredPoint {
  observation: Observation;
  forecast: Forecast;
  score: EnsembleScore;
}

export async function backtestCommand(file: string, o: BacktestOptions, io: CliIo, isTty: boolean): Promise<ExitCode> {
  const outDir = o.out === undefined ? defaultOutDir(file, 'backtest') : parseOutDir(o.out);
  checkOutDir(outDir);
  const runs = parseRuns(o.runs);
  const setup = await calibrationSetup(file, o);
  const cutoffs = parseCutoffs(o.cutoff, setup.months);
  const all = setup.observed.observations;
  for (const c of cutoffs) {
    if (!all.some((x) => x.month <= c)) throw new UsageError(`--cutoff ${c}: no observation is dated in or before it to calibrate on`);
    if (!all.some((x) => x.month > c)) throw new UsageError(`--cutoff ${c}: no observation is dated after it to score`);
  }
  const release = lockFolder(outDir, `backtest ${file}`);
  try {
    // The prior's bands of every metric scored after some cutoff: all of them are scored after the first.
    const scoredMetrics = targetMetrics(all.filter((x) => x.month > cutoffs[0]));
    const prior = await forecastOf(setup, planBatch(setup.scenario, { runs, seed: setup.options.seed, design: 'lhs' }), all, scoredMetrics);
    const results = [];
    for (const cutoff of cutoffs) {
      const dir = join(outDir, `cutoff-${cutoff}`);
      const training = all.filter((x) => x.month <= cutoff);
      const later = all.filter((x) => x.month > cutoff);
      if (!(o.resume && finished(dir, calibrationIdentity(setup, cutoff)))) {
        if (!o.quiet) io.err(`cutoff ${cutoff}: calibrating on ${training.length} points\n`);
        const outcome = await calibrateInto(dir, setup, training, cutoff, io, progressMode(o, isTty));
        if (outcome === null) return EXIT.FAILURE;
      }
      const posterior = await forecastOf(setup, cutoffPlan(setup, dir, runs), later, targetMetrics(later));
      const points: ScoredPoint[] = [];
      later.forEach((x, i) => {
        points.push({ observation: x, forecast: 'posterior', score: ensembleScore(x, posterior.values[i]) });
        points.push({ observation: x, forecast: 'prior', score: ensembleScore(x, prior.values[all.indexOf(x)]) });
      });
      results.push({ cutoff, calibratedOn: training.length, points, series: posterior.series });
    }
    const written = writeOutputs(outDir, [
      { name: 'backtest.json', content: jsonText(backtestDocument(file, setup, runs, results, prior.series)) },
      { name: 'backtest.csv', content: backtestCsv(results) },
    ]);
    io.out(backtestText(results));
    reportWritten(io, written);
    return EXIT.OK;
  } finally {
    await closePool();
    release();
  }
}

/** A cutoff whose calibration, with these settings, wrote its files and left no checkpoint. */
function finished(dir: string, identity: string): boolean {
  if (!existsSync(join(dir, 'posterior.csv')) || existsSync(join(dir, CALIBRATION_CHECKPOINT))) return false;
  try {
    return (JSON.parse(readFileSync(join(dir, 'calibration.json'), 'utf8')) as { identity?: unknown }).identity === identity;
  } catch {
    return false;
  }
}

/** The posterior forecast of a cutoff: `runs` runs drawn from its posterior.csv (predictive.ts). */
function cutoffPlan(setup: CalibrationSetup, dir: string, runs: number): BatchPlan {
  const file = join(dir, 'posterior.csv');
  const table = parseParameterTable(readFileSync(file, 'utf8'), { file, known: setup.inputs.map((x) => x.path) });
  return posteriorPlan(setup.scenario, table, runs, setup.options.seed);
}

/** Each observation's values over the plan's runs (failed runs left out), and the monthly bands of `metrics`. */
function forecastOf(setup: CalibrationSetup, plan: BatchPlan, observations: readonly Observation[], metrics: readonly string[]): Promise<ForecastRuns> {
  const targets = cellTargets(observations, setup.months);
  const fanMonths = fanMonthCount(cellTargets(setup.observed.observations, setup.months), setup.months.length);
  return runForecast(plan, { targets, metrics, fanMonths, months: setup.months, workers: setup.workers });
}

interface CutoffResult {
  cutoff: string;
  calibratedOn: number;
  points: ScoredPoint[];
  /** The posterior forecast's monthly bands of each metric scored after the cutoff. */
  series: SeriesBands[];
}

const r = roundForFile;

function summaryOf(points: readonly ScoredPoint[]) {
  const n = points.length;
  return {
    points: n,
    inside90: r(points.filter((p) => p.score.inside90).length / n),
    inside50: r(points.filter((p) => p.score.inside50).length / n),
    // In units of each point's error, so that rents, months and shares can be averaged.
    meanScaledCrps: r(points.reduce((a, p) => a + p.score.crps / p.observation.sd, 0) / n),
    pitHistogram: pitHistogram(points.map((p) => p.score.pit)),
  };
}

const nullable = (v: number | null): number | null => (v === null ? null : r(v));

function backtestDocument(file: string, setup: CalibrationSetup, runs: number, results: readonly CutoffResult[], priorSeries: readonly SeriesBands[]) {
  return {
    format: 'gpu-market-backtest/1',
    scenario: { file, name: setup.scenario.name },
    observed: { file: setup.o.observed, sha256: setup.observedSha256 },
    runs,
    seed: setup.options.seed,
    currency: setup.scenario.currency,
    priorSeries,
    cutoffs: results.map((c) => ({
      cutoff: c.cutoff,
      calibratedOn: c.calibratedOn,
      scored: c.points.length / FORECASTS.length,
      ...Object.fromEntries(FORECASTS.map((f) => [f, summaryOf(c.points.filter((p) => p.forecast === f))])),
      posteriorSeries: c.series,
      points: c.points.map((p) => ({
        line: p.observation.line,
        month: p.observation.month,
        metric: p.observation.metric,
        observed: observedText(p.observation),
        value: nullable(p.observation.value),
        low: nullable(p.observation.low),
        high: nullable(p.observation.high),
        forecast: p.forecast,
        ...Object.fromEntries(Object.entries(p.score).map(([k, v]) => [k, typeof v === 'number' ? r(v) : v])),
        scaledCrps: r(p.score.crps / p.observation.sd),
      })),
    })),
  };
}

const CSV_COLUMNS = ['cutoff', 'line', 'month', 'metric', 'observed', 'forecast', 'p5', 'p25', 'p50', 'p75', 'p95', 'scoredAt', 'inside90', 'inside50', 'crps', 'scaledCrps', 'pit'] as const;

function backtestCsv(results: readonly CutoffResult[]): string {
  const rows = results.flatMap((c) =>
    c.points.map((p) => {
      const s = p.score;
      const x = p.observation;
      return [
        c.cutoff,
        String(x.line),
        x.month,
        x.metric,
        observedText(x),
        p.forecast,
        ...[s.p5, s.p25, s.p50, s.p75, s.p95, s.scoredAt].map(formatNumber),
        String(s.inside90),
        String(s.inside50),
        formatNumber(s.crps),
        formatNumber(s.crps / x.sd),
        formatNumber(s.pit),
      ];
    }),
  );
  return csvText([[...CSV_COLUMNS], ...rows]);
}

function backtestText(results: readonly CutoffResult[]): string {
  const lines = ['Backtest: points after each cutoff, forecast from the posterior and from the uncalibrated prior', ''];
  lines.push('  cutoff   forecast   points  in P5–P95  in P25–P75  mean CRPS (in errors)');
  for (const c of results) {
    for (const f of FORECASTS) {
      const s = summaryOf(c.points.filter((p) => p.forecast === f));
      lines.push(`  ${c.cutoff}  ${f.padEnd(9)}  ${String(s.points).padStart(6)}  ${pct(s.inside90).padStart(9)}  ${pct(s.inside50).padStart(10)}  ${significant(s.meanScaledCrps).padStart(9)}`);
    }
  }
  return `${lines.join('\n')}\n\n`;
}

const pct = (x: number): string => `${Math.round(100 * x)} %`;
