/**
 * The lessor population: active lessors (P5–P95 and P25–P75 bands, median, and the median of each
 * archetype) above, and the mean number of entries and exits per month below. Entries and exits
 * are rare events, zero in most runs and months, so their mean says more than their median. The
 * scenario's events are rules on both panels, numbered on the upper one.
 *
 * Rows: kind `band` (active lessors), kind `median` (value by month, series = archetype), kind
 * `mean` (value by month, series = entries or exits), kind `event` (see events.ts).
 */
import type { Row } from '../chartTable.js';
import { COLOURS, CONFIG, monthTip, monthX, only, SCHEMA, WIDTH, type Layer, type Spec } from './common.js';
import { eventLayers } from './events.js';

type Tip = { field: string; type: 'nominal' | 'quantitative'; title: string; format?: string } | ReturnType<typeof monthTip>;

export function lessorsSpec(rows: Row[]): Spec {
  const x = monthX();
  const count = (field: string, title: string) => ({ field, type: 'quantitative' as const, title, scale: { zero: true } });
  const lessorColour = {
    field: 'series',
    type: 'nominal' as const,
    scale: { domain: ['all lessors', 'incumbent', 'specialist', 'entrant'], range: [COLOURS.median, COLOURS.incumbent, COLOURS.specialist, COLOURS.entrant] },
    legend: { title: 'median' },
  };
  const flowColour = {
    field: 'series',
    type: 'nominal' as const,
    scale: { domain: ['entries', 'exits'], range: [COLOURS.entries, COLOURS.exits] },
    legend: { title: 'mean per month' },
  };
  const active = 'active lessors (count)';
  const y = count('p50', active);
  const events = rows.some((r) => r.kind === 'event');
  const month = monthTip();
  // Invisible points carry the tooltips: a line's own tooltip would name one month only.
  const hover = (kind: string, field: string, tooltip: Tip[]): Layer => ({
    transform: [only(kind)],
    mark: { type: 'point', opacity: 0, size: 70 },
    encoding: { x, y: count(field, active), tooltip },
  });
  const population: Layer[] = [
    { transform: [only('band')], mark: { type: 'area', color: COLOURS.bandOuter }, encoding: { x, y: count('p5', active), y2: { field: 'p95' } } },
    { transform: [only('band')], mark: { type: 'area', color: COLOURS.bandInner }, encoding: { x, y: count('p25', active), y2: { field: 'p75' } } },
    { transform: [only('band')], mark: { type: 'line', strokeWidth: 2.4 }, encoding: { x, y, color: lessorColour } },
    { transform: [only('median')], mark: { type: 'line', strokeWidth: 1.5 }, encoding: { x, y: count('value', active), color: lessorColour } },
    ...(events ? eventLayers({ tags: true }) : []),
    hover('median', 'value', [{ field: 'series', type: 'nominal', title: 'archetype' }, month, { field: 'value', type: 'quantitative', title: 'median', format: ',.0f' }]),
    hover('band', 'p50', [
      month,
      { field: 'p95', type: 'quantitative', title: 'P95', format: ',.0f' },
      { field: 'p75', type: 'quantitative', title: 'P75', format: ',.0f' },
      { field: 'p50', type: 'quantitative', title: 'median', format: ',.0f' },
      { field: 'p25', type: 'quantitative', title: 'P25', format: ',.0f' },
      { field: 'p5', type: 'quantitative', title: 'P5', format: ',.0f' },
    ]),
  ];
  const perMonth = count('value', 'lessors per month (mean)');
  const flows: Layer[] = [
    { transform: [only('mean')], mark: { type: 'line', strokeWidth: 1.8 }, encoding: { x, y: perMonth, color: flowColour } },
    ...(events ? eventLayers({ tags: false }) : []),
    {
      transform: [only('mean')],
      mark: { type: 'point', opacity: 0, size: 70 },
      encoding: { x, y: perMonth, tooltip: [{ field: 'series', type: 'nominal', title: 'series' }, month, { field: 'value', type: 'quantitative', title: 'mean', format: '.2f' }] },
    },
  ];
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title: { text: 'Active lessors, entries and exits', subtitle: 'active lessors: median, P25–P75 and P5–P95 bands; entries and exits: mean per month' },
    vconcat: [
      { width: WIDTH, height: 200, data: { values: rows.filter((r) => r.kind === 'band' || r.kind === 'median' || r.kind === 'event') }, layer: population },
      { width: WIDTH, height: 140, data: { values: rows.filter((r) => r.kind === 'mean' || r.kind === 'event') }, layer: flows },
    ],
    resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } },
    spacing: 20,
  };
}
