/** The share of runs in each regime, month by month. */
import { regimeTable } from '../chartData.js';
import { regimeShareSpec } from '../specs/regimeShare.js';
import type { BatchChart } from './chart.js';

export const regimeShare: BatchChart = ({ batch }) => {
  const table = regimeTable(batch);
  return [
    {
      name: 'regime-share',
      section: 'Regimes',
      caption:
        'For each month, the share of runs in the blue ocean (high utilisation, long lead times, rent well above full cost), in transition, or in the red ocean (rent at or below full cost with a negative industry net margin).',
      table,
      spec: regimeShareSpec(table.rows, 'share of runs in each regime'),
    },
  ];
};
