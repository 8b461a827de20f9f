/**
 * What the calibration and backtest charts share: the page sections they are drawn in, and how
 * the fans draw a metric's bands, its observed points and its axis. Strings from the files reach
 * titles only through plainText.
 */
import type { CalibrationDoc } from '../calibrationData.js';
import type { Row } from '../chartTable.js';
import { axisTitle, metricLabel } from '../metricUnits.js';
import { plainText } from '../specs/common.js';

export const CALIBRATION = 'Calibration';
export const BACKTEST = 'Backtest';

export const OBSERVED_WORDS = 'Observed points are diamonds, intervals bars from their low to their high end, and bounds triangles pointing the way they hold (▲ at least, ▼ at most).';

/** One metric's bands, as calibration.json (predictive) and backtest.json (forecasts) hold them. */
export type Series = NonNullable<CalibrationDoc['predictive']>['series'][number];

/** Band rows of a series. */
export function seriesBandRows(s: Series): Row[] {
  return s.months.map((month, t) => ({ kind: 'band', series: s.metric, month, p5: s.p5[t], p25: s.p25[t], p50: s.p50[t], p75: s.p75[t], p95: s.p95[t] }));
}

export function labelOf(metric: string, currency: string | undefined) {
  const label = metricLabel(metric, plainText(currency, 'currency'));
  return { yTitle: plainText(axisTitle(label), 'value'), isShare: label.isShare };
}
