/**
 * The posterior predictive fan of every observed metric of a calibration: runs whose calibrated
 * inputs are drawn by weight from the posterior (every other uncertain input from its prior), with
 * the observed points it was fitted to.
 */
import { BAND_WORDS, type ReportChart } from '../charts/chart.js';
import type { CalibrationDoc } from '../calibrationData.js';
import { FAN_COLUMNS, observedMarkRows, type ObservedMark } from '../chartData.js';
import type { ChartTable } from '../chartTable.js';
import { num } from '../format.js';
import { plainText } from '../specs/common.js';
import { fanSpec } from '../specs/fan.js';
import { CALIBRATION, labelOf, OBSERVED_WORDS, seriesBandRows, type Series } from './common.js';

type Predictive = NonNullable<CalibrationDoc['predictive']>;

function predictiveFan(d: CalibrationDoc, predictive: Predictive, s: Series, name: string): ReportChart {
  const points = d.points.filter((p) => p.metric === s.metric);
  const marks: ObservedMark[] = points.map((p) => ({
    month: p.month,
    value: p.value,
    low: p.low,
    high: p.high,
    source: `line ${p.line}: ${p.observedText}, distance ${num(p.distance, 2)} at the posterior median`,
  }));
  const table: ChartTable = { columns: FAN_COLUMNS, rows: [...seriesBandRows(s), ...observedMarkRows(marks)] };
  const { yTitle, isShare } = labelOf(s.metric, predictive.currency);
  return {
    name,
    section: CALIBRATION,
    caption: `The posterior predictive fan of ${s.metric}: ${predictive.runs} runs whose calibrated inputs are drawn by weight from the posterior (every other uncertain input from its prior), with the ${points.length} observed point${points.length === 1 ? '' : 's'} it was fitted to. ${BAND_WORDS} ${OBSERVED_WORDS}`,
    table,
    spec: fanSpec(table.rows, {
      title: `Posterior predictive: ${plainText(s.metric, 'an observed metric')}`,
      subtitle: `${predictive.runs} runs from the posterior${predictive.failedRuns > 0 ? ` (${predictive.failedRuns} failed)` : ''} · ${points.length} observed point${points.length === 1 ? '' : 's'}`,
      yTitle,
      isShare,
    }),
  };
}

/** A fan per series of the predictive bands, named <name>-fan-1, <name>-fan-2… */
export function predictiveFans(d: CalibrationDoc, predictive: Predictive, name: string): ReportChart[] {
  return predictive.series.map((s, k) => predictiveFan(d, predictive, s, `${name}-fan-${k + 1}`));
}
