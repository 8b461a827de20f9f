/**
 * Industry gross and net margin fans (share of revenue): P5–P95 and P25–P75 bands and medians,
 * with the zero line that separates profit from loss, and the scenario's events as numbered rules.
 */
import type { Row } from '../chartTable.js';
import { COLOURS, topLevel, type Spec } from './common.js';
import { hasEvents, marginDomain, SERIES_FAN_SIZE, seriesFanLayers } from './seriesFan.js';

export const MARGIN_SERIES = [
  ['gross margin', COLOURS.gross],
  ['net margin', COLOURS.net],
] as const;

export function marginsSpec(rows: Row[], subtitle: string): Spec {
  return {
    ...topLevel('Industry gross and net margin', subtitle),
    ...SERIES_FAN_SIZE,
    data: { values: rows },
    layer: seriesFanLayers({
      yTitle: 'margin (share of revenue)',
      isShare: true,
      series: MARGIN_SERIES,
      inner: true,
      zeroRule: true,
      yDomain: marginDomain(rows),
      events: hasEvents(rows) ? { tags: true } : undefined,
    }),
  };
}
