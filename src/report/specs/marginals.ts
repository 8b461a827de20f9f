/**
 * Prior against posterior, one small panel per calibrated input: the posterior's weighted
 * histogram as bars and the prior's mass in the same bins as a shaded curve, both as a share per
 * bin, so they read on one axis. Panels are facets of the table (the input's path is data, drawn
 * as a header), each with its own scales.
 *
 * Rows: input, order, binStart, binEnd, binMid, prior, posterior.
 */
import type { Row } from '../chartTable.js';
import { COLOURS, CONFIG, SCHEMA, tipFormat, type Spec } from './common.js';

export const PRIOR = 'prior';
export const POSTERIOR = 'posterior (weighted particles)';

/** Panels a row. */
const COLUMNS = 3;

export function marginalsSpec(rows: Row[], subtitle: string): Spec {
  const scale = { domain: [PRIOR, POSTERIOR], range: [COLOURS.prior, COLOURS.posterior] };
  const fmt = tipFormat(true);
  const x = { field: 'binStart', type: 'quantitative' as const, title: null, scale: { zero: false, nice: false }, axis: { format: '~s', tickCount: 4, labelOverlap: 'greedy' as const, grid: false } };
  const y = { type: 'quantitative' as const, title: 'share per bin', axis: { format: '.0%', tickCount: 4 } };
  const tooltip = [
    { field: 'input', type: 'nominal' as const, title: 'input' },
    { field: 'binStart', type: 'quantitative' as const, title: 'from', format: ',.4~r' },
    { field: 'binEnd', type: 'quantitative' as const, title: 'to', format: ',.4~r' },
    { field: 'posterior', type: 'quantitative' as const, title: 'posterior', format: fmt },
    { field: 'prior', type: 'quantitative' as const, title: 'prior', format: fmt },
  ];
  return {
    $schema: SCHEMA,
    title: { text: 'Prior and posterior of each calibrated input', subtitle },
    config: CONFIG,
    data: { values: rows },
    columns: COLUMNS,
    facet: { field: 'input', type: 'nominal', sort: { field: 'order', op: 'min' }, header: { title: null, labelFontSize: 11, labelLimit: 230 } },
    spec: {
      width: 190,
      height: 100,
      layer: [
        {
          mark: { type: 'rect', stroke: 'white', strokeWidth: 0.4, opacity: 0.85 },
          encoding: { x, x2: { field: 'binEnd' }, y: { ...y, field: 'posterior' }, color: { datum: POSTERIOR, scale, legend: { title: null } }, tooltip },
        },
        {
          mark: { type: 'area', interpolate: 'monotone', opacity: 0.35, line: { strokeWidth: 1.8 } },
          encoding: { x: { ...x, field: 'binMid' }, y: { ...y, field: 'prior' }, color: { datum: PRIOR, scale, legend: { title: null } }, tooltip },
        },
      ],
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  };
}
