/** Lessors' capacity, developers' rental demand and the hours rented. */
import { capacityTable } from '../chartData.js';
import { capacityDemandServedSpec } from '../specs/capacityDemandServed.js';
import { eventsSentence, type BatchChart } from './chart.js';

export const capacityDemandServed: BatchChart = ({ batch }) => {
  const table = capacityTable(batch);
  return [
    {
      name: 'capacity-demand-served',
      section: 'Capacity and use',
      caption: `Lessors' capacity, developers' rental demand (signed contracts count in full) and the hours actually rented, in million reference-GPU-hours a month: median lines and P5–P95 bands. Demand above capacity means renters queue; capacity above the hours served means idle GPUs.${eventsSentence(batch)}`,
      table,
      spec: capacityDemandServedSpec(table.rows),
    },
  ];
};
