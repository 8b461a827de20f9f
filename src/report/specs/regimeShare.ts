/**
 * The share of runs in each regime, month by month, as a stacked area that fills 100 %: blue
 * ocean at the bottom, transition in the middle, red ocean on top. Rows: month, regime, share.
 */
import type { Row } from '../chartTable.js';
import { COLOURS, monthX, topLevel, WIDTH, type Spec } from './common.js';

export const REGIME_LABELS = ['blue ocean', 'transition', 'red ocean'] as const;

export function regimeShareSpec(rows: Row[], subtitle: string): Spec {
  return {
    ...topLevel('Regime share by month', subtitle),
    width: WIDTH,
    height: 230,
    data: { values: rows },
    mark: { type: 'area', interpolate: 'step-after', opacity: 0.9 },
    encoding: {
      x: monthX(),
      y: { field: 'share', type: 'quantitative', stack: 'zero', title: 'share of runs', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
      color: {
        field: 'regime',
        type: 'nominal',
        scale: { domain: [...REGIME_LABELS], range: [COLOURS.blue, COLOURS.transition, COLOURS.red] },
        legend: { title: null },
        sort: [...REGIME_LABELS],
      },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [
        { field: 'month', type: 'nominal', title: 'month' },
        { field: 'regime', type: 'nominal', title: 'regime' },
        { field: 'share', type: 'quantitative', title: 'share of runs', format: '.1%' },
      ],
    },
  };
}
