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
  holds: '#2b8a3e',
  undecided: '#e3a52b',
  fails: '#b2182b',
  interval: '#555555',
  low: '#2166ac',
  high: '#d9822b',
  firstOrder: '#1b7f79',
  total: '#7b3294',
  stream: '#9aa5a4',
  muStar: '#1b7f79',
  sigma: '#d9822b',
  trajectory: '#6a51a3',
  prior: '#7b3294',
  posterior: '#1b7f79',
  priorFill: '#d9c6e3',
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

/**
 * Room for an input path or a claim name as an axis label, in pixels. Generous, because in Node
 * vega estimates a text's width at 0.8 × font size a character, half as much again as a browser
 * measures, and the SVG files are drawn there.
 */
export const ROW_LABEL_LIMIT = 420;

/**
 * Plot width of a chart with one row per input or claim: what the row labels leave of the width of
 * the other charts. Label widths are estimated (about 6 px a character at 11 px), as in Node there
 * is nothing to measure text with.
 */
export function rowsWidth(labels: readonly unknown[]): number {
  const longest = Math.max(0, ...labels.map((l) => (typeof l === 'string' ? l.length : 0)));
  return Math.round(WIDTH + 40 - Math.min(260, 6 * longest + 14));
}

/** Tick values every 0.1 (or 0.2 on a wide range) from `lo` to `hi`, 0 among them. */
export function shareTicks(lo: number, hi: number): number[] {
  const step = hi - lo > 0.8 ? 0.2 : 0.1;
  const out: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + 1e-9; k++) out.push(Number((k * step).toFixed(10)));
  return out;
}

/**
 * `text` where it is plain enough to stand in a title, else `fallback`. Titles and axis titles
 * take only such text: strings from the analysis files (an outcome name, a unit) may have been
 * edited by hand, and reach the chart only as data, which vega draws as text, or pass this check.
 */
export function plainText(text: string | null | undefined, fallback: string): string {
  return typeof text === 'string' && /^[\p{L}\p{N} .,:;%()/+×·–_@-]{1,80}$/u.test(text) ? text : fallback;
}

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

/**
 * The month of a row as a tooltip writes it, YYYY-MM. The time axis has vega parse the field as a
 * date, so named as a plain field it would show as the timestamp vega made of it; read in UTC like
 * the axis, it is the same month in every time zone.
 */
export function monthTip(title = 'month') {
  return { field: 'month', type: 'temporal' as const, timeUnit: 'utcyearmonth' as const, format: '%Y-%m', title };
}

/** A filter transform that keeps the rows of one kind. */
export const only = (kind: string) => ({ filter: `datum.kind === '${kind}'` });

/** The tooltip number format. */
export const tipFormat = (isShare: boolean): string => (isShare ? '.1%' : ',.4~r');

/** The parts every top-level spec has; typed, because the inferred type would name vega's typings by a path that depends on where node_modules lies. */
export function topLevel(title: string, subtitle: string | undefined): { $schema: string; title: { text: string; subtitle?: string }; config: Config } {
  return {
    $schema: SCHEMA,
    title: subtitle === undefined ? { text: title } : { text: title, subtitle },
    config: CONFIG,
  };
}
