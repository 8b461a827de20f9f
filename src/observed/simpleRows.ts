/**
 * The simple observed-data format: the columns `date` (YYYY-MM or YYYY-MM-DD; a day only places
 * the point in its month), `metric` (a metric's full name such as `spotRentCcyPerRefGpuHour`, or
 * an alias such as `spotRent`), `value` (a number in the metric's unit: shares as 0.4, not 40 %)
 * and, optionally, `source` (free text, shown beside the point). Each row is a point whose error is
 * DEFAULT_RELATIVE_ERROR of its value; a value of 0 has no size to take a share of, so its error
 * is DEFAULT_RELATIVE_ERROR itself, in the metric's unit. Reading does not depend on the scenario:
 * a month outside it, or a generation it does not have, is for the user of the points to skip (the
 * report lists them as skipped) or, binding strictly, to refuse (`requireInTarget`).
 */
import { metricVariable, UnknownVariable } from '../analysis/variables.js';
import { isGenerationMetric, METRICS } from '../model/metrics.js';
import { dateCell, foundCell, numberCell, scenarioMonth, type Fail } from './cells.js';
import { DEFAULT_RELATIVE_ERROR, type Observation, type ObservedTarget } from './observation.js';

export const SIMPLE_COLUMNS = ['date', 'metric', 'value', 'source'] as const;
export const SIMPLE_REQUIRED = ['date', 'metric', 'value'] as const;
export const SIMPLE_EXPECTED = 'the columns date, metric, value and optionally source';

/** The observation of one row; `cell` gives a column's text ('' for an absent column). */
export function simpleObservation(line: number, cell: (name: string) => string, fail: Fail): Observation {
  const date = cell('date');
  const month = dateCell(date, line, fail);
  const metricAsWritten = cell('metric');
  const metric = metricName(metricAsWritten, (expected, found) => fail(line, 'metric', expected, found));
  const value = numberCell(cell('value'), line, 'value', fail, false)!;
  const sd = value === 0 ? DEFAULT_RELATIVE_ERROR : DEFAULT_RELATIVE_ERROR * Math.abs(value);
  return { line, date, month, metric, metricAsWritten, value, low: null, high: null, sd, weight: 1, source: cell('source') };
}

/**
 * Fails unless a simple row is of the scenario `target`: one of its months, and a metric its runs
 * have (a per-generation metric of one of its generations). A fit needs every point inside.
 */
export function requireInTarget(x: Observation, target: ObservedTarget, fail: Fail): void {
  scenarioMonth(x.line, x.date, x.month, target.months, fail);
  if (!(METRICS as readonly string[]).includes(x.metric) && !isGenerationMetric(x.metric, target.generations)) {
    fail(x.line, 'metric', `a metric of the scenario's runs (a generation it has: ${target.generations.join(', ')})`, foundCell(x.metricAsWritten));
  }
}

/** The full metric name for a name or alias; unknown names fail with the closest known names. */
function metricName(text: string, fail: (expected: string, found: string) => never): string {
  try {
    // Any month will do: only the name is being checked here. A per-generation name
    // (`spotRentCcyPerGpuHour_H100`, `spotRent_H100`) is taken for any generation: the batch it
    // is held against says whether it has that generation.
    const generation = /_([A-Za-z0-9_.-]+)$/.exec(text)?.[1];
    return metricVariable(text, '2000-01', ['2000-01'], generation ? [generation] : []).name;
  } catch (err) {
    if (!(err instanceof UnknownVariable)) throw err;
    const hint = /; did you mean .*$/.exec(err.message)?.[0] ?? '';
    return fail('a metric name such as spotRent, spotRentCcyPerRefGpuHour or spotRent_H100', `${foundCell(text)}${hint}`);
  }
}
