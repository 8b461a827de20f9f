/**
 * The charts of the calibrations and backtests added to a report. Per calibration: each input's
 * prior against its posterior (marginals), the most correlated inputs' particles (pairs), the
 * tolerance path, and the posterior predictive fan of every observed metric with the points it was
 * fitted to. Per backtest: the forecast fan from each cutoff of every metric scored after it, with
 * the later points, the cutoff as a rule and the prior batch's median dashed. Each chart is a
 * module of calibrationCharts/; this module builds the views the page's sections are drawn from
 * and lists the charts in page order.
 *
 * Like the analysis charts, each chart's table is its inline data and its CSV file; strings from
 * the files (input paths, metric names) go into the tables, and into titles only through
 * plainText. Names are numbered by the order of the files on the command line: calibration-1-
 * marginals, calibration-1-fan-2 (its second observed metric), backtest-1-2023-12-1.
 *
 * A chart whose data the files lack (posterior.csv missing beside calibration.json, a file written
 * before the predictive bands were added) is left out, and its view says why in `notes`.
 */
import type { BacktestInput, CalibrationInput } from './calibrationData.js';
import { backtestFans } from './calibrationCharts/backtestFans.js';
import { marginalsChart } from './calibrationCharts/marginals.js';
import { pairsChart } from './calibrationCharts/pairs.js';
import { predictiveFans } from './calibrationCharts/predictiveFans.js';
import { toleranceChart } from './calibrationCharts/tolerancePath.js';
import type { ReportChart } from './charts/chart.js';

export interface CalibrationView {
  input: CalibrationInput;
  marginals?: ReportChart;
  pairs?: ReportChart;
  tolerance: ReportChart;
  fans: ReportChart[];
  /** Why a chart is missing, plain text. */
  notes: string[];
}

export interface BacktestView {
  input: BacktestInput;
  fans: ReportChart[];
  notes: string[];
}

export interface CalibrationViews {
  calibrations: CalibrationView[];
  backtests: BacktestView[];
}

/** The calibration and backtest charts in page order: each calibration's, then each backtest's fans. */
const PAGE_ORDER: readonly ((v: CalibrationViews) => (ReportChart | undefined)[])[] = [
  (v) => v.calibrations.flatMap((c) => [c.marginals, c.pairs, c.tolerance, ...c.fans]),
  (v) => v.backtests.flatMap((b) => b.fans),
];

/** Every calibration and backtest chart, in page order. */
export function calibrationCharts(v: CalibrationViews | undefined): ReportChart[] {
  if (!v) return [];
  return PAGE_ORDER.flatMap((charts) => charts(v)).filter((c): c is ReportChart => c !== undefined);
}

export function calibrationViews(calibrations: readonly CalibrationInput[], backtests: readonly BacktestInput[]): CalibrationViews {
  return { calibrations: calibrations.map((c, i) => calibrationView(c, i + 1)), backtests: backtests.map((b, i) => backtestView(b, i + 1)) };
}

function calibrationView(input: CalibrationInput, n: number): CalibrationView {
  const d = input.doc;
  const name = `calibration-${n}`;
  const notes: string[] = [];
  let marginals: ReportChart | undefined;
  let pairs: ReportChart | undefined;
  if (input.posterior === null) {
    notes.push('There is no posterior.csv beside this calibration.json, so the prior-against-posterior and pair charts are not drawn.');
  } else {
    marginals = marginalsChart(d, input.posterior, `${name}-marginals`);
    if (d.inputs.length < 2) notes.push('One input was calibrated: there is no pair to plot.');
    else pairs = pairsChart(input.posterior, `${name}-pairs`);
  }
  let fans: ReportChart[] = [];
  if (d.predictive === undefined) {
    notes.push('This calibration.json has no posterior predictive bands (it was written before they were added): run gpu-market calibrate again to draw the predictive fans.');
  } else {
    fans = predictiveFans(d, d.predictive, name);
  }
  return { input, marginals, pairs, tolerance: toleranceChart(d, `${name}-tolerance`), fans, notes };
}

function backtestView(input: BacktestInput, n: number): BacktestView {
  const d = input.doc;
  if (d.priorSeries === undefined || d.cutoffs.some((c) => c.posteriorSeries === undefined)) {
    const notes = ['This backtest.json has no forecast bands (it was written before they were added): run gpu-market backtest again to draw the forecast fans.'];
    return { input, fans: [], notes };
  }
  return { input, fans: backtestFans(d, `backtest-${n}`), notes: [] };
}
