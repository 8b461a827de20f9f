/**
 * A histogram of a per-run outcome from pre-computed bins, with a threshold drawn as a rule and the
 * bins above it in a stronger colour. Rows: kind `bin` (binStart, binEnd, runs, share, above) and
 * kind `threshold` (value, series = its label).
 */
import type { Row } from '../chartTable.js';
import { COLOURS, topLevel, WIDTH, type Spec } from './common.js';

export interface HistogramOptions {
  title: string;
  subtitle: string;
  xTitle: string;
  /** d3 number format of the x axis and tooltip, for example '.0%'. */
  format: string;
  /** Legend texts for bins above and not above the threshold. */
  aboveLabel: string;
  belowLabel: string;
}

export function histogramSpec(rows: Row[], o: HistogramOptions): Spec {
  const binX = {
    field: 'binStart',
    type: 'quantitative' as const,
    title: o.xTitle,
    axis: { format: o.format, tickCount: 10, labelOverlap: 'greedy' as const, grid: false },
    scale: { zero: false, nice: false },
  };
  return {
    ...topLevel(o.title, o.subtitle),
    width: WIDTH,
    height: 220,
    data: { values: rows },
    layer: [
      {
        transform: [{ filter: "datum.kind === 'bin'" }, { calculate: `datum.above ? '${o.aboveLabel}' : '${o.belowLabel}'`, as: 'side' }],
        mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5 },
        encoding: {
          x: binX,
          x2: { field: 'binEnd' },
          y: { field: 'share', type: 'quantitative', title: 'share of runs', axis: { format: '.0%' } },
          color: { field: 'side', type: 'nominal', scale: { domain: [o.aboveLabel, o.belowLabel], range: [COLOURS.bar, COLOURS.barMuted] }, legend: { title: null } },
          tooltip: [
            { field: 'binStart', type: 'quantitative', title: 'from', format: o.format },
            { field: 'binEnd', type: 'quantitative', title: 'to', format: o.format },
            { field: 'runs', type: 'quantitative', title: 'runs' },
            { field: 'share', type: 'quantitative', title: 'share of runs', format: '.1%' },
          ],
        },
      },
      {
        transform: [{ filter: "datum.kind === 'threshold'" }],
        mark: { type: 'rule', color: COLOURS.rule, strokeWidth: 1.6, strokeDash: [5, 3] },
        encoding: { x: { field: 'value', type: 'quantitative' } },
      },
      {
        transform: [{ filter: "datum.kind === 'threshold'" }],
        mark: { type: 'text', align: 'left', dx: 5, dy: -4, baseline: 'bottom', fontSize: 11, color: COLOURS.rule },
        encoding: { x: { field: 'value', type: 'quantitative' }, y: { value: 0 }, text: { field: 'series', type: 'nominal' } },
      },
    ],
  };
}
