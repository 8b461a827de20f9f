/**
 * What an observed-data file says once it is held against a scenario: each row as a point, an
 * interval or a bound in the unit of the model metric it is compared with, and the error it is
 * taken to have. The report scores these against a batch's bands; calibration fits to them.
 */

/**
 * The error a row is taken to have when it gives no `sd`: ±20 % of its value, the accuracy a
 * typical trade-press offer has as a measure of the market's price (see OBSERVED.md).
 */
export const DEFAULT_RELATIVE_ERROR = 0.2;

/** One observed point, in the model metric's own unit. */
export interface Observation {
  /** Line in the file. */
  line: number;
  /** The date as written. */
  date: string;
  /** The month it falls in, YYYY-MM. */
  month: string;
  /** The model metric's full name, such as spotRentCcyPerGpuHour_H100, leadTimeMonths or grossMargin. */
  metric: string;
  /** The metric as the file names it: the metric cell, or in a market history "rent spot H100" (metric, kind, gpu). */
  metricAsWritten: string;
  /** A point value; null when only an interval or a bound is known. */
  value: number | null;
  /** The interval's lower end, or a lower bound alone (high null). */
  low: number | null;
  /** The interval's upper end, or an upper bound alone (low null). */
  high: number | null;
  /** The row's error (a standard deviation) in the metric's unit; above 0. */
  sd: number;
  /** 1 unless the row's weight column sets it; above 0. */
  weight: number;
  source: string;
}

export interface ObservedData {
  /** The file as the user named it. */
  file: string;
  observations: Observation[];
  /** Rows that are not errors but do not apply to the target (another region), with the reason. */
  skipped: { line: number; reason: string }[];
}

/** What the reader needs to know of the scenario a file is held against. */
export interface ObservedTarget {
  currency: string;
  region: string;
  hoursPerMonth: number;
  /** Generation names. */
  generations: readonly string[];
  /** The scenario's months, YYYY-MM. */
  months: readonly string[];
}
