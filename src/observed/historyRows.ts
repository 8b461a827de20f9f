/**
 * The market-history format (shared/OBSERVED.md): the columns `date`, `region`, `gpu`, `metric`,
 * `kind`, `value`, `low`, `high`, `unit` and `source`, and optionally `sd` and `weight`.
 *
 * - `metric`, `kind` and `gpu` name the model metric (rowMetric.ts): a rent of kind `spot` or
 *   `on_demand` is held against `spotRentCcyPerGpuHour_<gpu>`, `contract`, `offtake` and `list`
 *   against their own index; gpu `all` means the reference-GPU rent (spot and contract only).
 *   `lead_time` `vendor` is `leadTimeMonths`; `gross_margin`, `ebitda_margin` and `net_margin` of
 *   kind `lessor` are the industry's margins; both with gpu `all`. A gpu the scenario does not
 *   have is an error that names the generations it has.
 * - `unit` is converted in code (units.ts): money per GPU-hour, GPU-month or N-GPU server-,
 *   node- or instance-month or -hour, to money per GPU-hour; weeks, months or days to months; a
 *   share (of revenue) as it is, % or percent divided by 100. A rent's currency must be the
 *   scenario's, and a unit must measure what its metric does. value, low, high and sd all convert
 *   with the one factor.
 * - `value` alone is a point; `low` and `high` an interval; `low` alone a lower bound, `high`
 *   alone an upper bound. A value with low or high, low above high, or none of them is an error.
 * - `sd` (in the row's unit, above 0) is the row's error; without it the error is
 *   DEFAULT_RELATIVE_ERROR of the value, of the interval's midpoint or of the bound, and a row
 *   where that is 0 needs an `sd`. `weight` (above 0, default 1) is kept as it is.
 * - `date` (YYYY-MM, or YYYY-MM-DD placed in its month) must be a month of the scenario.
 * - A row of another region than the scenario's is not an error: it is skipped, with the reason.
 *   A file with no row of the scenario's region is an error that names its first row.
 *
 * Everything that does not depend on the scenario is checked when the file is read
 * (`historyRow`), the rest when it is held against one (`bindHistory`), so a broken row is
 * refused whichever scenario the file meets, and before any batch runs.
 */
import { dateCell, failIn, foundCell, numberCell, scenarioMonth, type Fail } from './cells.js';
import { DEFAULT_RELATIVE_ERROR, type Observation, type ObservedData, type ObservedTarget } from './observation.js';
import { rowMetric, type RowMetric } from './rowMetric.js';
import { DIMENSION_UNITS, parseUnit, UNIT_EXPECTED, type Unit } from './units.js';

export const HISTORY_COLUMNS = ['date', 'region', 'gpu', 'metric', 'kind', 'value', 'low', 'high', 'unit', 'source', 'sd', 'weight'] as const;
export const HISTORY_REQUIRED = ['date', 'region', 'gpu', 'metric', 'kind', 'unit'] as const;
/** At least one of these columns. */
export const HISTORY_NUMBERS = ['value', 'low', 'high'] as const;
export const HISTORY_EXPECTED = 'the columns date, region, gpu, metric, kind, value, low, high, unit, source and optionally sd, weight';
/** Columns that only the history format has; a header with any of them is read as a history. */
export const HISTORY_MARKERS = ['region', 'gpu', 'kind'] as const;

/** A row as written, checked as far as it can be without the scenario. */
export interface HistoryRow extends Pick<Observation, 'line' | 'date' | 'month' | 'value' | 'low' | 'high' | 'sd' | 'weight' | 'source'> {
  region: string;
  metric: RowMetric;
  /** The unit value, low, high and sd are still in. */
  unit: Unit;
}

const DIMENSION_OF: Readonly<Record<RowMetric['dimension'], string>> = { money: 'a rent', time: 'a time', share: 'a share' };

/** One row; `cell` gives a column's text ('' for an absent column), `has` whether the column is there. */
export function historyRow(line: number, cell: (name: string) => string, has: (name: string) => boolean, fail: Fail): HistoryRow {
  const date = cell('date');
  const month = dateCell(date, line, fail);
  const region = cell('region');
  if (region === '') fail(line, 'region', 'a region such as CN or US', foundCell(region));
  const metric = rowMetric(cell('metric'), cell('kind'), cell('gpu'), line, fail);
  const unitText = cell('unit');
  const unit = parseUnit(unitText) ?? fail(line, 'unit', UNIT_EXPECTED, foundCell(unitText));
  if (unit.dimension !== metric.dimension) {
    fail(line, 'unit', `a unit that fits ${DIMENSION_OF[metric.dimension]} (${DIMENSION_UNITS[metric.dimension]})`, foundCell(unitText));
  }
  const number = (name: string) => numberCell(cell(name), line, name, fail, true);
  const [value, low, high] = [number('value'), number('low'), number('high')];
  if (value !== null && (low !== null || high !== null)) fail(line, 'value', 'either a value or low/high', 'both');
  if (value === null && low === null && high === null) fail(line, 'value', 'a value, or low and/or high', 'none of them');
  if (low !== null && high !== null && low > high) fail(line, 'low', `at most high, ${high}`, String(low));
  const positive = (name: string) => {
    const x = number(name);
    if (x !== null && !(x > 0)) fail(line, name, 'a number above 0', String(x));
    return x;
  };
  const sd =
    positive('sd') ??
    defaultSd(value, low, high, (what) => fail(line, 'sd', `an sd above 0 (the default, ${DEFAULT_RELATIVE_ERROR * 100} % of ${what}, is 0)`, has('sd') ? 'an empty cell' : 'no sd column'));
  const weight = positive('weight') ?? 1;
  return { line, date, month, region, metric, unit, value, low, high, sd, weight, source: cell('source') };
}

/** DEFAULT_RELATIVE_ERROR of the row's size: its value, its interval's midpoint, or its bound. */
function defaultSd(value: number | null, low: number | null, high: number | null, zero: (what: string) => never): number {
  const [size, what] = value !== null ? [value, 'the value'] : low !== null && high !== null ? [(low + high) / 2, 'the midpoint'] : [(low ?? high)!, 'the bound'];
  const sd = DEFAULT_RELATIVE_ERROR * Math.abs(size);
  return sd > 0 ? sd : zero(what);
}

/** The rows held against `target`: other regions skipped, the rest checked and converted. */
export function bindHistory(file: string, rows: readonly HistoryRow[], target: ObservedTarget): ObservedData {
  const fail = failIn(file);
  const observations: Observation[] = [];
  const skipped: ObservedData['skipped'] = [];
  for (const row of rows) {
    if (row.region !== target.region) {
      skipped.push({ line: row.line, reason: `region ${row.region}; the scenario is ${target.region}` });
      continue;
    }
    observations.push(observation(row, target, fail));
  }
  if (observations.length === 0) {
    const regions = [...new Set(rows.map((r) => r.region))].join(', ');
    fail(rows[0].line, 'region', `a row of the scenario's region, ${target.region}`, `only ${regions}`);
  }
  return { file, observations, skipped };
}

function observation(row: HistoryRow, target: ObservedTarget, fail: Fail): Observation {
  const { line, metric, unit } = row;
  if (metric.generation !== null && !target.generations.includes(metric.generation)) {
    fail(line, 'gpu', `one of the scenario's generations (${target.generations.join(', ')}) or all`, foundCell(metric.generation));
  }
  if (unit.currency !== null && unit.currency !== target.currency) {
    fail(line, 'unit', `a unit in ${target.currency}, the scenario's currency`, foundCell(unit.text));
  }
  scenarioMonth(line, row.date, row.month, target.months, fail);
  const divisor = unit.divisor(target.hoursPerMonth);
  const convert = (x: number | null) => (x === null ? null : x / divisor);
  return {
    line,
    date: row.date,
    month: row.month,
    metric: metric.name,
    metricAsWritten: metric.asWritten,
    value: convert(row.value),
    low: convert(row.low),
    high: convert(row.high),
    sd: row.sd / divisor,
    weight: row.weight,
    source: row.source,
  };
}
