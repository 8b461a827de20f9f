/**
 * A calibration (calibration.json, written by `gpu-market calibrate`) and a backtest
 * (backtest.json, by `gpu-market backtest`) as a report reads them: from the file or the folder
 * that holds it, checked field by field, anything missing or malformed one ReportInputError that
 * names the file and the field. Strings are taken as they are; the page escapes them.
 *
 * Neither must be of the batch's scenario: a report of the calibrated scenario shows the
 * calibration that made it, which ran on the scenario before it.
 */
import { z } from 'zod';
import { readInput } from './analysisData.js';
import { ReportInputError } from './errors.js';
import { checked, count, maybe, month, parseJson, share } from './jsonInput.js';


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
      priorText: z.string(),
      posterior: z.object({ mean: z.number(), sd: z.number(), p5: z.number(), p50: z.number(), p95: z.number() }),
      fittedText: z.string(),
    }),
  ),
  correlations: z.array(z.object({ a: z.string(), b: z.string(), rho: z.number() })),
  points: z.array(z.object({ line: count, month: month, metric: z.string(), observedText: z.string(), simulatedMean: z.number(), distance: z.number().min(0) })),
});

const ForecastSummary = z.object({ points: count, inside90: share, inside50: share, meanScaledCrps: z.number().min(0), pitHistogram: z.array(count) });

const Backtest = z.object({
  format: z.literal('gpu-market-backtest/1'),
  scenario: z.object({ file: z.string(), name: z.string() }),
  observed: z.object({ file: z.string(), sha256: z.string() }),
  runs: count,
  seed: count,
  cutoffs: z.array(
    z.object({
      cutoff: month,
      calibratedOn: count,
      scored: count,
      posterior: ForecastSummary,
      prior: ForecastSummary,
      points: z.array(
        z.object({
          line: count,
          month: month,
          metric: z.string(),
          observed: z.string(),
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
}

export interface BacktestInput {
  file: string;
  doc: BacktestDoc;
}

/** Reads and checks calibration.json (or the folder holding it). */
export function readCalibration(path: string): CalibrationInput {
  const { file, text } = readInput(path, 'calibration.json', 'gpu-market calibrate');
  return { file, doc: checked(Calibration, parseJson(text, file), file) };
}

/** Reads and checks backtest.json (or the folder holding it). */
export function readBacktest(path: string): BacktestInput {
  const { file, text } = readInput(path, 'backtest.json', 'gpu-market backtest');
  const doc = checked(Backtest, parseJson(text, file), file);
  if (doc.cutoffs.length === 0) throw new ReportInputError(`${file}: cutoffs: expected at least one cutoff, found none`);
  return { file, doc };
}
