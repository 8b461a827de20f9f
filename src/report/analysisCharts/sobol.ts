/**
 * Sobol indices: each input's first-order index (the share of the outcome's variance it explains
 * alone) beside its total index (adding every interaction it takes part in), with bootstrap
 * intervals as whiskers, and the share the run's random stream alone explains: the model's own
 * randomness, which no input controls.
 */
import type { SensitivityDoc } from '../analysisData.js';
import type { ChartTable, Row } from '../chartTable.js';
import { num, pct } from '../format.js';
import { FIRST_ORDER, sobolSpec, STREAM, TOTAL } from '../specs/sobol.js';
import { outcomeName, runsText, SENSITIVITY, type SensitivityChart } from './common.js';

export function sobolTable(d: SensitivityDoc): ChartTable {
  const s = d.sobol!;
  const rows: Row[] = [];
  s.indices.forEach((x, order) => {
    rows.push({ input: x.path, order, index: FIRST_ORDER, series: FIRST_ORDER, value: x.firstOrder, low: x.firstOrderLow, high: x.firstOrderHigh });
    rows.push({ input: x.path, order, index: TOTAL, series: TOTAL, value: x.total, low: x.totalLow, high: x.totalHigh });
  });
  if (s.stream) rows.push({ input: STREAM, order: s.indices.length, index: FIRST_ORDER, series: STREAM, value: s.stream.value, low: s.stream.low, high: s.stream.high });
  return { columns: ['input', 'order', 'index', 'series', 'value', 'low', 'high'], rows };
}

export const sobolChart: SensitivityChart = (d, name) => {
  const s = d.sobol!;
  const table = sobolTable(d);
  const parts = [`${outcomeName(d)}: N = ${s.baseSampleSize} base rows, ${runsText(d)}`, `whiskers: ${pct(s.confidence)} bootstrap intervals`];
  if (s.sumFirstOrder !== null) parts.push(`sum of S1 ${num(s.sumFirstOrder, 2)}`);
  return {
    name,
    section: SENSITIVITY,
    caption: `The first-order index S1 of an input is the share of the outcome’s variance that it explains alone; its total index ST adds every interaction it takes part in. A total well above the first order means the input matters through interactions. Whiskers are ${pct(s.confidence)} percentile-bootstrap intervals over the base rows; wide ones say the sample is small. The last row is the share of variance the run’s random stream alone explains: the model’s own randomness, which no input controls.`,
    table,
    spec: sobolSpec(table.rows, parts.join(' · ')),
  };
};
