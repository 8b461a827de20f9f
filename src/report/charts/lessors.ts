/** Active lessors, and lessors entering and leaving. */
import { lessorsTable } from '../chartData.js';
import { lessorsSpec } from '../specs/lessors.js';
import { eventsSentence, type BatchChart } from './chart.js';

export const lessors: BatchChart = ({ batch }) => {
  const table = lessorsTable(batch);
  return [
    {
      name: 'lessors',
      section: 'Lessors',
      caption: `Above: the number of active lessors (bands and median) and the median of each archetype. Below: lessors entering and leaving, as the mean number per month across runs (in most runs and months there is none, so the median would be 0).${eventsSentence(batch)}`,
      table,
      spec: lessorsSpec(table.rows),
    },
  ];
};
