/**
 * A calibration (calibration.json, written by `gpu-market calibrate`) and a backtest
 * (backtest.json, by `gpu-market backtest`) as a report reads them: from the file or the folder
 * that holds it, checked field by field, anything missing or malformed one ReportInputError that
 * names the file and the field. Strings are taken as they are; the page escapes them.
 *
 * A calibration's posterior.csv is read from beside its calibration.json, for the marginal and
 * pair charts; a folder without one is drawn without them. Fields added after the first files were
 * written (a calibration's posterior predictive bands, a backtest's forecast bands) are optional:
 * an older file is read, and the charts that need them are left out with a note.
 *
 * Neither must be of the batch's scenario: a report of the calibrated scenario shows the
 * calibration that made it, which ran on the scenario before it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { DistributionSchema } from '../montecarlo/sampling/distributions.js';
import { parseParameterTable, type ParameterTable } from '../montecarlo/sampling/table.js';
import { ScenarioError } from '../scenario/errors.js';
import { readInput } from './analysisData.js';
import { ReportInputError } from '../files/inputError.js';
import { checked, count, maybe, month, parseJson, share } from './jsonInput.js';

/** Monthly bands of one metric over a forecast's runs (src/calibration/predictive.ts). */
const SeriesBands = z
  .object({ metric: z.string(), months: z.array(month).min(1), p5: z.array(maybe), p25: z.array(maybe), p50: z.array(maybe), p75: z.array(maybe), p95: z.array(maybe) })
  .refine((b) => [b.p5, b.p25, b.p50, b.p75, b.p95].every((q) => q.length === b.months.length), { message: 'one value of each band per month' });

const Calibration = z.object({
  format: z.literal('gpu-market-calibration/1'),
  scenario: z.object({ file: z.string(), name: z.string() }),
  observed: z.object({ file: z.string(), sha256: z.string(), until: z.string().nullable(), points: count }),
  method: z.object({ name: z.string(), particles: count, replicates: count, budget: count, seed: count }),
  stop: z.object({ reason: z.string(), text: z.string() }),
  runs: count,
  generations: z.array(z.object({ generation: count, tolerance: maybe, proposed: count, accepted: count, acceptanceRate: share, ess: z.number().min(0), runs: count })),
  inputs: z.array(
    z.object({
      path: z.string(),
      prior: DistributionSchema,
      priorText: z.string(),
      posterior: z.object({ mean: z.number(), sd: z.number(), p5: z.number(), p50: z.number(), p95: z.number() }),
      fittedText: z.string(),
    }),
  ),
  correlations: z.array(z.object({ a: z.string(), b: z.string(), rho: z.number() })),
  points: z.array(
    z.object({
      line: count,
      month: month,
      metric: z.string(),
      value: maybe,
      low: maybe,
      high: maybe,
      sd: z.number(),
      observedText: z.string(),
      simulatedMean: z.number(),
      distance: z.number().min(0),
    }),
  ),
  // Absent in files written before the posterior predictive batch was added.
  predictive: z.object({ runs: count, seed: count, failedRuns: count, currency: z.string(), series: z.array(SeriesBands) }).optional(),
});

const ForecastSummary = z.object({ points: count, inside90: share, inside50: share, meanScaledCrps: z.number().min(0), pitHistogram: z.array(count) });

const Backtest = z.object({
  format: z.literal('gpu-market-backtest/1'),
  scenario: z.object({ file: z.string(), name: z.string() }),
  observed: z.object({ file: z.string(), sha256: z.string() }),
  runs: count,
  seed: count,
  // The forecast bands: absent in files written before they were added.
  currency: z.string().optional(),
  priorSeries: z.array(SeriesBands).optional(),
  cutoffs: z.array(
    z.object({
      cutoff: month,
      calibratedOn: count,
      scored: count,
      posterior: ForecastSummary,
      prior: ForecastSummary,
      posteriorSeries: z.array(SeriesBands).optional(),
      points: z.array(
        z.object({
          line: count,
          month: month,
          metric: z.string(),
          observed: z.string(),
          value: maybe.optional(),
          low: maybe.optional(),
          high: maybe.optional(),
          forecast: z.enum(['posterior', 'prior']),
          p5: z.number(),
          p50: z.number(),
          p95: z.number(),
          inside90: z.boolean(),
          inside50: z.boolean(),
          crps: z.number(),
          scaledCrps: z.number(),
          pit: share,
        }),
      ),
    }),
  ),
});

export type CalibrationDoc = z.infer<typeof Calibration>;
export type BacktestDoc = z.infer<typeof Backtest>;

export interface CalibrationInput {
  file: string;
  doc: CalibrationDoc;
  /** posterior.csv beside calibration.json (its particles and weights); null where there is none. */
  posterior: ParameterTable | null;
}

export interface BacktestInput {
  file: string;
  doc: BacktestDoc;
}

/** Reads and checks calibration.json (or the folder holding it). */
export function readCalibration(path: string): CalibrationInput {
  const { file, text } = readInput(path, 'calibration.json', 'gpu-market calibrate');
  const doc = checked(Calibration, parseJson(text, file), file);
  return {
    file,
    doc,
    posterior: readPosterior(
      join(dirname(file), 'posterior.csv'),
      doc.inputs.map((x) => x.path),
    ),
  };
}

/** posterior.csv, which must have a column for every input of calibration.json and a weight column; null if it is not there. */
function readPosterior(file: string, paths: readonly string[]): ParameterTable | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ReportInputError(`${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let table: ParameterTable;
  try {
    table = parseParameterTable(text, { file, known: paths });
  } catch (err) {
    if (err instanceof ScenarioError) throw new ReportInputError(err.message);
    throw err;
  }
  const missing = paths.filter((p) => !table.paths.includes(p));
  if (missing.length > 0) throw new ReportInputError(`${file}: expected a column for every input of calibration.json, found none for ${JSON.stringify(missing[0])}`);
  if (!table.weights) throw new ReportInputError(`${file}: expected a weight column, found none`);
  return table;
}

/** Reads and checks backtest.json (or the folder holding it). */
export function readBacktest(path: string): BacktestInput {
  const { file, text } = readInput(path, 'backtest.json', 'gpu-market backtest');
  const doc = checked(Backtest, parseJson(text, file), file);
  if (doc.cutoffs.length === 0) throw new ReportInputError(`${file}: cutoffs: expected at least one cutoff, found none`);
  return { file, doc };
}
