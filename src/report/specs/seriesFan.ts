/**
 * Fans of several series on one chart, one colour each: the P5–P95 band (and the P25–P75 band
 * where asked) and the median line of every series, and where asked the scenario's events. Rows:
 * kind `band`, series, month, p5 … p95 (null where a series has no value: the band breaks there),
 * and kind `event` (see events.ts). Used for capacity, demand and served hours, and for gross and
 * net margins.
 */
import type { Row } from '../chartTable.js';
import { COLOURS, HEIGHT, monthTip, monthX, only, tipFormat, WIDTH, type Layer } from './common.js';
import { eventLayers, type TimeX } from './events.js';

export interface SeriesFanOptions {
  yTitle: string;
  isShare: boolean;
  /** Series names and colours, in legend order. */
  series: readonly (readonly [string, string])[];
  /** Draw the P25–P75 band too. */
  inner: boolean;
  /** A rule at y = 0 (margins). */
  zeroRule?: boolean;
  /** A fixed y domain; marks outside it are clipped. */
  yDomain?: readonly [number, number];
  /** Draw the rows of kind `event` as rules, numbered at the top when `tags`. */
  events?: { tags: boolean };
  /** Label the time axis (default true); panels stacked over another leave it to the bottom one. */
  xLabels?: boolean;
  /** Legend settings beyond the untitled default: long series names want one column and more room. */
  legend?: { columns: number; labelLimit: number };
}

/**
 * The y domain of margin bands: their P5–P95 range, but no further than −100 % to 100 %. A lessor
 * type with almost no revenue in a month can have a margin of −10⁹ %, which would flatten the rest.
 */
export function marginDomain(rows: readonly Row[]): [number, number] {
  const lows = rows.map((r) => r.p5).filter((v): v is number => typeof v === 'number');
  const highs = rows.map((r) => r.p95).filter((v): v is number => typeof v === 'number');
  const lo = Math.max(-1, Math.min(0, ...lows));
  const hi = Math.min(1, Math.max(0, ...highs));
  return [lo, hi];
}

/** Whether a chart's rows hold the scenario's events. */
export const hasEvents = (rows: readonly Row[]): boolean => rows.some((r) => r.kind === 'event');

/** The layers of a series fan, for a layered or a stacked spec. */
export function seriesFanLayers(o: SeriesFanOptions): Layer[] {
  const colour = {
    field: 'series',
    type: 'nominal' as const,
    scale: { domain: o.series.map((s) => s[0]), range: o.series.map((s) => s[1]) },
    legend: { title: null, ...o.legend },
    sort: o.series.map((s) => s[0]),
  };
  const month = monthX();
  const x: TimeX = o.xLabels === false ? { ...month, title: null, axis: { ...month.axis, labels: false } } : month;
  const y = (field: string) => ({
    field,
    type: 'quantitative' as const,
    title: o.yTitle,
    scale: o.yDomain === undefined ? { zero: true } : { domain: [...o.yDomain] },
    axis: { format: o.isShare ? '.0%' : '~s' },
  });
  const fmt = tipFormat(o.isShare);
  const layers: Layer[] = [];
  if (o.zeroRule) layers.push({ mark: { type: 'rule', color: COLOURS.rule, strokeWidth: 0.8 }, encoding: { y: { datum: 0 } } });
  layers.push({
    transform: [only('band')],
    mark: { type: 'area', opacity: o.inner ? 0.16 : 0.22, clip: true },
    encoding: { x, y: y('p5'), y2: { field: 'p95' }, color: colour },
  });
  if (o.inner) {
    layers.push({
      transform: [only('band')],
      mark: { type: 'area', opacity: 0.3, clip: true },
      encoding: { x, y: y('p25'), y2: { field: 'p75' }, color: colour },
    });
  }
  layers.push({
    transform: [only('band')],
    mark: { type: 'line', strokeWidth: 2.2, clip: true },
    encoding: { x, y: y('p50'), color: colour },
  });
  if (o.events) layers.push(...eventLayers({ ...o.events, x }));
  layers.push({
    transform: [only('band')],
    mark: { type: 'point', opacity: 0, size: 90, clip: true },
    encoding: {
      x,
      y: y('p50'),
      tooltip: [
        { field: 'series', type: 'nominal', title: 'series' },
        monthTip(),
        { field: 'p95', type: 'quantitative', title: 'P95', format: fmt },
        { field: 'p50', type: 'quantitative', title: 'median', format: fmt },
        { field: 'p5', type: 'quantitative', title: 'P5', format: fmt },
      ],
    },
  });
  return layers;
}

export const SERIES_FAN_SIZE = { width: WIDTH, height: HEIGHT };
