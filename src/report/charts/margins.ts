/** The industry's gross and net margins. */
import type { BatchSummary } from '../batchData.js';
import { marginsTable } from '../chartData.js';
import { pct, prob } from '../format.js';
import { extreme } from '../series.js';
import { marginsSpec } from '../specs/margins.js';
import { eventsSentence, type BatchChart } from './chart.js';

/** Where the median net margin first turns negative (or is lowest), and where P(net margin < 0) is highest. */
function netMarginWords(s: BatchSummary): string {
  const net = s.metrics.netMargin?.p50;
  if (!net) return '';
  const below = s.probabilities.netMarginBelowZero;
  const maxBelow = below ? extreme(below, 0, true) : undefined;
  const share = maxBelow && maxBelow.v > 0 ? `; P(net margin < 0), the share of runs with a negative industry net margin, is highest at ${prob(maxBelow.v)} in ${s.months[maxBelow.t]}` : '';
  const first = net.findIndex((v) => v !== null && v < 0);
  if (first >= 0) return ` The median net margin first turns negative in ${s.months[first]}${share}.`;
  const low = extreme(net, 0, false);
  return low ? ` The median net margin stays positive, lowest at ${pct(low.v)} in ${s.months[low.t]}${share}.` : '';
}

export const margins: BatchChart = ({ batch }) => {
  const s = batch.summary;
  const table = marginsTable(batch);
  const net = s.metrics.netMargin?.p50 ?? [];
  const lastNet = net[net.length - 1];
  return [
    {
      name: 'margins',
      section: 'Margins',
      caption: `The industry margins as a share of revenue. Gross margin = revenue − energy − space − operations − depreciation; net margin = EBITDA − depreciation − interest − tax. Lighter bands P5–P95, darker bands P25–P75, lines the medians over runs in each month; below the zero line the industry loses money.${netMarginWords(s)}${eventsSentence(batch)}`,
      table,
      spec: marginsSpec(table.rows, lastNet === null || lastNet === undefined ? 'medians with P25–P75 and P5–P95 bands' : `median net margin ${pct(lastNet)} in ${s.months[net.length - 1]}`),
    },
  ];
};
