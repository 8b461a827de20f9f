/** Utilisation and the vendor's lead time, one above the other. */
import { LEAD_TIME, UTILISATION, utilisationLeadTimeTable } from '../chartData.js';
import { utilisationLeadTimeSpec } from '../specs/utilisationLeadTime.js';
import { BAND_WORDS, eventsSentence, type BatchChart } from './chart.js';

export const utilisationLeadTime: BatchChart = ({ batch }) => {
  const table = utilisationLeadTimeTable(batch);
  return [
    {
      name: 'utilisation-lead-time',
      section: 'Capacity and use',
      caption: `Utilisation is hours rented divided by capacity; the vendor's lead time is its order backlog divided by its monthly output. Both high is the blue ocean: renters wait for chips and lessors rent out everything they have. ${BAND_WORDS}${eventsSentence(batch)}`,
      table,
      // The events go on both panels.
      spec: utilisationLeadTimeSpec(
        table.rows.filter((r) => r.series === UTILISATION || r.kind === 'event'),
        table.rows.filter((r) => r.series === LEAD_TIME || r.kind === 'event'),
      ),
    },
  ];
};
