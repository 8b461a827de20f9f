/**
 * When the red ocean begins: bars give the share of all runs whose red-ocean onset falls in each
 * month, and the line the running total, P(red ocean by the end of the month), on its own axis.
 * Runs that never turn red are in neither; the subtitle says how many they are.
 *
 * Rows: kind `onset` (month, monthEnd, runs, share), kind `cumulative` (month, monthEnd, share),
 * the latter from the month before the horizon (share 0), so the time axis spans the whole horizon.
 */
import type { Row } from '../chartTable.js';
import { COLOURS, monthX, only, topLevel, WIDTH, type Layer, type Spec } from './common.js';

export function redOnsetSpec(rows: Row[], subtitle: string): Spec {
  const x = monthX();
  const bars: Layer = {
    transform: [only('onset')],
    mark: { type: 'rect', color: COLOURS.red, stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      x,
      x2: { field: 'monthEnd' },
      y: { field: 'share', type: 'quantitative', title: 'share of runs with onset in the month', axis: { format: '.0%', titleColor: COLOURS.red } },
      tooltip: [
        { field: 'month', type: 'nominal', title: 'onset month' },
        { field: 'runs', type: 'quantitative', title: 'runs' },
        { field: 'share', type: 'quantitative', title: 'share of runs', format: '.1%' },
      ],
    },
  };
  const hasOnsets = rows.some((r) => r.kind === 'onset');
  const line: Layer = {
    transform: [only('cumulative')],
    mark: { type: 'line', color: COLOURS.rule, strokeWidth: 1.6, interpolate: 'step-after' },
    encoding: {
      // The bars' x encoding defines the time axis; alone, the line brings its own.
      x: hasOnsets ? { field: 'monthEnd', type: 'temporal' } : { ...x, field: 'monthEnd' },
      y: { field: 'share', type: 'quantitative', title: 'P(red ocean by the month)', scale: { domain: [0, 1] }, axis: { format: '.0%', orient: 'right', grid: false } },
      tooltip: [
        { field: 'month', type: 'nominal', title: 'by the end of' },
        { field: 'share', type: 'quantitative', title: 'P(red ocean)', format: '.1%' },
      ],
    },
  };
  return {
    ...topLevel('Distribution of the red-ocean onset month', subtitle),
    width: WIDTH,
    height: 230,
    data: { values: rows },
    // With no onset at all the bars are left out: an empty layer has no extent for its scales.
    layer: hasOnsets ? [bars, line] : [line],
    resolve: { scale: { y: 'independent' } },
  };
}
