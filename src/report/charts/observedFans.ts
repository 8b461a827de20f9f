/**
 * One fan per metric the observed data names, with what was observed; the rents have theirs on
 * their own charts.
 */
import { observedFanTable } from '../chartData.js';
import { num } from '../format.js';
import { axisTitle, metricLabel } from '../metricUnits.js';
import { observedFanSpec } from '../specs/observedFan.js';
import { BAND_WORDS, CONTRACT, SPOT, type BatchChart } from './chart.js';

/** serverPaybackMonths writes 1200 for "never"; its axis stops here so the fan stays readable. */
const PAYBACK_AXIS_MONTHS = 240;

export const observedFans: BatchChart = ({ batch, observed }) => {
  const s = batch.summary;
  return (observed?.metrics ?? [])
    .filter((score) => score.metric !== SPOT && score.metric !== CONTRACT)
    .map((score) => {
      const table = observedFanTable(batch, score);
      const label = metricLabel(score.metric, s.currency);
      const n = score.points.length;
      const p95 = s.metrics[score.metric].p95.filter((v): v is number => v !== null);
      const yMax = score.metric === 'serverPaybackMonths' && Math.max(...p95, ...score.points.map((p) => p.scoredAt)) > PAYBACK_AXIS_MONTHS ? PAYBACK_AXIS_MONTHS : undefined;
      const subtitle = [
        `${Math.round(score.inside90 * n)} of ${n} observed inside P5–P95, ${Math.round(score.inside50 * n)} inside P25–P75`,
        `mean CRPS ${label.isShare ? `${num(score.meanCrps * 100)} points` : num(score.meanCrps)}`,
        ...(yMax === undefined ? [] : [`axis cut at ${yMax} months (1200 = never)`]),
      ].join(' · ');
      return {
        name: `observed-${score.metric}`,
        section: 'Observed data',
        caption: `The bands and median of ${score.metric} with what was observed: points as diamonds, intervals as bars from their low to their high end, and bounds as triangles pointing the way they hold (▲ at least, ▼ at most). ${BAND_WORDS}`,
        table,
        spec: observedFanSpec(table.rows, { metric: score.metric, yTitle: axisTitle(label), isShare: label.isShare, subtitle, yMax }),
      };
    });
};
