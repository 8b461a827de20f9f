/**
 * A fan chart of one metric: the P5–P95 and P25–P75 bands of each month and the median, with, where
 * the table has them, single runs drawn thin over the fan, reference series (cost floors), a
 * reference level (the starting rent) and observed points. One legend names every layer.
 *
 * Table rows (chartData.fanRows and friends): kind `band` (p5, p25, p50, p75, p95 by month),
 * `sample` (value by month, series = the run), `reference` (value by month, series = its name),
 * `level` (value, series = its name), `cutoff` (a month, series = its label: a vertical rule),
 * `event` (a scenario event: month, series = its label, value = its number; see events.ts).
 * Observed data is drawn as what it is: kind `observed` a point (value by month, source), `range`
 * an interval (low, high: a vertical bar with caps), `at least` and `at most` a one-sided bound
 * (low or high: a triangle pointing up or down from it).
 */
import type { Row } from '../chartTable.js';
import { COLOURS, HEIGHT, monthTip, monthX, only, tipFormat, topLevel, WIDTH, type Layer, type Spec } from './common.js';
import { eventLayers } from './events.js';
import { CONVERTED_COSTS } from '../chartData.js';

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
  /** Tooltips on the reference lines and levels as well as on the bands (default false). */
  hoverLines?: boolean;
  /** Number the event rules at the top (default true); a second panel under a first one leaves it to that one. */
  eventTags?: boolean;
  /** The unit the tooltips name after each value ("USD per H100-hour"); none by default, the axis names it. */
  tipUnit?: string;
}

const BAND_OUTER = 'P5–P95';
const BAND_INNER = 'P25–P75';
const MEDIAN = 'median';
const SAMPLES = 'single runs';
const OBSERVED = 'observed';
const RANGE = 'observed range';
const AT_LEAST = 'at least (▲)';
const AT_MOST = 'at most (▼)';

/** Colours of the reference series and levels, by name; others get the start colour. */
const REFERENCE_COLOURS: Readonly<Record<string, string>> = {
  'cash cost (median)': COLOURS.cashCost,
  'full cost (median)': COLOURS.fullCost,
  [CONVERTED_COSTS.cash]: COLOURS.cashCost,
  [CONVERTED_COSTS.full]: COLOURS.fullCost,
  'prior median': COLOURS.prior,
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
    ...(has('range') ? [[RANGE, COLOURS.observed] as [string, string]] : []),
    ...(has('at least') ? [[AT_LEAST, COLOURS.observed] as [string, string]] : []),
    ...(has('at most') ? [[AT_MOST, COLOURS.observed] as [string, string]] : []),
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
  const tip = (title: string) => (o.tipUnit === undefined ? title : `${title} (${o.tipUnit})`);
  // As YYYY-MM: the month as a plain field would show as a timestamp.
  const month = monthTip();
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
    const tooltip = o.hoverLines
      ? {
          tooltip: [
            { field: 'series', type: 'nominal' as const, title: 'line' },
            { field: 'value', type: 'quantitative' as const, title: tip('value'), format: fmt },
          ],
        }
      : {};
    layers.push({
      transform: [only('level')],
      mark: { type: 'rule', strokeWidth: 1.2, strokeDash: [2, 3] },
      encoding: { y: y('value'), color: { field: 'series', scale, legend }, ...tooltip },
    });
  }
  if (has('event')) layers.push(...eventLayers({ tags: o.eventTags !== false }));
  if (references.length > 0 && o.hoverLines) {
    // Invisible points on the lines carry their tooltips: a line's own tooltip names one month only.
    layers.push({
      transform: [only('reference')],
      mark: { type: 'point', opacity: 0, size: 60 },
      encoding: {
        x,
        y: y('value'),
        tooltip: [{ field: 'series', type: 'nominal', title: 'line' }, month, { field: 'value', type: 'quantitative', title: tip('value'), format: fmt }],
      },
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
        month,
        { field: 'p95', type: 'quantitative', title: tip('P95'), format: fmt },
        { field: 'p75', type: 'quantitative', title: tip('P75'), format: fmt },
        { field: 'p50', type: 'quantitative', title: tip('median'), format: fmt },
        { field: 'p25', type: 'quantitative', title: tip('P25'), format: fmt },
        { field: 'p5', type: 'quantitative', title: tip('P5'), format: fmt },
      ],
    },
  });
  if (has('cutoff')) {
    layers.push(
      { transform: [only('cutoff')], mark: { type: 'rule', color: COLOURS.rule, strokeWidth: 1.2, strokeDash: [4, 3] }, encoding: { x } },
      {
        transform: [only('cutoff')],
        mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, dy: 2, fontSize: 11, color: COLOURS.rule },
        encoding: { x, y: { value: 0 }, text: { field: 'series', type: 'nominal' } },
      },
    );
  }
  const source = { field: 'source', type: 'nominal' as const, title: 'source' };
  if (has('range')) {
    const tooltip = [month, { field: 'low', type: 'quantitative' as const, title: tip('from'), format: fmt }, { field: 'high', type: 'quantitative' as const, title: tip('to'), format: fmt }, source];
    layers.push(
      { transform: [only('range')], mark: { type: 'rule', strokeWidth: 2.5, clip: true }, encoding: { x, y: y('low'), y2: { field: 'high' }, color: colour(RANGE), tooltip } },
      ...(['low', 'high'] as const).map((end): Layer => ({
        transform: [only('range')],
        mark: { type: 'point', shape: 'stroke', size: 120, strokeWidth: 2.5, opacity: 1, clip: true },
        encoding: { x, y: y(end), color: colour(RANGE), tooltip },
      })),
    );
  }
  for (const [kind, field, shape, name, title] of [
    ['at least', 'low', 'triangle-up', AT_LEAST, 'at least'],
    ['at most', 'high', 'triangle-down', AT_MOST, 'at most'],
  ] as const) {
    if (!has(kind)) continue;
    layers.push({
      transform: [only(kind)],
      mark: { type: 'point', shape, filled: true, size: 110, stroke: 'white', strokeWidth: 1, opacity: 1, clip: true },
      encoding: { x, y: y(field), color: colour(name), tooltip: [month, { field, type: 'quantitative', title: tip(title), format: fmt }, source] },
    });
  }
  if (has('observed')) {
    layers.push({
      transform: [only('observed')],
      mark: { type: 'point', shape: 'diamond', filled: true, size: 110, stroke: 'white', strokeWidth: 1, opacity: 1 },
      encoding: {
        x,
        y: y('value'),
        color: colour(OBSERVED),
        tooltip: [month, { field: 'value', type: 'quantitative', title: tip('observed'), format: fmt }, source],
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
