/**
 * The share of runs in each regime, month by month, as a stacked area that fills 100 %: blue
 * ocean at the bottom, transition in the middle, red ocean on top. Rows: month, regime, share. A
 * month's three shares are one tooltip, on an invisible rule as wide as the month.
 */
import type { Row } from '../chartTable.js';
import { COLOURS, monthTip, monthX, topLevel, WIDTH, type Spec } from './common.js';

export const REGIME_LABELS = ['blue ocean', 'transition', 'red ocean'] as const;

export function regimeShareSpec(rows: Row[], subtitle: string): Spec {
  const x = monthX();
  const months = new Set(rows.map((r) => r.month)).size;
  // The area is stepped: each month's shares hold from its start to the next month's.
  const monthWidth = `width / ${Math.max(1, months)}`;
  return {
    ...topLevel('Regime share by month', subtitle),
    width: WIDTH,
    height: 230,
    data: { values: rows },
    layer: [
      {
        mark: { type: 'area', interpolate: 'step-after', opacity: 0.9 },
        encoding: {
          x,
          y: { field: 'share', type: 'quantitative', stack: 'zero', title: 'share of runs', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
          color: {
            field: 'regime',
            type: 'nominal',
            scale: { domain: [...REGIME_LABELS], range: [COLOURS.blue, COLOURS.transition, COLOURS.red] },
            legend: { title: null },
            sort: [...REGIME_LABELS],
          },
          order: { field: 'order', type: 'quantitative' },
        },
      },
      {
        transform: [{ pivot: 'regime', value: 'share', groupby: ['month'] }],
        // A pixel wider than the month, so that no pointer falls between two.
        mark: { type: 'rule', opacity: 0, strokeWidth: { expr: `${monthWidth} + 1` }, xOffset: { expr: `${monthWidth} / 2` } },
        encoding: {
          x,
          tooltip: [monthTip(), ...[...REGIME_LABELS].reverse().map((regime) => ({ field: regime, type: 'quantitative' as const, title: regime, format: '.1%' }))],
        },
      },
    ],
  };
}
