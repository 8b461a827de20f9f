/**
 * The forecast fans of a backtest: from each cutoff, the fan of every metric scored after it, with
 * the later points it is scored on, the cutoff as a rule and the uncalibrated prior batch's median
 * dashed for comparison.
 */
import { BAND_WORDS, type ReportChart } from '../charts/chart.js';
import type { BacktestDoc } from '../calibrationData.js';
import { FAN_COLUMNS, observedMarkRows, type ObservedMark } from '../chartData.js';
import type { Row } from '../chartTable.js';
import { plainText } from '../specs/common.js';
import { fanSpec } from '../specs/fan.js';
import { BACKTEST, labelOf, OBSERVED_WORDS, seriesBandRows, type Series } from './common.js';

type Cutoff = BacktestDoc['cutoffs'][number];

function backtestFan(d: BacktestDoc, c: Cutoff, s: Series, prior: Series | undefined, name: string): ReportChart {
  const scored = c.points.filter((p) => p.metric === s.metric);
  const posterior = scored.filter((p) => p.forecast === 'posterior');
  const marks: ObservedMark[] = posterior
    .filter((p) => p.value !== undefined && p.low !== undefined && p.high !== undefined)
    .map((p) => ({ month: p.month, value: p.value!, low: p.low!, high: p.high!, source: `line ${p.line}: ${p.observed}` }));
  const rows: Row[] = [
    ...seriesBandRows(s),
    ...(prior ? prior.months.map((month, t) => ({ kind: 'reference', series: 'prior median', month, value: prior.p50[t] })) : []),
    { kind: 'cutoff', series: `cutoff ${c.cutoff}`, month: c.cutoff },
    ...observedMarkRows(marks),
  ];
  const inside = (f: 'posterior' | 'prior') => scored.filter((p) => p.forecast === f && p.inside90).length;
  const { yTitle, isShare } = labelOf(s.metric, d.currency);
  return {
    name,
    section: BACKTEST,
    caption: `The forecast of ${s.metric} from the calibration on the points up to ${c.cutoff} (the dashed rule, the last month calibrated on): ${d.runs} runs drawn from that posterior, with the points after the cutoff it is scored on. The dashed line is the median of the uncalibrated prior’s batch, for comparison. ${BAND_WORDS} ${OBSERVED_WORDS}`,
    table: { columns: FAN_COLUMNS, rows },
    spec: fanSpec(rows, {
      title: `Forecast from ${c.cutoff}: ${plainText(s.metric, 'a scored metric')}`,
      subtitle: `${posterior.length} later point${posterior.length === 1 ? '' : 's'}: ${inside('posterior')} inside the posterior’s P5–P95, ${inside('prior')} inside the prior’s`,
      yTitle,
      isShare,
    }),
  };
}

/**
 * A fan per cutoff and posterior series, named <name>-<cutoff>-1, <name>-<cutoff>-2… The backtest
 * must hold its forecast bands: the prior's series and every cutoff's posterior series.
 */
export function backtestFans(d: BacktestDoc, name: string): ReportChart[] {
  return d.cutoffs.flatMap((c) =>
    c.posteriorSeries!.map((s, k) =>
      backtestFan(
        d,
        c,
        s,
        d.priorSeries!.find((p) => p.metric === s.metric),
        `${name}-${c.cutoff}-${k + 1}`,
      ),
    ),
  );
}
