/**
 * What every chart shares: size, colours, the month axis and the look. Colours mean the same thing
 * on every chart (blue ocean blue, red ocean red, the rent fan teal), and the time axis is a UTC
 * time scale, so a month reads the same in every time zone.
 */
import type { Config, TopLevelSpec } from 'vega-lite';

export type Spec = TopLevelSpec;
/** One layer of a layered spec. */
export type Layer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
/** Plot width in pixels; with axes and padding a chart is about 760 px wide. */
export const WIDTH = 660;
export const HEIGHT = 250;

export const COLOURS = {
  bandOuter: '#b9dcd8',
  bandInner: '#72b5ad',
  median: '#0d5650',
  sample: '#5f5f5f',
  cashCost: '#8c6d1f',
  fullCost: '#d9822b',
  start: '#3b3b3b',
  observed: '#111111',
  blue: '#2166ac',
  transition: '#e3a52b',
  red: '#b2182b',
  capacity: '#6a51a3',
  demand: '#e6550d',
  served: '#2b8a3e',
  gross: '#1b7f79',
  net: '#7b3294',
  incumbent: '#4d4d4d',
  specialist: '#8073ac',
  entrant: '#e08214',
  entries: '#2b8a3e',
  exits: '#8c510a',
  bar: '#1b7f79',
  barMuted: '#9aa5a4',
  rule: '#222222',
} as const;

export const CONFIG: Config = {
  background: 'white',
  font: 'Helvetica, Arial, sans-serif',
  padding: 8,
  view: { stroke: null },
  title: { anchor: 'start', fontSize: 15, fontWeight: 'bold', subtitleFontSize: 12, subtitleColor: '#444', offset: 10 },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', titleColor: '#222', labelColor: '#333', gridColor: '#e6e6e6', domainColor: '#888', tickColor: '#888' },
  legend: { orient: 'top', labelFontSize: 11, titleFontSize: 11, symbolType: 'square', symbolSize: 120, symbolOpacity: 1, columnPadding: 14, labelLimit: 240 },
  line: { strokeCap: 'round' },
};

/** The x encoding of a monthly series: field `month` (YYYY-MM), drawn as dates. */
export function monthX(field = 'month') {
  return {
    field,
    type: 'temporal' as const,
    title: 'month',
    scale: { type: 'utc' as const },
    // Ticks every six months (January and July); where labels would collide, every other one
    // is dropped, which leaves one per year on a long horizon.
    axis: { format: '%Y-%m', tickCount: { interval: 'month' as const, step: 6 }, labelOverlap: 'greedy' as const, labelSeparation: 8, grid: false },
  };
}

/** A filter transform that keeps the rows of one kind. */
export const only = (kind: string) => ({ filter: `datum.kind === '${kind}'` });

/** The tooltip number format. */
export const tipFormat = (isShare: boolean): string => (isShare ? '.1%' : ',.4~r');

/** The parts every top-level spec has. */
export function topLevel(title: string, subtitle: string | undefined) {
  return {
    $schema: SCHEMA,
    title: subtitle === undefined ? { text: title } : { text: title, subtitle },
    config: CONFIG,
  };
}
