/**
 * What a chart of the batch report is, and what every chart is built from. Each chart is one
 * module of this folder: a function from the batch (and the observed scores, where given) to its
 * charts, none when the batch has nothing to draw; `../charts.ts` lists them in page order.
 */
import type { BatchData } from '../batchData.js';
import { batchEvents } from '../chartData.js';
import type { ChartTable } from '../chartTable.js';
import type { MetricScore, ObservedScores } from '../../observed/scores.js';
import type { Spec } from '../specs/common.js';
import type { RentUnit } from '../../analysis/rentUnit.js';

export interface ReportChart {
  /** File name stem: charts/<name>.svg, data/<name>.csv. */
  name: string;
  section: string;
  /** How to read the chart, plain text. */
  caption: string;
  table: ChartTable;
  spec: Spec;
}

export interface ChartInputs {
  batch: BatchData;
  observed: ObservedScores | undefined;
  /** Rents per GPU-hour of this generation rather than per reference-GPU-hour. */
  unit?: RentUnit;
}

/** A chart of the batch report: its charts for these inputs (none, one, or one per metric). */
export type BatchChart = (inputs: ChartInputs) => ReportChart[];

export const SPOT = 'spotRentCcyPerRefGpuHour';
export const CONTRACT = 'contractRentCcyPerRefGpuHour';

export const BAND_WORDS = 'The light band holds 90 % of runs in each month (P5–P95), the darker band the middle half (P25–P75), and the thick line is the median.';

/** The observed scores of `metric`, if the report holds observed data of it. */
export const scoreOf = (inputs: ChartInputs, metric: string): MetricScore | undefined => inputs.observed?.metrics.find((m) => m.metric === metric);

/**
 * The caption's words on the scenario's events, which the time charts draw as numbered rules: each
 * number with its event and month. Empty when the batch has no events (or no scenario with it).
 */
export function eventsSentence(batch: BatchData): string {
  const events = batchEvents(batch);
  if (events.length === 0) return '';
  return ` Dashed rules mark the scenario's events, numbered at the top: ${events.map((e, i) => `${i + 1} ${e.label} (${e.month})`).join('; ')}.`;
}
