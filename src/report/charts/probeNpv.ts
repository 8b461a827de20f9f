/** The probe position's NPV over runs; none without a probe. */
import { histogramTable } from '../chartData.js';
import { prob } from '../format.js';
import { probeNpvSpec } from '../specs/probeNpv.js';
import type { BatchChart } from './chart.js';

export const probeNpv: BatchChart = ({ batch }) => {
  const ccy = batch.summary.currency;
  const npvs = batch.outcomes.map((r) => r.probeNpvCcy);
  if (!npvs.some((v) => v !== null)) return [];
  const table = histogramTable(npvs, 0, 'NPV = 0', 1e-6);
  const positive = npvs.filter((v) => v !== null && v > 0).length / npvs.length;
  const notes = [`P(NPV > 0) = ${prob(positive)}`, table.clipped > 0 ? `${table.clipped} runs beyond P1–P99 counted in the end bins` : undefined].filter((x) => x !== undefined);
  return [
    {
      name: 'probe-npv',
      section: 'Probe investment',
      caption: `The probe position's net present value at its discount rate, in million ${ccy}, one value per run; right of the dashed line the position creates value.`,
      table,
      spec: probeNpvSpec(table.rows, ccy, notes.join(' · ')),
    },
  ];
};
