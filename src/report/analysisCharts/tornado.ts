/**
 * A tornado: each input in turn at a low and a high quantile while the others stay at their
 * medians, a bar from the base value to the outcome there, inputs ranked by their swing. Each
 * point is the mean of replicates with the same random streams, so the bars show the inputs'
 * effects rather than the model's noise.
 */
import type { SensitivityDoc } from '../analysisData.js';
import type { ChartTable, Row } from '../chartTable.js';
import { num } from '../format.js';
import { tornadoSpec } from '../specs/tornado.js';
import { outcomeAxis, outcomeName, runsText, SENSITIVITY, type SensitivityChart } from './common.js';

export function tornadoTable(d: SensitivityDoc, lowLabel: string, highLabel: string): ChartTable {
  const t = d.tornado!;
  const base = t.base.value;
  const rows: Row[] = [];
  t.bars.forEach((b, order) => {
    for (const [side, inputValue, value] of [
      [lowLabel, b.lowInput, b.low],
      [highLabel, b.highInput, b.high],
    ] as const) {
      rows.push({ kind: 'bar', input: b.path, order, side, inputValue, value, base, change: value === null || base === null ? null : value - base });
    }
  });
  rows.push({ kind: 'base', input: null, side: 'every input at its median', value: base });
  return { columns: ['kind', 'input', 'order', 'side', 'inputValue', 'value', 'base', 'change'], rows };
}

export const tornadoChart: SensitivityChart = (d, name) => {
  const t = d.tornado!;
  const lowLabel = `input at P${Math.round(t.lowProbability * 100)}`;
  const highLabel = `input at P${Math.round(t.highProbability * 100)}`;
  const table = tornadoTable(d, lowLabel, highLabel);
  const base = t.base.value === null ? 'no base value' : `base ${num(t.base.value, 4)} with every input at its median`;
  return {
    name,
    section: SENSITIVITY,
    caption: `Each input in turn is set to its P${Math.round(t.lowProbability * 100)} (blue) and its P${Math.round(t.highProbability * 100)} (orange) while the others stay at their medians; a bar runs from the base value (dashed line, every input at its median) to the outcome there. Each point is the mean of ${t.replicates} runs with the same random streams, so the bars show the inputs’ effects rather than the model’s noise. Inputs are ranked by their swing, the largest on top.`,
    table,
    spec: tornadoSpec(table.rows, {
      subtitle: `${outcomeName(d)}: ${base}; mean of ${t.replicates} replicates a point, ${runsText(d)}`,
      xTitle: outcomeAxis(d, outcomeName(d)),
      lowLabel,
      highLabel,
    }),
  };
};
