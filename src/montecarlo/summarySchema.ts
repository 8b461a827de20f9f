/**
 * The contract of summary.json: the schema `batchSummary` writes and `report` validates when it
 * reads a batch folder, and the library type both use. The outcome distributions are derived from
 * the outcome table (model/outcomeColumns.ts): one entry per outcome, under its name, with its
 * unit; month outcomes give their quantiles as `YYYY-MM`.
 *
 * `format` names the version. A folder written by an older version has none, and names some
 * outcomes otherwise (`peakRent` for `peakRentCcyPerRefGpuHour`); `summaryFormatProblem` says so
 * in words, so that the reader can ask for the batch to be run again.
 */
import { z } from 'zod';
import { MONTH } from '../model/calendar.js';
import { OUTCOME_COLUMNS, type OutcomeColumn, type OutcomeName } from '../model/outcomeColumns.js';
import { BAND_QUANTILES } from '../stats/metricBands.js';

export const SUMMARY_FORMAT = 'gpu-market-summary/2';

type QuantileName = keyof typeof BAND_QUANTILES;
/** The quantiles of every outcome distribution and their levels: those of the monthly bands. */
export const OUTCOME_QUANTILES = Object.entries(BAND_QUANTILES) as [QuantileName, number][];

const monthText = z.string().regex(MONTH, 'a month as YYYY-MM');
const series = z.array(z.number().nullable());

const Band = z.object({
  mean: series,
  p5: series,
  p10: series,
  p25: series,
  p50: series,
  p75: series,
  p90: series,
  p95: series,
  min: series,
  max: series,
  count: series,
});

/**
 * The distribution over runs of one outcome: how many runs have a value and how many have none,
 * and (when any has one) the mean and quantiles (type 7), numbers or months.
 */
export type OutcomeDistribution<V> = { unit: string; count: number; missing: number } & Partial<Record<'mean' | QuantileName, V>>;

function distribution<V extends z.ZodType>(value: V) {
  const optional = Object.fromEntries(['mean', ...OUTCOME_QUANTILES.map(([q]) => q)].map((k) => [k, value.optional()]));
  return z.strictObject({ unit: z.string(), count: z.number().int().min(0), missing: z.number().int().min(0), ...optional });
}

const schemaOf = (c: OutcomeColumn) => (c.kind === 'month' ? distribution(monthText) : distribution(z.number()));

export type OutcomeDistributions = { [K in OutcomeName]: OutcomeDistribution<Extract<OutcomeColumn, { name: K }>['kind'] extends 'month' ? string : number> };

const Outcomes = z.strictObject(Object.fromEntries(OUTCOME_COLUMNS.map((c) => [c.name, schemaOf(c)]))) as unknown as z.ZodType<OutcomeDistributions>;

export const BatchSummarySchema = z.object({
  format: z.literal(SUMMARY_FORMAT),
  scenario: z.string(),
  description: z.string(),
  currency: z.string(),
  region: z.string(),
  hoursPerMonth: z.number(),
  generations: z.array(z.string()),
  scenarioHash: z.string(),
  seed: z.number(),
  runs: z.number().int().min(0),
  completedRuns: z.number().int().min(0),
  failedRuns: z.number().int().min(0),
  design: z.string(),
  /** The drawn inputs: each path with its distribution (or `table`). */
  inputs: z.array(z.object({ path: z.string(), distribution: z.string() })),
  /** YYYY-MM, from the scenario's start to its end. */
  months: z.array(monthText).min(1),
  quantileMethod: z.string(),
  /** Per metric, per month: mean, percentiles, min, max and count (null for a month without values). */
  metrics: z.record(z.string(), Band),
  /** Per event (blue, transition, red, …), the share of runs in each month. */
  probabilities: z.record(z.string(), series),
  outcomes: Outcomes,
  probeIrrAboveHurdle: z.number().nullable(),
  probeHurdleIrr: z.number().nullable(),
  failures: z.array(z.object({ index: z.number().int().min(0), message: z.string(), input: z.literal(true).optional() })),
});

export type BatchSummary = z.infer<typeof BatchSummarySchema>;
export type MetricBand = z.infer<typeof Band>;

/** Why a parsed summary.json is not of this version, or null when it claims to be. */
export function summaryFormatProblem(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const format = (value as { format?: unknown }).format;
  if (format === SUMMARY_FORMAT) return null;
  if (format === undefined) return `written by an older gpu-market (no format field; outcome names have changed since), expected ${SUMMARY_FORMAT}`;
  return `expected format ${SUMMARY_FORMAT}, found ${JSON.stringify(format).slice(0, 60)}`;
}
