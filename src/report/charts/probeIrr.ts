/** The probe position's IRR over runs, against its hurdle; none without a probe. */
import { histogramTable } from '../chartData.js';
import { pct, prob } from '../format.js';
import { probeIrrSpec } from '../specs/probeIrr.js';
import type { BatchChart } from './chart.js';

export const probeIrr: BatchChart = ({ batch }) => {
  const s = batch.summary;
  const hurdle = s.probeHurdleIrr;
  const irrs = batch.outcomes.map((r) => r.probeIrr);
  if (hurdle === null || !irrs.some((v) => v !== null)) return [];
  const table = histogramTable(irrs, hurdle, `hurdle ${pct(hurdle)}`);
  const notes = [
    s.probeIrrAboveHurdle === null ? undefined : `P(IRR > ${pct(hurdle)}) = ${prob(s.probeIrrAboveHurdle)}`,
    table.missing > 0 ? `${table.missing} run${table.missing === 1 ? '' : 's'} without an IRR` : undefined,
    table.clipped > 0 ? `${table.clipped} runs beyond P1–P99 counted in the end bins` : undefined,
  ].filter((x) => x !== undefined);
  return [
    {
      name: 'probe-irr',
      section: 'Probe investment',
      caption:
        "The yearly IRR of the probe position's equity cash flows, one value per run. The dashed line is the hurdle rate; bars above it are in the strong colour. Runs whose cash flows never change sign have no IRR and are not drawn; the few most extreme runs are counted in the end bins.",
      table,
      spec: probeIrrSpec(table.rows, notes.join(' · ')),
    },
  ];
};
