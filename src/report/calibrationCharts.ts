/**
 * The charts of the calibrations and backtests added to a report. Per calibration: each input's
 * prior against its posterior (marginals), the most correlated inputs' particles (pairs), the
 * tolerance path, and the posterior predictive fan of every observed metric with the points it was
 * fitted to. Per backtest: the forecast fan from each cutoff of every metric scored after it, with
 * the later points, the cutoff as a rule and the prior batch's median dashed.
 *
 * Like the analysis charts, each chart's table is its inline data and its CSV file; strings from
 * the files (input paths, metric names) go into the tables, and into titles only through
 * plainText. Names are numbered by the order of the files on the command line: calibration-1-
 * marginals, calibration-1-fan-2 (its second observed metric), backtest-1-2023-12-1.
 *
 * A chart whose data the files lack (posterior.csv missing beside calibration.json, a file written
 * before the predictive bands were added) is left out, and its view says why in `notes`.
 */
import { BAND_WORDS } from './charts/chart.js';
import { weightedCovariance } from '../calibration/abcSmc.js';
import { quantile, type Distribution } from '../montecarlo/sampling/distributions.js';
import type { ParameterTable } from '../montecarlo/sampling/table.js';
import type { BacktestDoc, BacktestInput, CalibrationDoc, CalibrationInput } from './calibrationData.js';
import { observedMarkRows, FAN_COLUMNS, type ObservedMark } from './chartData.js';
import type { ReportChart } from './charts.js';
import type { ChartTable, Row } from './chartTable.js';
import { num, pct } from './format.js';
import { axisTitle, metricLabel } from './metricUnits.js';
import { plainText } from './specs/common.js';
import { fanSpec } from './specs/fan.js';
import { marginalsSpec } from './specs/marginals.js';
import { pairsSpec } from './specs/pairs.js';
import { ACCEPTANCE, ESS_SHARE, tolerancePathSpec } from './specs/tolerancePath.js';

export const CALIBRATION = 'Calibration';
export const BACKTEST = 'Backtest';

/** Bins of a marginal panel. */
export const MARGINAL_BINS = 20;
/** Evenly spaced quantiles of the prior that make its histogram. */
const PRIOR_QUANTILES = 2000;
/** Pairs drawn at most. */
export const PAIRS_DRAWN = 3;

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

export function calibrationViews(calibrations: readonly CalibrationInput[], backtests: readonly BacktestInput[]): CalibrationViews {
  return { calibrations: calibrations.map((c, i) => calibrationView(c, i + 1)), backtests: backtests.map((b, i) => backtestView(b, i + 1)) };
}

/** Every calibration and backtest chart, in page order. */
export function calibrationCharts(v: CalibrationViews | undefined): ReportChart[] {
  if (!v) return [];
  return [...v.calibrations.flatMap((c) => [c.marginals, c.pairs, c.tolerance, ...c.fans].filter((x): x is ReportChart => x !== undefined)), ...v.backtests.flatMap((b) => b.fans)];
}

const OBSERVED_WORDS = 'Observed points are diamonds, intervals bars from their low to their high end, and bounds triangles pointing the way they hold (▲ at least, ▼ at most).';

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
  const fans: ReportChart[] = [];
  if (d.predictive === undefined) {
    notes.push('This calibration.json has no posterior predictive bands (it was written before they were added): run gpu-market calibrate again to draw the predictive fans.');
  } else {
    const predictive = d.predictive;
    predictive.series.forEach((s, k) => fans.push(predictiveFan(d, predictive, s, `${name}-fan-${k + 1}`)));
  }
  return { input, marginals, pairs, tolerance: toleranceChart(d, `${name}-tolerance`), fans, notes };
}

// ---------------------------------------------------------------- marginals

export interface MarginalBin {
  binStart: number;
  binEnd: number;
  /** The prior's probability in the bin. */
  prior: number;
  /** The posterior particles' share of weight in the bin. */
  posterior: number;
}

/** Where a prior's histogram is drawn: its support where it is bounded, else its P0.5–P99.5. */
function priorRange(d: Distribution): [number, number] {
  const q = (u: number) => quantile(d, u);
  switch (d.dist) {
    case 'uniform':
    case 'logUniform':
    case 'triangular':
    case 'beta':
      return [d.min, d.max];
    case 'normal':
      return [d.min ?? q(0.005), d.max ?? q(0.995)];
    case 'choice':
      return [Math.min(...d.values), Math.max(...d.values)];
    default:
      return [q(0.005), q(0.995)];
  }
}

/**
 * Equal bins over the prior's range (priorRange) and every particle, with the prior's mass in
 * each (from evenly spaced quantiles: no random draws, the same bins every time) and the weighted
 * particles'. What lies beyond the ends is counted in the end bins, so both sum to 1.
 */
export function marginalBins(prior: Distribution, xs: readonly number[], weights: readonly number[], bins = MARGINAL_BINS): MarginalBin[] {
  const u = Array.from({ length: PRIOR_QUANTILES }, (_, k) => (k + 0.5) / PRIOR_QUANTILES);
  const priorValues = u.map((p) => quantile(prior, p));
  const [from, to] = priorRange(prior);
  let lo = Math.min(from, ...xs);
  let hi = Math.max(to, ...xs);
  if (!(hi > lo)) {
    const pad = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  const width = (hi - lo) / bins;
  const at = (x: number) => Math.min(bins - 1, Math.max(0, Math.floor((x - lo) / width)));
  const out: MarginalBin[] = Array.from({ length: bins }, (_, b) => ({ binStart: lo + b * width, binEnd: b === bins - 1 ? hi : lo + (b + 1) * width, prior: 0, posterior: 0 }));
  for (const x of priorValues) out[at(x)].prior += 1 / PRIOR_QUANTILES;
  const total = weights.reduce((a, w) => a + w, 0);
  xs.forEach((x, i) => (out[at(x)].posterior += weights[i] / total));
  return out;
}

export function marginalsTable(d: CalibrationDoc, posterior: ParameterTable): ChartTable {
  const rows: Row[] = [];
  d.inputs.forEach((input, order) => {
    const column = posterior.paths.indexOf(input.path);
    const xs = posterior.rows.map((r) => r[column]);
    for (const b of marginalBins(input.prior, xs, posterior.weights!)) rows.push({ input: input.path, order, ...b, binMid: (b.binStart + b.binEnd) / 2 });
  });
  return { columns: ['input', 'order', 'binStart', 'binEnd', 'binMid', 'prior', 'posterior'], rows };
}

function marginalsChart(d: CalibrationDoc, posterior: ParameterTable, name: string): ReportChart {
  const table = marginalsTable(d, posterior);
  const last = d.generations[d.generations.length - 1];
  return {
    name,
    section: CALIBRATION,
    caption: `For each calibrated input, the share of the posterior’s weight in each of ${MARGINAL_BINS} equal bins (bars) and the prior’s probability in the same bins (shaded curve), each panel on its own scale. A posterior narrower than its prior is what the observed data taught; one that looks like its prior means the data say little about the input.`,
    table,
    spec: marginalsSpec(table.rows, `${posterior.rows.length} particles of generation ${last?.generation ?? 0}, effective sample size ${last === undefined ? 'n/a' : num(last.ess)}`),
  };
}

// ---------------------------------------------------------------- pairs

export interface InputPair {
  /** Column indices into the table's paths. */
  i: number;
  j: number;
  /** Weighted Pearson correlation of the particles' values. */
  r: number;
}

/** The `count` pairs of inputs whose particles are most correlated (by |r|, weighted), strongest first. */
export function mostCorrelatedPairs(table: ParameterTable, count = PAIRS_DRAWN): InputPair[] {
  const weights = table.weights ?? table.rows.map(() => 1);
  const cov = weightedCovariance(table.rows, weights);
  // An input whose particles all agree has no correlation (its variance is rounding noise).
  const varies = table.paths.map((_, i) => table.rows.some((r) => r[i] !== table.rows[0][i]));
  const pairs: InputPair[] = [];
  for (let i = 0; i < table.paths.length; i++) {
    for (let j = i + 1; j < table.paths.length; j++) {
      if (!varies[i] || !varies[j]) continue;
      const r = cov[i][j] / Math.sqrt(cov[i][i] * cov[j][j]);
      if (Number.isFinite(r)) pairs.push({ i, j, r });
    }
  }
  // Ties keep the order of the columns, so the choice is the same every time.
  return pairs.sort((a, b) => Math.abs(b.r) - Math.abs(a.r) || a.i - b.i || a.j - b.j).slice(0, count);
}

export function pairsTable(table: ParameterTable, pairs: readonly InputPair[]): ChartTable {
  const rows: Row[] = [];
  pairs.forEach((p, order) => {
    const [a, b] = [table.paths[p.i], table.paths[p.j]];
    const pair = `x: ${a}\ny: ${b}\nr = ${num(p.r, 2)}`;
    table.rows.forEach((v, k) => rows.push({ pair, order, a, b, r: p.r, x: v[p.i], y: v[p.j], weight: table.weights![k] }));
  });
  return { columns: ['pair', 'order', 'a', 'b', 'r', 'x', 'y', 'weight'], rows };
}

function pairsChart(posterior: ParameterTable, name: string): ReportChart | undefined {
  const pairs = mostCorrelatedPairs(posterior);
  if (pairs.length === 0) return undefined;
  const table = pairsTable(posterior, pairs);
  return {
    name,
    section: CALIBRATION,
    caption: `The ${pairs.length === 1 ? 'pair' : `${pairs.length} pairs`} of calibrated inputs whose posterior particles are most correlated (weighted Pearson r, strongest first): each dot a particle, larger and darker the more weight it carries. A strong correlation means the data pin down a combination of the two inputs rather than each alone, as when a higher output and a faster demand growth give the same rents.`,
    table,
    spec: pairsSpec(table.rows, `weighted correlations ${pairs.map((p) => num(p.r, 2)).join(', ')}`, pairs.length),
  };
}

// ---------------------------------------------------------------- tolerance path

export function toleranceTable(d: CalibrationDoc): ChartTable {
  const rows: Row[] = [];
  for (const g of d.generations) {
    const common = { generation: g.generation, proposed: g.proposed, accepted: g.accepted, ess: g.ess, runs: g.runs };
    if (g.tolerance !== null) rows.push({ kind: 'tolerance', series: 'tolerance', value: g.tolerance, ...common });
    rows.push({ kind: 'share', series: ACCEPTANCE, value: g.acceptanceRate, ...common });
    rows.push({ kind: 'share', series: ESS_SHARE, value: d.method.particles > 0 ? Math.min(1, g.ess / d.method.particles) : null, ...common });
  }
  return { columns: ['kind', 'series', 'generation', 'value', 'proposed', 'accepted', 'ess', 'runs'], rows };
}

function toleranceChart(d: CalibrationDoc, name: string): ReportChart {
  const table = toleranceTable(d);
  const last = d.generations[d.generations.length - 1];
  const subtitle =
    last === undefined
      ? 'no generation'
      : `${d.generations.length} generation${d.generations.length === 1 ? '' : 's'}, ${d.runs} runs; last: tolerance ${last.tolerance === null ? 'none (prior)' : num(last.tolerance)}, acceptance ${pct(last.acceptanceRate)}`;
  return {
    name,
    section: CALIBRATION,
    caption:
      'Each generation accepts the particles whose runs come within its tolerance of the observations (left axis, in units of each point’s error; generation 0 is the prior’s draw and has none). The acceptance rate is the share of proposals accepted; the effective sample size (ESS) says how many equally weighted particles the weights are worth, here as a share of the particles (right axis). A tolerance that stops falling, or an acceptance rate near the floor, is where more generations stop paying.',
    table,
    spec: tolerancePathSpec(table.rows, subtitle),
  };
}

// ---------------------------------------------------------------- fans

type Series = NonNullable<CalibrationDoc['predictive']>['series'][number];

/** Band rows of a series (and a reference series' median as `reference` rows). */
function seriesRows(s: Series): Row[] {
  return s.months.map((month, t) => ({ kind: 'band', series: s.metric, month, p5: s.p5[t], p25: s.p25[t], p50: s.p50[t], p75: s.p75[t], p95: s.p95[t] }));
}

function labelOf(metric: string, currency: string | undefined) {
  const label = metricLabel(metric, plainText(currency, 'currency'));
  return { yTitle: plainText(axisTitle(label), 'value'), isShare: label.isShare };
}

function predictiveFan(d: CalibrationDoc, predictive: NonNullable<CalibrationDoc['predictive']>, s: Series, name: string): ReportChart {
  const points = d.points.filter((p) => p.metric === s.metric);
  const marks: ObservedMark[] = points.map((p) => ({
    month: p.month,
    value: p.value,
    low: p.low,
    high: p.high,
    source: `line ${p.line}: ${p.observedText}, distance ${num(p.distance, 2)} at the posterior median`,
  }));
  const table: ChartTable = { columns: FAN_COLUMNS, rows: [...seriesRows(s), ...observedMarkRows(marks)] };
  const { yTitle, isShare } = labelOf(s.metric, predictive.currency);
  return {
    name,
    section: CALIBRATION,
    caption: `The posterior predictive fan of ${s.metric}: ${predictive.runs} runs whose calibrated inputs are drawn by weight from the posterior (every other uncertain input from its prior), with the ${points.length} observed point${points.length === 1 ? '' : 's'} it was fitted to. ${BAND_WORDS} ${OBSERVED_WORDS}`,
    table,
    spec: fanSpec(table.rows, {
      title: `Posterior predictive: ${plainText(s.metric, 'an observed metric')}`,
      subtitle: `${predictive.runs} runs from the posterior${predictive.failedRuns > 0 ? ` (${predictive.failedRuns} failed)` : ''} · ${points.length} observed point${points.length === 1 ? '' : 's'}`,
      yTitle,
      isShare,
    }),
  };
}

function backtestView(input: BacktestInput, n: number): BacktestView {
  const d = input.doc;
  const fans: ReportChart[] = [];
  const notes: string[] = [];
  if (d.priorSeries === undefined || d.cutoffs.some((c) => c.posteriorSeries === undefined)) {
    notes.push('This backtest.json has no forecast bands (it was written before they were added): run gpu-market backtest again to draw the forecast fans.');
    return { input, fans, notes };
  }
  for (const c of d.cutoffs) {
    c.posteriorSeries!.forEach((s, k) =>
      fans.push(
        backtestFan(
          d,
          c,
          s,
          d.priorSeries!.find((p) => p.metric === s.metric),
          `backtest-${n}-${c.cutoff}-${k + 1}`,
        ),
      ),
    );
  }
  return { input, fans, notes };
}

type Cutoff = BacktestDoc['cutoffs'][number];

function backtestFan(d: BacktestDoc, c: Cutoff, s: Series, prior: Series | undefined, name: string): ReportChart {
  const scored = c.points.filter((p) => p.metric === s.metric);
  const posterior = scored.filter((p) => p.forecast === 'posterior');
  const marks: ObservedMark[] = posterior
    .filter((p) => p.value !== undefined && p.low !== undefined && p.high !== undefined)
    .map((p) => ({ month: p.month, value: p.value!, low: p.low!, high: p.high!, source: `line ${p.line}: ${p.observed}` }));
  const rows: Row[] = [
    ...seriesRows(s),
    ...(prior ? prior.months.map((month, t) => ({ kind: 'reference', series: 'prior median', month, value: prior.p50[t] })) : []),
    { kind: 'cutoff', series: `cutoff ${c.cutoff}`, month: c.cutoff },
    ...observedMarkRows(marks),
  ];
  const inside = (f: 'posterior' | 'prior') => scored.filter((p) => p.forecast === f && p.inside90).length;
  const { yTitle, isShare } = labelOf(s.metric, d.currency);
  return {
    name,
    section: BACKTEST,
    caption: `The forecast of ${s.metric} from the calibration on the points up to ${c.cutoff} (the dashed rule, the last month calibrated on): ${d.runs} runs drawn from that posterior, with the points after the cutoff it is scored on. The dashed line is the median of the uncalibrated prior’s batch, for comparison. ${BAND_WORDS} ${OBSERVED_WORDS}`,
    table: { columns: FAN_COLUMNS, rows },
    spec: fanSpec(rows, {
      title: `Forecast from ${c.cutoff}: ${plainText(s.metric, 'a scored metric')}`,
      subtitle: `${posterior.length} later point${posterior.length === 1 ? '' : 's'}: ${inside('posterior')} inside the posterior’s P5–P95, ${inside('prior')} inside the prior’s`,
      yTitle,
      isShare,
    }),
  };
}
