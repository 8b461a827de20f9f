/**
 * A fan chart of one metric: the P5–P95 and P25–P75 bands of each month and the median, with, where
 * the table has them, single runs drawn thin over the fan, reference series (cost floors), a
 * reference level (the starting rent) and observed points. One legend names every layer.
 *
 * Table rows (chartData.fanRows and friends): kind `band` (p5, p25, p50, p75, p95 by month),
 * `sample` (value by month, series = the run), `reference` (value by month, series = its name),
 * `level` (value, series = its name), `observed` (value by month, source).
 */
import type { Row } from '../chartTable.js';
import { COLOURS, HEIGHT, monthX, only, tipFormat, topLevel, WIDTH, type Layer, type Spec } from './common.js';

export interface FanOptions {
  title: string;
  subtitle?: string;
  /** The y-axis title, with its unit. */
  yTitle: string;
  isShare: boolean;
  height?: number;
  /** An upper end for the y axis, where a few values (a "never" sentinel) would flatten the fan. */
  yMax?: number;
  /** Show the legend (default true); a second panel under a first one may leave it out. */
  legend?: boolean;
}

const BAND_OUTER = 'P5–P95';
const BAND_INNER = 'P25–P75';
const MEDIAN = 'median';
const SAMPLES = 'single runs';
const OBSERVED = 'observed';

/** Colours of the reference series and levels, by name; others get the start colour. */
const REFERENCE_COLOURS: Readonly<Record<string, string>> = {
  'cash cost (median)': COLOURS.cashCost,
  'full cost (median)': COLOURS.fullCost,
};

export function fanSpec(rows: Row[], o: FanOptions): Spec {
  const has = (kind: string) => rows.some((r) => r.kind === kind);
  const named = (kind: string) => [...new Set(rows.filter((r) => r.kind === kind).map((r) => String(r.series)))];
  const references = named('reference');
  const levels = named('level');
  const entries: [string, string][] = [
    [BAND_OUTER, COLOURS.bandOuter],
    [BAND_INNER, COLOURS.bandInner],
    [MEDIAN, COLOURS.median],
    ...(has('sample') ? [[SAMPLES, COLOURS.sample] as [string, string]] : []),
    ...references.map((s): [string, string] => [s, REFERENCE_COLOURS[s] ?? COLOURS.start]),
    ...levels.map((s): [string, string] => [s, COLOURS.start]),
    ...(has('observed') ? [[OBSERVED, COLOURS.observed] as [string, string]] : []),
  ];
  const scale = { domain: entries.map((e) => e[0]), range: entries.map((e) => e[1]) };
  // Four entries a row: a rent fan has up to eight, which on one row would be wider than the chart.
  const legend = o.legend === false ? null : { title: null, columns: 4 };
  const colour = (datum: string) => ({ datum, scale, legend });
  const x = monthX();
  const y = (field: string) => ({
    field,
    type: 'quantitative' as const,
    title: o.yTitle,
    scale: o.yMax === undefined ? { zero: true } : { zero: true, domainMax: o.yMax },
    axis: { format: o.isShare ? '.0%' : '~s' },
  });
  const fmt = tipFormat(o.isShare);
  const layers: Layer[] = [
    {
      transform: [only('band')],
      mark: { type: 'area', clip: true },
      encoding: { x, y: y('p5'), y2: { field: 'p95' }, color: colour(BAND_OUTER) },
    },
    {
      transform: [only('band')],
      mark: { type: 'area', clip: true },
      encoding: { x, y: y('p25'), y2: { field: 'p75' }, color: colour(BAND_INNER) },
    },
  ];
  if (has('sample')) {
    layers.push({
      transform: [only('sample')],
      mark: { type: 'line', strokeWidth: 0.8, opacity: 0.55, clip: true },
      encoding: { x, y: y('value'), detail: { field: 'series' }, color: colour(SAMPLES) },
    });
  }
  layers.push({
    transform: [only('band')],
    mark: { type: 'line', strokeWidth: 2.4, clip: true },
    encoding: { x, y: y('p50'), color: colour(MEDIAN) },
  });
  if (references.length > 0) {
    layers.push({
      transform: [only('reference')],
      mark: { type: 'line', strokeWidth: 1.6, strokeDash: [6, 3], clip: true },
      encoding: { x, y: y('value'), color: { field: 'series', scale, legend } },
    });
  }
  if (levels.length > 0) {
    layers.push({
      transform: [only('level')],
      mark: { type: 'rule', strokeWidth: 1.2, strokeDash: [2, 3] },
      encoding: { y: y('value'), color: { field: 'series', scale, legend } },
    });
  }
  // Invisible points on the median carry the tooltip of the whole band.
  layers.push({
    transform: [only('band')],
    mark: { type: 'point', opacity: 0, size: 90 },
    encoding: {
      x,
      y: y('p50'),
      tooltip: [
        { field: 'month', type: 'nominal', title: 'month' },
        { field: 'p95', type: 'quantitative', title: 'P95', format: fmt },
        { field: 'p75', type: 'quantitative', title: 'P75', format: fmt },
        { field: 'p50', type: 'quantitative', title: 'median', format: fmt },
        { field: 'p25', type: 'quantitative', title: 'P25', format: fmt },
        { field: 'p5', type: 'quantitative', title: 'P5', format: fmt },
      ],
    },
  });
  if (has('observed')) {
    layers.push({
      transform: [only('observed')],
      mark: { type: 'point', shape: 'diamond', filled: true, size: 110, stroke: 'white', strokeWidth: 1, opacity: 1 },
      encoding: {
        x,
        y: y('value'),
        color: colour(OBSERVED),
        tooltip: [
          { field: 'month', type: 'nominal', title: 'month' },
          { field: 'value', type: 'quantitative', title: 'observed', format: fmt },
          { field: 'source', type: 'nominal', title: 'source' },
        ],
      },
    });
  }
  return {
    ...topLevel(o.title, o.subtitle),
    width: WIDTH,
    height: o.height ?? HEIGHT,
    data: { values: rows },
    layer: layers,
  };
}
