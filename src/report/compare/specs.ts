/**
 * The comparison page's charts: every batch one colour, named in a one-column legend (scenario
 * names are long, and two columns of them would not fit a phone). Names reach the charts only as
 * data, which vega draws as text; titles and subtitles hold the batches' letters and numbers.
 *
 * - fans of a metric (the report's series fans: P5–P95 and P25–P75 bands and the median of each batch);
 * - the red ocean by month: the share of runs red in the month, and the share turned red by then;
 * - the probe's IRR: each batch's histogram as a stepped line over the same bins, the hurdle a rule;
 * - an outcome's distribution: a box per batch, P5–P95 whisker, P25–P75 box, median tick.
 */
import type { Row } from '../chartTable.js';
import { HEIGHT, monthTip, monthX, only, topLevel, WIDTH, type Spec } from '../specs/common.js';
import { marginDomain, seriesFanLayers } from '../specs/seriesFan.js';

/** Colours of the batches, A first: far apart in hue, and none the red and blue of the regimes. */
export const BATCH_COLOURS = ['#1b7f79', '#d9822b', '#7b3294', '#2b8a3e', '#8c510a', '#e377c2', '#5f5f5f', '#17becf'] as const;

/** Batch names in one column, with room for a long scenario name that still fits a phone. */
const LEGEND = { columns: 1, labelLimit: 270 };

export type Series = readonly (readonly [string, string])[];

/** The colour of each batch; a chart of lines shows lines, not squares, in its legend. */
function batchColour(series: Series, lines = false) {
  const domain = series.map((s) => s[0]);
  const legend = { title: null, ...LEGEND, ...(lines ? { symbolType: 'stroke' } : {}) };
  return { field: 'series', type: 'nominal' as const, scale: { domain, range: series.map((s) => s[1]) }, legend, sort: domain };
}

export interface FanOptions {
  title: string;
  subtitle: string;
  yTitle: string;
  isShare: boolean;
  /** A margin: the zero rule, and the axis stopped at ±100 %. */
  margin: boolean;
}

/** Rows: kind `band`, series (the batch), month, p5 … p95. */
export function compareFanSpec(rows: Row[], series: Series, o: FanOptions): Spec {
  return {
    ...topLevel(o.title, o.subtitle),
    width: WIDTH,
    height: HEIGHT,
    data: { values: rows },
    layer: seriesFanLayers({
      yTitle: o.yTitle,
      isShare: o.isShare,
      series,
      inner: true,
      legend: LEGEND,
      ...(o.margin ? { zeroRule: true, yDomain: marginDomain(rows) } : {}),
    }),
  };
}

export const IN_RED = 'red ocean in the month';
export const RED_BY = 'turned red by the month';

/** Rows: series, measure (IN_RED or RED_BY), month, share. */
export function redOceanSpec(rows: Row[], series: Series, subtitle: string): Spec {
  const x = monthX();
  const y = { field: 'share', type: 'quantitative' as const, title: 'share of runs', scale: { domain: [0, 1] }, axis: { format: '.0%' } };
  return {
    ...topLevel('Red ocean by month', subtitle),
    width: WIDTH,
    height: 240,
    data: { values: rows },
    layer: [
      {
        mark: { type: 'line', strokeWidth: 2, clip: true },
        encoding: {
          x,
          y,
          color: batchColour(series, true),
          // Below the plot: beside the batches' legend, the two would be wider than a phone.
          strokeDash: {
            field: 'measure',
            type: 'nominal',
            scale: {
              domain: [IN_RED, RED_BY],
              range: [
                [1, 0],
                [6, 3],
              ],
            },
            legend: { title: null, ...LEGEND, orient: 'bottom', symbolType: 'stroke' },
          },
        },
      },
      {
        mark: { type: 'point', opacity: 0, size: 60 },
        encoding: {
          x,
          y,
          tooltip: [
            { field: 'series', type: 'nominal', title: 'batch' },
            { field: 'measure', type: 'nominal', title: 'line' },
            monthTip(),
            { field: 'share', type: 'quantitative', title: 'share of runs', format: '.1%' },
          ],
        },
      },
    ],
  };
}

/**
 * Rows: kind `bin` (series, binStart, binEnd, runs, share of the batch's runs), kind `edge` (the
 * last bin's end, where each batch's step line stops) and kind `threshold` (value, series = its label).
 */
export function irrSpec(rows: Row[], series: Series, subtitle: string): Spec {
  const x = {
    field: 'binStart',
    type: 'quantitative' as const,
    title: 'IRR of the equity cash flows (% a year)',
    axis: { format: '.0%', labelOverlap: 'greedy' as const, grid: false },
    scale: { zero: false, nice: false },
  };
  const y = { field: 'share', type: 'quantitative' as const, title: 'share of runs', axis: { format: '.0%' } };
  return {
    ...topLevel('Probe investment: IRR distribution', subtitle),
    width: WIDTH,
    height: 240,
    data: { values: rows },
    layer: [
      {
        transform: [{ filter: "datum.kind === 'bin' || datum.kind === 'edge'" }],
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
        encoding: { x, y, color: batchColour(series, true) },
      },
      {
        transform: [only('bin'), { calculate: '(datum.binStart + datum.binEnd) / 2', as: 'middle' }],
        mark: { type: 'point', opacity: 0, size: 60 },
        encoding: {
          x: { ...x, field: 'middle' },
          y,
          tooltip: [
            { field: 'series', type: 'nominal', title: 'batch' },
            { field: 'binStart', type: 'quantitative', title: 'from', format: '.0%' },
            { field: 'binEnd', type: 'quantitative', title: 'to', format: '.0%' },
            { field: 'runs', type: 'quantitative', title: 'runs' },
            { field: 'share', type: 'quantitative', title: 'share of runs', format: '.1%' },
          ],
        },
      },
      {
        transform: [only('threshold')],
        mark: { type: 'rule', color: '#222222', strokeWidth: 1.4, strokeDash: [5, 3] },
        encoding: { x: { field: 'value', type: 'quantitative' } },
      },
      {
        transform: [only('threshold')],
        mark: { type: 'text', align: 'left', dx: 5, dy: -4, baseline: 'bottom', fontSize: 11, color: '#222222' },
        encoding: { x: { field: 'value', type: 'quantitative' }, y: { value: 0 }, text: { field: 'series', type: 'nominal' } },
      },
    ],
  };
}

export interface BoxOptions {
  title: string;
  subtitle: string;
  xTitle: string;
  /** Months (YYYY-MM) on a time axis; else numbers, in `format`. */
  months?: boolean;
  /** The d3 number format of the axis and the tooltip. */
  format: string;
}

/** Rows: key (A, B …), series, p5, p25, p50, p75, p95 (numbers, or YYYY-MM), withValue, runs. */
export function boxSpec(rows: Row[], series: Series, o: BoxOptions): Spec {
  const month = o.months === true;
  const x = (field: string) =>
    month
      ? { field, type: 'temporal' as const, title: o.xTitle, scale: { type: 'utc' as const }, axis: { format: '%Y-%m', labelOverlap: 'greedy' as const, grid: false } }
      : { field, type: 'quantitative' as const, title: o.xTitle, scale: { zero: false }, axis: { format: o.format, labelOverlap: 'greedy' as const, tickCount: 8 } };
  const tip = (field: string, title: string) =>
    month ? { field, type: 'temporal' as const, timeUnit: 'utcyearmonth' as const, format: '%Y-%m', title } : { field, type: 'quantitative' as const, title, format: o.format };
  const y = { field: 'key', type: 'nominal' as const, title: null, sort: rows.map((r) => String(r.key)) };
  return {
    ...topLevel(o.title, o.subtitle),
    width: WIDTH,
    height: 30 * rows.length,
    data: { values: rows },
    layer: [
      { mark: { type: 'rule', strokeWidth: 1.6 }, encoding: { x: x('p5'), x2: { field: 'p95' }, y, color: batchColour(series) } },
      {
        mark: { type: 'bar', size: 14 },
        encoding: {
          x: x('p25'),
          x2: { field: 'p75' },
          y,
          color: batchColour(series),
          tooltip: [
            { field: 'series', type: 'nominal', title: 'batch' },
            tip('p5', 'P5'),
            tip('p25', 'P25'),
            tip('p50', 'median'),
            tip('p75', 'P75'),
            tip('p95', 'P95'),
            { field: 'withValue', type: 'quantitative', title: 'runs with a value' },
          ],
        },
      },
      { mark: { type: 'tick', color: '#111111', thickness: 2, size: 18 }, encoding: { x: x('p50'), y } },
    ],
  };
}
