/**
 * The path of an ABC-SMC calibration, generation by generation: the tolerance (left axis, the
 * distance in errors a particle had to come within; the prior's generation 0 has none) and, on
 * the right axis, the acceptance rate and the effective sample size as a share of the particles.
 *
 * Rows: kind `tolerance` (generation, value) and kind `share` (generation, series, value), with
 * proposed, accepted, ess and runs on every row for the tooltip.
 */
import type { Row } from '../chartTable.js';
import { COLOURS, topLevel, WIDTH, type Spec } from './common.js';

export const TOLERANCE = 'tolerance';
export const ACCEPTANCE = 'acceptance rate';
export const ESS_SHARE = 'ESS / particles';

export function tolerancePathSpec(rows: Row[], subtitle: string): Spec {
  const scale = { domain: [TOLERANCE, ACCEPTANCE, ESS_SHARE], range: [COLOURS.rule, COLOURS.sigma, COLOURS.trajectory] };
  const legend = { title: null };
  const generations = rows.map((r) => Number(r.generation));
  const x = {
    field: 'generation',
    type: 'quantitative' as const,
    title: 'generation',
    scale: { domain: [0, Math.max(1, ...generations)], nice: false },
    axis: { tickMinStep: 1, format: 'd', grid: false },
  };
  const tolerances = rows.filter((r) => r.kind === 'tolerance').map((r) => Number(r.value));
  // Tolerances often fall by orders of magnitude: a log axis then, where all are above 0.
  const log = tolerances.length > 1 && Math.min(...tolerances) > 0 && Math.max(...tolerances) / Math.min(...tolerances) > 10;
  const common = [
    { field: 'generation', type: 'quantitative' as const, title: 'generation' },
    { field: 'proposed', type: 'quantitative' as const, title: 'proposed' },
    { field: 'accepted', type: 'quantitative' as const, title: 'accepted' },
    { field: 'ess', type: 'quantitative' as const, title: 'ESS', format: '.3~r' },
    { field: 'runs', type: 'quantitative' as const, title: 'runs' },
  ];
  const toleranceY = {
    field: 'value',
    type: 'quantitative' as const,
    title: 'tolerance (distance in errors)',
    scale: log ? { type: 'log' as const } : { zero: true },
    axis: { format: '~r', orient: 'left' as const },
  };
  const shareY = { field: 'value', type: 'quantitative' as const, title: 'share', scale: { domain: [0, 1] }, axis: { format: '.0%', orient: 'right' as const, grid: false } };
  return {
    ...topLevel('Tolerance, acceptance and effective sample size by generation', subtitle),
    width: WIDTH,
    height: 220,
    data: { values: rows },
    layer: [
      {
        transform: [{ filter: "datum.kind === 'tolerance'" }],
        layer: [
          { mark: { type: 'line', strokeWidth: 2.2 }, encoding: { x, y: toleranceY, color: { datum: TOLERANCE, scale, legend } } },
          {
            mark: { type: 'point', filled: true, size: 60, opacity: 1 },
            encoding: { x, y: toleranceY, color: { datum: TOLERANCE, scale, legend }, tooltip: [{ field: 'value', type: 'quantitative', title: 'tolerance', format: '.3~r' }, ...common] },
          },
        ],
      },
      {
        transform: [{ filter: "datum.kind === 'share'" }],
        layer: [
          { mark: { type: 'line', strokeWidth: 1.8, strokeDash: [5, 2] }, encoding: { x, y: shareY, color: { field: 'series', type: 'nominal', scale, legend } } },
          {
            mark: { type: 'point', filled: true, size: 45, opacity: 1 },
            encoding: {
              x,
              y: shareY,
              color: { field: 'series', type: 'nominal', scale, legend },
              tooltip: [{ field: 'series', type: 'nominal', title: 'series' }, { field: 'value', type: 'quantitative', title: 'share', format: '.1%' }, ...common],
            },
          },
        ],
      },
    ],
    resolve: { scale: { y: 'independent' } },
  };
}
