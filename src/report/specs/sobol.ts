/**
 * Sobol indices: for each input, its first-order index (the share of the outcome's variance it
 * explains alone) and its total index (alone and with every interaction) as bars, with their
 * bootstrap intervals as whiskers, ranked by the total index. A last row shows the share of
 * variance the run's random stream explains alone: the model's own randomness, which no input
 * controls.
 *
 * Rows: input, order, index (first order / total), series (colour), value, low, high.
 */
import type { Row } from '../chartTable.js';
import { COLOURS, ROW_LABEL_LIMIT, rowsWidth, shareTicks, topLevel, type Spec } from './common.js';

export const FIRST_ORDER = 'first order S1';
export const TOTAL = 'total ST';
export const STREAM = 'random stream alone';

export function sobolSpec(rows: Row[], subtitle: string): Spec {
  const y = { field: 'input', type: 'nominal' as const, sort: null, title: null, scale: { paddingInner: 0.3 }, axis: { labelLimit: ROW_LABEL_LIMIT } };
  const yOffset = { field: 'index', type: 'nominal' as const, scale: { domain: [FIRST_ORDER, TOTAL] } };
  // Indices are shares of variance: the axis always shows 0 to 10 %, and the estimates' and the
  // intervals' overshoot below 0 or above 1 (small samples) where there is any.
  const ends = rows.flatMap((r) => [r.value, r.low, r.high]).filter((v): v is number => typeof v === 'number');
  const lo = Math.min(0, Math.floor(Math.min(0, ...ends) * 10) / 10);
  const hi = Math.max(0.1, Math.ceil(Math.max(0, ...ends) * 10) / 10);
  const x = (field: string) => ({
    field,
    type: 'quantitative' as const,
    title: "share of the outcome's variance",
    scale: { domain: [lo, hi], nice: false },
    axis: { format: '.0%', values: shareTicks(lo, hi) },
  });
  const tooltip = [
    { field: 'input', type: 'nominal' as const, title: 'input' },
    { field: 'index', type: 'nominal' as const, title: 'index' },
    { field: 'value', type: 'quantitative' as const, title: 'estimate', format: '.3f' },
    { field: 'low', type: 'quantitative' as const, title: 'interval from', format: '.3f' },
    { field: 'high', type: 'quantitative' as const, title: 'interval to', format: '.3f' },
  ];
  return {
    ...topLevel('Sobol indices: which inputs explain the variance of the outcome', subtitle),
    width: rowsWidth(rows.map((r) => r.input)),
    height: { step: 44, for: 'position' },
    data: { values: rows },
    layer: [
      {
        transform: [{ filter: 'isValid(datum.value)' }],
        mark: { type: 'bar', height: { band: 0.9 } },
        encoding: {
          y,
          yOffset,
          x: x('value'),
          color: { field: 'series', type: 'nominal', scale: { domain: [FIRST_ORDER, TOTAL, STREAM], range: [COLOURS.firstOrder, COLOURS.total, COLOURS.stream] }, legend: { title: null } },
          tooltip,
        },
      },
      {
        transform: [{ filter: 'isValid(datum.low) && isValid(datum.high)' }],
        mark: { type: 'errorbar', ticks: { size: 7 }, color: COLOURS.rule, thickness: 1.2 },
        encoding: { y, yOffset, x: x('low'), x2: { field: 'high' }, tooltip },
      },
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: 'rule', color: '#888', strokeWidth: 1 },
        encoding: { x: { field: 'zero', type: 'quantitative' } },
      },
    ],
  };
}
