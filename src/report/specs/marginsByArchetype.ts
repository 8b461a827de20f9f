/**
 * Gross and net margin by lessor archetype (incumbent cloud, specialised GPU cloud, cross-industry
 * entrant), one panel each on a shared axis: P5–P95 bands and medians, with a gap in a month where
 * a kind has no margin to show (its band row has no values), and the scenario's events as rules,
 * numbered on the top panel. Rows as in the series fan, plus `archetype` (none on event rows, which
 * every panel draws).
 */
import type { Row } from '../chartTable.js';
import { topLevel, WIDTH, type Spec } from './common.js';
import { MARGIN_SERIES } from './margins.js';
import { hasEvents, marginDomain, seriesFanLayers } from './seriesFan.js';

export const ARCHETYPES = ['incumbent', 'specialist', 'entrant'] as const;

export function marginsByArchetypeSpec(rows: Row[]): Spec {
  const yDomain = marginDomain(rows);
  const events = hasEvents(rows);
  const panel = (archetype: (typeof ARCHETYPES)[number], i: number) => ({
    title: { text: archetype, fontSize: 12, anchor: 'start' as const, offset: 4 },
    width: WIDTH,
    height: 130,
    // Archetype names are the report's own constants, not user text.
    transform: [{ filter: `datum.kind === 'event' || datum.archetype === '${archetype}'` }],
    layer: seriesFanLayers({
      yTitle: 'share of revenue',
      isShare: true,
      series: MARGIN_SERIES,
      inner: false,
      zeroRule: true,
      yDomain,
      events: events ? { tags: i === 0 } : undefined,
      xLabels: i === ARCHETYPES.length - 1,
    }),
  });
  return {
    ...topLevel('Margins by lessor archetype', 'medians and P5–P95 bands; the axis stops at −100 %; gaps where too few runs have the kind'),
    data: { values: rows },
    vconcat: ARCHETYPES.map(panel),
    spacing: 14,
    resolve: { scale: { x: 'shared', y: 'shared' } },
  };
}
