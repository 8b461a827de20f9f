/** The industry's gross and net margins. */
import { marginsTable } from '../chartData.js';
import { pct } from '../format.js';
import { marginsSpec } from '../specs/margins.js';
import { eventsSentence, type BatchChart } from './chart.js';

export const margins: BatchChart = ({ batch }) => {
  const s = batch.summary;
  const table = marginsTable(batch);
  const net = s.metrics.netMargin?.p50 ?? [];
  const lastNet = net[net.length - 1];
  return [
    {
      name: 'margins',
      section: 'Margins',
      caption: `The industry margins as a share of revenue. Gross margin = revenue − energy − space − operations − depreciation; net margin = EBITDA − depreciation − interest − tax. Lighter bands P5–P95, darker bands P25–P75, lines the medians; below the zero line the industry loses money.${eventsSentence(batch)}`,
      table,
      spec: marginsSpec(table.rows, lastNet === null || lastNet === undefined ? 'medians with P25–P75 and P5–P95 bands' : `median net margin ${pct(lastNet)} in ${s.months[net.length - 1]}`),
    },
  ];
};
