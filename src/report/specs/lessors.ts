/**
 * The lessor population: active lessors (P5–P95 and P25–P75 bands, median, and the median of each
 * archetype) above, and the mean number of entries and exits per month below. Entries and exits
 * are rare events, zero in most runs and months, so their mean says more than their median.
 *
 * Rows: kind `band` (active lessors), kind `median` (value by month, series = archetype), kind
 * `mean` (value by month, series = entries or exits).
 */
import type { Row } from '../chartTable.js';
import { COLOURS, CONFIG, monthX, only, SCHEMA, WIDTH, type Spec } from './common.js';

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
  const y = count('p50', 'active lessors (count)');
  return {
    $schema: SCHEMA,
    config: CONFIG,
    title: { text: 'Active lessors, entries and exits', subtitle: 'active lessors: median, P25–P75 and P5–P95 bands; entries and exits: mean per month' },
    vconcat: [
      {
        width: WIDTH,
        height: 200,
        data: { values: rows.filter((r) => r.kind === 'band' || r.kind === 'median') },
        layer: [
          { transform: [only('band')], mark: { type: 'area', color: COLOURS.bandOuter }, encoding: { x, y: count('p5', 'active lessors (count)'), y2: { field: 'p95' } } },
          { transform: [only('band')], mark: { type: 'area', color: COLOURS.bandInner }, encoding: { x, y: count('p25', 'active lessors (count)'), y2: { field: 'p75' } } },
          { transform: [only('band')], mark: { type: 'line', strokeWidth: 2.4 }, encoding: { x, y, color: lessorColour } },
          {
            transform: [only('median')],
            mark: { type: 'line', strokeWidth: 1.5 },
            encoding: {
              x,
              y: count('value', 'active lessors (count)'),
              color: lessorColour,
              tooltip: [
                { field: 'series', type: 'nominal', title: 'archetype' },
                { field: 'month', type: 'nominal', title: 'month' },
                { field: 'value', type: 'quantitative', title: 'median', format: ',.0f' },
              ],
            },
          },
        ],
      },
      {
        width: WIDTH,
        height: 140,
        data: { values: rows.filter((r) => r.kind === 'mean') },
        mark: { type: 'line', strokeWidth: 1.8, point: false },
        encoding: {
          x,
          y: count('value', 'lessors per month (mean)'),
          color: flowColour,
          tooltip: [
            { field: 'series', type: 'nominal', title: 'series' },
            { field: 'month', type: 'nominal', title: 'month' },
            { field: 'value', type: 'quantitative', title: 'mean', format: '.2f' },
          ],
        },
      },
    ],
    resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } },
    spacing: 20,
  };
}
