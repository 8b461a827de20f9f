/**
 * A run's monthly metrics as a table: one row per month; columns `month`, then every name in
 * METRICS in order, then `installedGpus_<generation>` for each generation in scenario order.
 * Numbers are rounded as formatNumber does; `regime` is written as its name (blue/transition/red).
 */
import { generationMetricName, generationMetricNames, METRICS, REGIMES, type RunResult } from '../../model/metrics.js';
import { csvText } from '../../format/csv.js';
import { formatNumber, roundForFile } from '../../format/formatNumber.js';
import { jsonText } from '../../format/json.js';

export type Cell = number | string;

export interface MetricsTable {
  /** Column names after `month`: METRICS, then the per-generation columns. */
  columns: string[];
  months: string[];
  /** One array per entry of `columns`, one value per month. */
  values: Cell[][];
}

/**
 * `generations` gives the order of the per-generation columns (family by family, generations in
 * this order); it defaults to the generations of `result.byGeneration`'s installed-GPU columns.
 */
export function metricsTable(result: RunResult, generations: readonly string[] = generationsOf(result)): MetricsTable {
  const T = result.months.length;
  const columns: string[] = [];
  const values: Cell[][] = [];
  const add = (name: string, data: ArrayLike<number>, cell: (v: number) => Cell) => {
    if (data.length !== T) throw new Error(`metric ${name} has ${data.length} values for ${T} months`);
    columns.push(name);
    values.push(Array.from(data, cell));
  };
  for (const name of METRICS) add(name, result.metrics[name], name === 'regime' ? regimeName : roundForFile);
  for (const name of generationMetricNames(generations)) {
    const data = result.byGeneration[name];
    if (data === undefined) throw new Error(`no column ${name}`);
    add(name, data, roundForFile);
  }
  return { columns, months: [...result.months], values };
}

const INSTALLED = generationMetricName('', 'installedGpus');
const generationsOf = (r: RunResult): string[] =>
  Object.keys(r.byGeneration)
    .filter((k) => k.startsWith(INSTALLED))
    .map((k) => k.slice(INSTALLED.length));

function regimeName(code: number): string {
  const name = REGIMES[code];
  if (!Number.isInteger(code) || name === undefined) throw new Error(`regime code ${code} is not one of 0..${REGIMES.length - 1}`);
  return name;
}

const cellText = (cell: Cell): string => (typeof cell === 'number' ? formatNumber(cell) : cell);

/** The table as CSV: a header row `month,…`, then one row per month. */
export function metricsCsv(table: MetricsTable): string {
  const rows: string[][] = [['month', ...table.columns]];
  table.months.forEach((month, t) => rows.push([month, ...table.values.map((col) => cellText(col[t]))]));
  return csvText(rows);
}

/** The table as JSON: `{ "months": [...], "columns": { name: [values] } }`, one line per column (see jsonText). */
export function metricsJson(table: MetricsTable): string {
  const columns: Record<string, Cell[]> = {};
  table.columns.forEach((name, i) => (columns[name] = table.values[i]));
  return jsonText({ months: table.months, columns });
}
