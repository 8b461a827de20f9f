/**
 * The fan of any metric that an observed-data file names (rents have their own charts): bands,
 * median and the observed points, with the share of points inside each band in the subtitle.
 *
 * A server that never pays back has no number of months. Where the table has rows of kind `never`
 * (the server payback: low and high bounds on the share of runs that never pay back, by month), a
 * strip above the fan counts those runs, and the fan's bands leave them out: a band breaks in a
 * month where its percentile is "never".
 */
import type { Row } from '../chartTable.js';
import { CONFIG, monthTip, monthX, SCHEMA, WIDTH, type Spec } from './common.js';
import { fanSpec } from './fan.js';

export interface ObservedFanOptions {
  /** The metric's full name. */
  metric: string;
  yTitle: string;
  isShare: boolean;
  subtitle: string;
  yMax?: number;
}

const NEVER_DARK = '#6b6b6b';
const NEVER_LIGHT = '#d4d4d4';

export function observedFanSpec(rows: Row[], o: ObservedFanOptions): Spec {
  const title = `Observed vs simulated: ${o.metric}`;
  const never = rows.filter((r) => r.kind === 'never');
  if (never.length === 0) return fanSpec(rows, { title, subtitle: o.subtitle, yTitle: o.yTitle, isShare: o.isShare, yMax: o.yMax });
  const {
    $schema: _schema,
    config: _config,
    title: _title,
    ...fan
  } = fanSpec(
    rows.filter((r) => r.kind !== 'never'),
    { title, yTitle: o.yTitle, isShare: o.isShare, yMax: o.yMax },
  );
  const x = { ...monthX(), title: null, axis: { ...monthX().axis, labels: false } };
  const share = (field: string) => ({ field, type: 'quantitative' as const, title: 'never (share of runs)', axis: { format: '.0%', tickCount: 3 } });
  const strip = {
    width: WIDTH,
    height: 56,
    data: { values: never },
    layer: [
      // Between the bounds the percentiles cannot tell; up to the lower bound is certain.
      { mark: { type: 'area' as const, interpolate: 'step-after' as const, color: NEVER_LIGHT }, encoding: { x, y: share('high'), y2: { datum: 0 } } },
      { mark: { type: 'area' as const, interpolate: 'step-after' as const, color: NEVER_DARK }, encoding: { x, y: share('low'), y2: { datum: 0 } } },
      {
        mark: { type: 'point' as const, opacity: 0, size: 60 },
        encoding: {
          x,
          y: share('low'),
          tooltip: [
            monthTip(),
            { field: 'low', type: 'quantitative' as const, title: 'never pays back: at least', format: '.1%' },
            { field: 'high', type: 'quantitative' as const, title: 'at most', format: '.1%' },
          ],
        },
      },
    ],
  };
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title: { text: title, subtitle: o.subtitle },
    vconcat: [strip, fan as Extract<Spec, { vconcat: unknown }>['vconcat'][number]],
    spacing: 8,
  };
}
