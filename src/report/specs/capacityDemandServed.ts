/**
 * Lessors' capacity, developers' rental demand and the hours actually rented, in millions of
 * reference-GPU-hours per month: median lines with P5–P95 bands. Where demand runs above capacity
 * the market is short (blue ocean); where capacity runs above what is served, it is idle. The
 * scenario's events, where the table has them, are numbered rules.
 */
import type { Row } from '../chartTable.js';
import { COLOURS, topLevel, type Spec } from './common.js';
import { hasEvents, SERIES_FAN_SIZE, seriesFanLayers } from './seriesFan.js';

export const CAPACITY_SERIES = [
  ['capacity', COLOURS.capacity],
  ['demand', COLOURS.demand],
  ['served', COLOURS.served],
] as const;

export function capacityDemandServedSpec(rows: Row[]): Spec {
  return {
    ...topLevel('Capacity, demand and hours served', 'median lines, P5–P95 bands'),
    ...SERIES_FAN_SIZE,
    data: { values: rows },
    layer: seriesFanLayers({ yTitle: 'million ref-GPU-hours per month', isShare: false, series: CAPACITY_SERIES, inner: false, events: hasEvents(rows) ? { tags: true } : undefined }),
  };
}
