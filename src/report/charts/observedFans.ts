/**
 * One fan per metric the observed data names, with what was observed; the rent indices the rent
 * charts draw have theirs on those charts.
 */
import { NEVER_FROM_MONTHS, observedFanTable, rentMetric } from '../chartData.js';
import { num, pct } from '../format.js';
import { axisTitle, metricLabel } from '../metricUnits.js';
import { observedFanSpec } from '../specs/observedFan.js';
import { BAND_WORDS, type BatchChart } from './chart.js';
import { NEVER_PAYS_BACK_MONTHS } from '../../model/observe.js';

/** Past this many months a payback is drawn off the axis, so that the fan stays readable. */
const PAYBACK_AXIS_MONTHS = 240;

export const observedFans: BatchChart = ({ batch, observed, unit }) => {
  const s = batch.summary;
  // The indices the rent charts draw have their observed points there; in a generation's unit the
  // market-wide indices, which those charts then do not draw, get fans of their own here.
  const onRentCharts = [rentMetric('spot', unit), rentMetric('contract', unit)];
  return (observed?.metrics ?? [])
    .filter((score) => !onRentCharts.includes(score.metric))
    .map((score) => {
      const table = observedFanTable(batch, score);
      const label = metricLabel(score.metric, s.currency);
      const n = score.points.length;
      const payback = score.metric === 'serverPaybackMonths';
      // "Never" is off the table's bands already (see observedFanTable); what is left is months.
      const p95 = table.rows.map((r) => r.p95).filter((v): v is number => typeof v === 'number' && v < NEVER_FROM_MONTHS);
      const yMax = payback && Math.max(...p95, ...score.points.map((p) => p.scoredAt)) > PAYBACK_AXIS_MONTHS ? PAYBACK_AXIS_MONTHS : undefined;
      const never = table.rows.filter((r) => r.kind === 'never' && typeof r.low === 'number' && typeof r.high === 'number');
      const most = never.reduce<(typeof never)[number] | undefined>((best, r) => (best === undefined || Number(r.low) > Number(best.low) ? r : best), undefined);
      const subtitle = [
        `${Math.round(score.inside90 * n)} of ${n} observed inside P5–P95, ${Math.round(score.inside50 * n)} inside P25–P75`,
        `mean CRPS ${label.isShare ? `${num(score.meanCrps * 100)} points` : num(score.meanCrps)}`,
        ...(yMax === undefined ? [] : [`axis cut at ${yMax} months`]),
        ...(most === undefined ? [] : [`never pays back: up to ${pct(Math.max(...never.map((r) => Number(r.high))), 1)} of runs in a month`]),
      ].join(' · ');
      const neverWords = !payback
        ? ''
        : most === undefined
          ? ' In every month every run pays back.'
          : ` A server that never pays back at the month's rent has no number of months (the model writes ${NEVER_PAYS_BACK_MONTHS}), so it is not drawn on the axis: the grey strip above the fan gives the share of runs where it never does, at least ${pct(Number(most.low), 1)} and at most ${pct(Number(most.high), 1)} in ${String(most.month)}, the month with the most (dark grey the share the percentiles show for certain, light grey what they cannot rule out). The bands leave those runs out and break where a percentile is "never".`;
      return {
        name: `observed-${score.metric}`,
        section: 'Observed data',
        caption: `The bands and median of ${score.metric} with what was observed: points as diamonds, intervals as bars from their low to their high end, and bounds as triangles pointing the way they hold (▲ at least, ▼ at most). ${BAND_WORDS}${neverWords}`,
        table,
        spec: observedFanSpec(table.rows, { metric: score.metric, yTitle: axisTitle(label), isShare: label.isShare, subtitle, yMax }),
      };
    });
};
