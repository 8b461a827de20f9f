/**
 * Gross and net margin by lessor archetype (incumbent cloud, specialised GPU cloud, cross-industry
 * entrant), one panel each on a shared axis: P25–P75 bands and medians. Rows as in the series fan,
 * plus `archetype`.
 */
import type { Row } from '../chartTable.js';
import { topLevel, WIDTH, type Spec } from './common.js';
import { MARGIN_SERIES } from './margins.js';
import { marginDomain, seriesFanLayers } from './seriesFan.js';

export const ARCHETYPES = ['incumbent', 'specialist', 'entrant'] as const;

export function marginsByArchetypeSpec(rows: Row[]): Spec {
  return {
    ...topLevel('Margins by lessor archetype', 'medians and P5–P95 bands; the axis stops at −100 %'),
    data: { values: rows },
    facet: {
      row: {
        field: 'archetype',
        type: 'nominal',
        sort: [...ARCHETYPES],
        header: { title: null, labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top', labelFontSize: 12, labelFontWeight: 'bold' },
      },
    },
    spec: {
      width: WIDTH,
      height: 130,
      layer: seriesFanLayers({ yTitle: 'share of revenue', isShare: true, series: MARGIN_SERIES, inner: false, zeroRule: true, yDomain: marginDomain(rows) }),
    },
    resolve: { scale: { y: 'shared' } },
  };
}
