/**
 * The calibration's files as data: calibration.json (the method and its settings, the tolerance
 * schedule with acceptance rates and effective sample sizes, the posterior of every input, the
 * fit per observed point at the posterior median, and the posterior predictive bands of every
 * observed metric by month) and posterior.csv (one particle per row,
 * with its weight, readable by `batch --design table=`). Numbers go through `roundForFile`, so the
 * same calibration gives the same bytes on any machine.
 */
import { describe, type Distribution } from '../montecarlo/sampling/distributions.js';
import type { Correlation } from '../montecarlo/sampling/correlations.js';
import { formatNumber, roundForFile } from '../format/formatNumber.js';
import { csvText } from '../format/csv.js';
import { significant } from '../format/textNumber.js';
import { WEIGHT_COLUMN } from '../montecarlo/sampling/table.js';
import type { Scenario } from '../scenario/schema.js';
import type { AbcOptions, AbcState, Population, StopReason } from './abcSmc.js';
import { meanSquaredResidual, type Target } from './distance.js';
import type { CellTarget } from './modelSimulator.js';
import type { InputPosterior } from './posterior.js';
import type { SeriesBands } from './predictive.js';

export const CALIBRATION_FORMAT = 'gpu-market-calibration/1';

export interface PointFit {
  line: number;
  month: string;
  metric: string;
  value: number | null;
  low: number | null;
  high: number | null;
  sd: number;
  observedText: string;
  /** Mean over the median particle's replicate runs. */
  simulatedMean: number;
  /** Root mean squared scaled residual over those runs: 0 inside a range, else in units of the point's error. */
  distance: number;
}

/** How each observed point is met by the runs of the posterior median (`replicates[r][i]`). */
export function pointFits(targets: readonly CellTarget[], replicates: readonly Float64Array[]): PointFit[] {
  return targets.map((t, i) => {
    const simulatedMean = replicates.reduce((a, run) => a + run[i], 0) / replicates.length;
    return {
      line: t.line,
      month: t.month,
      metric: t.metric,
      value: t.value,
      low: t.low,
      high: t.high,
      sd: t.sd,
      observedText: observedText(t),
      simulatedMean,
      distance: Math.sqrt(meanSquaredResidual(t, replicates, i)),
    };
  });
}

export function observedText(t: Target): string {
  const f = significant;
  if (t.value !== null) return `${f(t.value)} ± ${f(t.sd)}`;
  if (t.low !== null && t.high !== null) return `${f(t.low)} to ${f(t.high)}`;
  return t.low !== null ? `at least ${f(t.low)}` : `at most ${f(t.high!)}`;
}

export interface CalibrationInputs {
  scenario: Scenario;
  scenarioFile: string;
  observedFile: string;
  observedSha256: string;
  until: string | null;
  /** A hash of the scenario, observed data and settings: what a later run checks before it reuses this one. */
  identity: string;
  options: AbcOptions;
  state: AbcState;
  posteriors: readonly InputPosterior[];
  correlations: readonly Correlation[];
  points: readonly PointFit[];
  skipped: readonly { line: number; reason: string }[];
  predictive: Predictive;
}

/** The posterior predictive batch: its runs, and the monthly bands of every observed metric. */
export interface Predictive {
  runs: number;
  seed: number;
  failedRuns: number;
  /** The scenario's currency, the unit of its money metrics. */
  currency: string;
  series: SeriesBands[];
}

/** Why a calibration stopped, in words. */
export const STOP_TEXT: Readonly<Record<StopReason, string>> = {
  tolerance: 'reached the target tolerance',
  generations: 'ran the last generation allowed',
  acceptance: 'acceptance fell below the floor',
  budget: 'the run budget was spent',
};

const r = (v: number): number => roundForFile(v);
const nullable = (v: number | null): number | null => (v === null ? null : r(v));

export function calibrationDocument(c: CalibrationInputs) {
  const { options: o, state } = c;
  return {
    format: CALIBRATION_FORMAT,
    identity: c.identity,
    scenario: { file: c.scenarioFile, name: c.scenario.name },
    observed: { file: c.observedFile, sha256: c.observedSha256, until: c.until, points: c.points.length, skipped: c.skipped.map((s) => ({ line: s.line, reason: s.reason })) },
    method: {
      name: 'ABC-SMC (population Monte Carlo)',
      particles: o.particles,
      replicates: o.replicates,
      generations: o.generations,
      budget: o.budget,
      quantile: o.quantile,
      targetTolerance: o.targetTolerance,
      minAcceptance: o.minAcceptance,
      seed: o.seed,
    },
    stop: { reason: state.stop!, text: STOP_TEXT[state.stop!] },
    runs: state.runs,
    generations: state.populations.map((p, t) => ({
      generation: t,
      tolerance: Number.isFinite(p.tolerance) ? r(p.tolerance) : null,
      proposed: p.proposed,
      accepted: p.z.length,
      acceptanceRate: r(p.z.length / p.proposed),
      ess: r(p.ess),
      runs: p.runs,
    })),
    inputs: c.posteriors.map((x) => ({
      path: x.path,
      prior: roundDistribution(x.prior),
      priorText: describe(x.prior),
      posterior: { mean: r(x.mean), sd: r(x.sd), p5: r(x.p5), p50: r(x.p50), p95: r(x.p95) },
      fitted: roundDistribution(x.fitted),
      fittedText: describe(x.fitted),
    })),
    correlations: c.correlations.map((k) => ({ a: k.a, b: k.b, rho: k.rho })),
    points: c.points.map((p) => ({ ...p, value: nullable(p.value), low: nullable(p.low), high: nullable(p.high), sd: r(p.sd), simulatedMean: r(p.simulatedMean), distance: r(p.distance) })),
    predictive: c.predictive,
  };
}

export type CalibrationDocument = ReturnType<typeof calibrationDocument>;

function roundDistribution(d: Distribution): Distribution {
  return JSON.parse(JSON.stringify(d, (_, v: unknown) => (typeof v === 'number' ? roundForFile(v) : v))) as Distribution;
}

/** posterior.csv: the inputs' paths and `weight` as the header, one particle per row. */
export function posteriorCsv(paths: readonly string[], pop: Population): string {
  return csvText([[...paths, WEIGHT_COLUMN], ...pop.values.map((v, n) => [...v.map(formatNumber), formatNumber(pop.weights[n])])]);
}
