/**
 * A calibration (calibration.json and posterior.csv) and a backtest (backtest.json) made up in
 * memory, shaped like what `gpu-market calibrate` and `gpu-market backtest` write: three inputs,
 * 50 weighted particles in which the first and the third input move together, predictive bands of
 * two metrics, and observed points of every kind (a point, an interval, a lower and an upper
 * bound). Unit tests draw charts from them without running the model; the browser test writes
 * them to files.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BacktestDoc, CalibrationDoc, CalibrationInput, BacktestInput } from '../../src/report/calibrationData.js';
import { parseParameterTable } from '../../src/montecarlo/sampling/table.js';

export const CAL_INPUTS = ['vendor.outputScale', 'market.hype.halfLifeMonths', 'developers.frontier.needGrowthPerYear'];
export const FAN_METRICS = ['spotRentCcyPerGpuHour_H100', 'grossMargin'];
const MONTHS = Array.from({ length: 18 }, (_, t) => `${2023 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`);
const PARTICLES = 50;

/** posterior.csv: the inputs and a weight; input 3 follows input 1, input 2 is unrelated to both. */
export function fixturePosteriorCsv(paths: readonly string[] = CAL_INPUTS): string {
  const rows = Array.from({ length: PARTICLES }, (_, k) => {
    const a = 1 + 0.3 * Math.sin(k * 1.3);
    const b = 15 + 5 * Math.cos(k * 2.9);
    const c = 0.6 + 0.5 * (a - 1) + 0.02 * Math.sin(k * 7.1);
    const w = ((k % 5) + 1) / 150;
    return [...[a, b, c].slice(0, paths.length), w].map((v) => String(Number(v.toPrecision(8))));
  });
  const header = [...paths.map((p) => (/[",]/.test(p) ? `"${p.replace(/"/g, '""')}"` : p)), 'weight'];
  return [header, ...rows].map((r) => r.join(',')).join('\n') + '\n';
}

function series(metric: string, base: number) {
  const p50 = MONTHS.map((_, t) => base * (1 + 0.2 * Math.sin(t / 4)));
  const at = (k: number) => p50.map((v) => Number((v * (1 + k)).toPrecision(10)));
  return { metric, months: [...MONTHS], p5: at(-0.4), p25: at(-0.15), p50: at(0), p75: at(0.15), p95: at(0.4) };
}

const point = (line: number, month: string, metric: string, o: { value?: number; low?: number; high?: number }, sd: number, observedText: string) => ({
  line,
  month,
  metric,
  value: o.value ?? null,
  low: o.low ?? null,
  high: o.high ?? null,
  sd,
  observedText,
  simulatedMean: o.value ?? o.low ?? o.high ?? 0,
  distance: 0.5,
});

export function fixtureCalibrationDoc(): CalibrationDoc {
  return {
    format: 'gpu-market-calibration/1',
    scenario: { file: 'scenarios/baseline.yaml', name: 'Fixture market' },
    observed: { file: 'observed.csv', sha256: 'a'.repeat(64), until: null, points: 5 },
    method: { name: 'ABC-SMC (population Monte Carlo)', particles: PARTICLES, replicates: 2, budget: 2000, seed: 1 },
    stop: { reason: 'generations', text: 'ran the last generation allowed' },
    runs: 900,
    generations: [
      { generation: 0, tolerance: null, proposed: 50, accepted: 50, acceptanceRate: 1, ess: 50, runs: 100 },
      { generation: 1, tolerance: 2.4, proposed: 110, accepted: 50, acceptanceRate: 0.4545, ess: 31.2, runs: 220 },
      { generation: 2, tolerance: 1.1, proposed: 290, accepted: 50, acceptanceRate: 0.1724, ess: 27.5, runs: 580 },
    ],
    inputs: [
      {
        path: CAL_INPUTS[0],
        prior: { dist: 'lognormal', median: 1, sigma: 0.3 },
        priorText: 'lognormal median 1, σ 0.3',
        posterior: { mean: 1, sd: 0.2, p5: 0.7, p50: 1, p95: 1.3 },
        fittedText: 'lognormal median 1, σ 0.2',
      },
      {
        path: CAL_INPUTS[1],
        prior: { dist: 'triangular', min: 8, mode: 15, max: 30 },
        priorText: 'triangular 8, 15, 30',
        posterior: { mean: 15, sd: 3.5, p5: 10, p50: 15, p95: 20 },
        fittedText: 'beta',
      },
      { path: CAL_INPUTS[2], prior: { dist: 'uniform', min: 0.3, max: 1 }, priorText: 'uniform 0.3–1', posterior: { mean: 0.6, sd: 0.1, p5: 0.45, p50: 0.6, p95: 0.75 }, fittedText: 'beta' },
    ],
    correlations: [{ a: CAL_INPUTS[0], b: CAL_INPUTS[2], rho: 0.95 }],
    points: [
      point(2, '2023-06', FAN_METRICS[0], { value: 30 }, 6, '30 ± 6'),
      point(3, '2023-10', FAN_METRICS[0], { low: 20, high: 26 }, 4.6, '20 to 26'),
      point(4, '2024-01', FAN_METRICS[0], { low: 28 }, 5.6, 'at least 28'),
      point(5, '2024-03', FAN_METRICS[0], { high: 40 }, 8, 'at most 40'),
      point(6, '2023-09', FAN_METRICS[1], { value: 0.4 }, 0.08, '0.4 ± 0.08'),
    ],
    predictive: { runs: 200, seed: 12345, failedRuns: 0, currency: 'CNY', series: [series(FAN_METRICS[0], 30), series(FAN_METRICS[1], 0.35)] },
  };
}

export function fixtureCalibration(doc: CalibrationDoc = fixtureCalibrationDoc(), withPosterior = true): CalibrationInput {
  const posterior = withPosterior ? parseParameterTable(fixturePosteriorCsv(doc.inputs.map((x) => x.path)), { file: 'posterior.csv', known: doc.inputs.map((x) => x.path) }) : null;
  return { file: 'fixture/calibration.json', doc, posterior };
}

const summary = (inside90: number) => ({ points: 2, inside90, inside50: 0.5, meanScaledCrps: 0.7, pitHistogram: [0, 0, 1, 0, 0, 0, 0, 1, 0, 0] });

function scoredPoint(line: number, month: string, o: { value: number | null; low: number | null; high: number | null }, observed: string, forecast: 'posterior' | 'prior', inside90: boolean) {
  return { line, month, metric: FAN_METRICS[0], observed, ...o, forecast, p5: 20, p50: 30, p95: 40, inside90, inside50: false, crps: 2, scaledCrps: 0.4, pit: 0.5 };
}

export function fixtureBacktestDoc(): BacktestDoc {
  const later = (forecast: 'posterior' | 'prior') => [
    scoredPoint(4, '2024-01', { value: null, low: 28, high: null }, 'at least 28', forecast, true),
    scoredPoint(5, '2024-03', { value: null, low: null, high: 40 }, 'at most 40', forecast, forecast === 'posterior'),
  ];
  return {
    format: 'gpu-market-backtest/1',
    scenario: { file: 'scenarios/baseline.yaml', name: 'Fixture market' },
    observed: { file: 'observed.csv', sha256: 'a'.repeat(64) },
    runs: 100,
    seed: 1,
    currency: 'CNY',
    priorSeries: [series(FAN_METRICS[0], 33)],
    cutoffs: [
      {
        cutoff: '2023-12',
        calibratedOn: 3,
        scored: 2,
        posterior: summary(1),
        prior: summary(0.5),
        posteriorSeries: [series(FAN_METRICS[0], 30)],
        points: [...later('posterior'), ...later('prior')],
      },
    ],
  };
}

export function fixtureBacktest(doc: BacktestDoc = fixtureBacktestDoc()): BacktestInput {
  return { file: 'fixture/backtest.json', doc };
}

/** Writes the fixture calibration (calibration.json and posterior.csv) into `dir`, and the backtest into `backtestDir`. */
export function writeCalibrationFixture(dir: string, backtestDir: string, doc: CalibrationDoc = fixtureCalibrationDoc()): void {
  writeFileSync(join(dir, 'calibration.json'), JSON.stringify(doc));
  writeFileSync(join(dir, 'posterior.csv'), fixturePosteriorCsv(doc.inputs.map((x) => x.path)));
  writeFileSync(join(backtestDir, 'backtest.json'), JSON.stringify(fixtureBacktestDoc()));
}
