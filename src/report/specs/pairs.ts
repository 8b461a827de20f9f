/**
 * A pair plot of the most correlated calibrated inputs: one panel per pair, each particle of the
 * posterior a point whose size and opacity grow with its weight. The panel's header (data: the
 * two paths and the weighted correlation, a line each) says which input is on which axis.
 *
 * Rows: pair (the header text, lines split at "\n"), order, a, b, x, y, weight, r.
 */
import type { Row } from '../chartTable.js';
import { COLOURS, CONFIG, SCHEMA, type Spec } from './common.js';

export function pairsSpec(rows: Row[], subtitle: string, columns: number): Spec {
  const axis = { format: '~s', tickCount: 4, labelOverlap: 'greedy' as const };
  return {
    $schema: SCHEMA,
    title: { text: 'The most correlated calibrated inputs', subtitle },
    config: CONFIG,
    data: { values: rows },
    columns,
    facet: {
      field: 'pair',
      type: 'nominal',
      sort: { field: 'order', op: 'min' },
      header: { title: null, labelFontSize: 11, labelLimit: 230, labelExpr: "split(datum.label, '\\n')" },
    },
    spec: {
      width: 190,
      height: 170,
      mark: { type: 'point', filled: true, color: COLOURS.posterior, stroke: 'white', strokeWidth: 0.4 },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: 'x', scale: { zero: false }, axis },
        y: { field: 'y', type: 'quantitative', title: 'y', scale: { zero: false }, axis },
        size: { field: 'weight', type: 'quantitative', scale: { range: [8, 160], zero: true }, legend: null },
        opacity: { field: 'weight', type: 'quantitative', scale: { range: [0.25, 0.9], zero: true }, legend: null },
        tooltip: [
          { field: 'a', type: 'nominal', title: 'x input' },
          { field: 'x', type: 'quantitative', title: 'x', format: ',.4~r' },
          { field: 'b', type: 'nominal', title: 'y input' },
          { field: 'y', type: 'quantitative', title: 'y', format: ',.4~r' },
          { field: 'weight', type: 'quantitative', title: 'weight', format: '.3~g' },
        ],
      },
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  };
}
