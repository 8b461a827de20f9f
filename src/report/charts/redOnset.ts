/** When runs turn red: the onset month's distribution, its running total, and the runs that never do. */
import { redOnsetTable } from '../chartData.js';
import { pct } from '../format.js';
import { redOnsetSpec } from '../specs/redOnset.js';
import type { BatchChart } from './chart.js';

export const redOnset: BatchChart = ({ batch }) => {
  const table = redOnsetTable(batch);
  const total = batch.outcomes.length;
  const never = batch.outcomes.filter((r) => r.redOnsetMonth === null).length;
  const neverWords =
    total === 0
      ? ''
      : ` ${pct(never / total)} of runs (${never} of ${total}) never turn red: they have no onset month, and stand apart as the grey bar labelled "never", on the scale of the running total.`;
  return [
    {
      name: 'red-onset',
      section: 'Regimes',
      caption: `The red-ocean onset is the first month of the first red spell that lasts at least the scenario's sustainMonths. Bars: the share of all runs whose onset falls in the month. Line (right axis): the running total, P(onset by the end of the month), the share of runs whose red ocean has begun by then. It is not P(red ocean) in the month (the regime chart above): a run may leave the red ocean again, or be in it for a spell too short to count.${neverWords}`,
      table,
      spec: redOnsetSpec(table.rows, total === 0 ? 'no completed runs' : `never red in ${pct(never / total)} of runs (${never} of ${total})`),
    },
  ];
};
