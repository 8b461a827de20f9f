/**
 * When the red ocean begins: bars give the share of all runs whose red-ocean onset falls in each
 * month, and the line the running total, P(onset by the end of the month), on its own axis: the share
 * of runs whose red ocean has begun, not the share in the red ocean that month (the regime chart's).
 * Runs that never turn red have no month: a grey bar of their own, labelled "never", stands beside
 * the months on the scale of the running total, so that the two add up to 100 %.
 *
 * Rows: kind `onset` (month, monthEnd, runs, share), kind `cumulative` (month, monthEnd, share),
 * the latter from the month before the horizon (share 0), so the time axis spans the whole horizon,
 * and kind `never` (runs, share).
 */
import type { Row } from '../chartTable.js';
import { COLOURS, CONFIG, monthTip, monthX, only, SCHEMA, WIDTH, type Layer, type Spec } from './common.js';

export const NEVER_COLOUR = '#6b6b6b';
const HEIGHT = 230;

export function redOnsetSpec(rows: Row[], subtitle: string): Spec {
  const x = monthX();
  const bars: Layer = {
    transform: [only('onset')],
    mark: { type: 'rect', color: COLOURS.red, stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      x,
      x2: { field: 'monthEnd' },
      // Said outright: the default description would write monthEnd as a date in the local time zone.
      description: monthTip('onset month'),
      y: { field: 'share', type: 'quantitative', title: 'share of runs with onset in the month', axis: { format: '.1~%', titleColor: COLOURS.red } },
      tooltip: [monthTip('onset month'), { field: 'runs', type: 'quantitative', title: 'runs' }, { field: 'share', type: 'quantitative', title: 'share of runs', format: '.1%' }],
    },
  };
  const hasOnsets = rows.some((r) => r.kind === 'onset');
  // On the bars' UTC time axis, or alone on its own; UTC also keeps the SVG the same in every time zone.
  const lineX = { ...x, field: 'monthEnd' };
  const total = { field: 'share', type: 'quantitative' as const, title: 'P(onset by the month)', scale: { domain: [0, 1] }, axis: { format: '.0%', orient: 'right' as const, grid: false } };
  const tooltip = [
    monthTip('by the end of'),
    { field: 'runs', type: 'quantitative' as const, title: 'runs' },
    { field: 'share', type: 'quantitative' as const, title: 'P(onset by then)', format: '.1%' },
  ];
  const line: Layer = {
    transform: [only('cumulative')],
    mark: { type: 'line', color: COLOURS.rule, strokeWidth: 1.6, interpolate: 'step-after' },
    encoding: { x: lineX, y: total },
  };
  // Invisible points carry the line's tooltips: a line's own tooltip names one month only.
  const lineHover: Layer = { transform: [only('cumulative')], mark: { type: 'point', opacity: 0, size: 60 }, encoding: { x: lineX, y: total, tooltip } };
  const months = {
    width: WIDTH,
    height: HEIGHT,
    // With no onset at all the bars are left out: an empty layer has no extent for its scales.
    layer: hasOnsets ? [bars, line, lineHover] : [line, lineHover],
    resolve: { scale: { y: 'independent' as const } },
  };
  if (!rows.some((r) => r.kind === 'never')) return { $schema: SCHEMA, config: CONFIG, title: { text: 'Distribution of the red-ocean onset month', subtitle }, data: { values: rows }, ...months };
  const neverShare = { field: 'share', type: 'quantitative' as const, scale: { domain: [0, 1] }, axis: null };
  const never = {
    width: 36,
    height: HEIGHT,
    transform: [only('never')],
    encoding: {
      x: { field: 'kind', type: 'nominal' as const, title: null, axis: { labelAngle: 0, labelFontSize: 11, labelColor: NEVER_COLOUR, ticks: false, domain: false } },
      y: neverShare,
      tooltip: [
        { field: 'runs', type: 'quantitative' as const, title: 'runs that never turn red' },
        { field: 'share', type: 'quantitative' as const, title: 'share of runs', format: '.1%' },
      ],
    },
    layer: [
      { mark: { type: 'bar' as const, color: NEVER_COLOUR, width: 22 } },
      { mark: { type: 'text' as const, baseline: 'bottom' as const, dy: -3, fontSize: 11, color: NEVER_COLOUR }, encoding: { text: { field: 'share', type: 'quantitative' as const, format: '.0%' } } },
    ],
  };
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title: { text: 'Distribution of the red-ocean onset month', subtitle },
    data: { values: rows },
    hconcat: [months, never],
    spacing: 6,
  };
}
