/** When runs turn red: the onset month's distribution and its running total. */
import { redOnsetTable } from '../chartData.js';
import { pct } from '../format.js';
import { redOnsetSpec } from '../specs/redOnset.js';
import type { BatchChart } from './chart.js';

export const redOnset: BatchChart = ({ batch }) => {
  const table = redOnsetTable(batch);
  const total = batch.outcomes.length;
  const never = batch.outcomes.filter((r) => r.redOnsetMonth === null).length;
  return [
    {
      name: 'red-onset',
      section: 'Regimes',
      caption:
        "The red-ocean onset is the first month of the first red spell that lasts at least the scenario's sustainMonths. Bars: the share of all runs whose onset falls in the month. Line (right axis): the running total, P(red ocean by the end of the month). Runs that never turn red are in neither.",
      table,
      spec: redOnsetSpec(table.rows, total === 0 ? 'no completed runs' : `never red in ${pct(never / total)} of runs (${never} of ${total})`),
    },
  ];
};
