/** The share of runs in each regime, month by month. */
import type { BatchSummary } from '../batchData.js';
import { regimeTable } from '../chartData.js';
import { pct } from '../format.js';
import { extreme } from '../series.js';
import { regimeShareSpec } from '../specs/regimeShare.js';
import type { BatchChart } from './chart.js';

/** When the blue ocean is widest and fades, and when the red ocean is widest, read off the chart's own shares. */
function regimeWords(s: BatchSummary): string {
  const maxBlue = extreme(s.probabilities.blue, 0, true);
  const maxRed = extreme(s.probabilities.red, 0, true);
  if (!maxBlue || !maxRed) return '';
  const fades = s.probabilities.blue.findIndex((v, t) => t > maxBlue.t && v !== null && v < 0.05);
  const blue =
    maxBlue.v < 0.05
      ? 'Fewer than 5 % of runs are ever in the blue ocean'
      : `The blue-ocean share is highest in ${s.months[maxBlue.t]} (${pct(maxBlue.v)})${fades >= 0 ? ` and below 5 % from ${s.months[fades]}` : ''}`;
  const red = maxRed.v > 0 ? `the red-ocean share, P(red ocean), is highest at ${pct(maxRed.v)} in ${s.months[maxRed.t]}` : 'no run is ever in the red ocean';
  return ` ${blue}; ${red}.`;
}

export const regimeShare: BatchChart = ({ batch }) => {
  const table = regimeTable(batch);
  return [
    {
      name: 'regime-share',
      section: 'Regimes',
      caption: `For each month, the share of runs in the blue ocean (high utilisation, long lead times, rent well above full cost), in transition, or in the red ocean (rent at or below full cost with a negative industry net margin): the red share is the verdict's P(red ocean).${regimeWords(batch.summary)}`,
      table,
      spec: regimeShareSpec(table.rows, 'share of runs in each regime'),
    },
  ];
};
