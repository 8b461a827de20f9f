/**
 * A PRIM peeling trajectory: coverage (the share of the runs where the claim holds that lie in
 * the box) against density (the share of the box's runs where it holds), one point per peel, from
 * the whole input space (coverage 100 %) towards ever smaller, denser boxes. The ring marks the
 * step PRIM selected; the diamond is the box it reports, after pasting and dropping the
 * restrictions that are not significant.
 *
 * Rows: kind `step` (box, step, coverage, density, mass, restrictedCount, restricted, selected)
 * and kind `box` (box, coverage, density, mass, label).
 */
import type { Row } from '../chartTable.js';
import { COLOURS, topLevel, type Spec } from './common.js';

export function primTrajectorySpec(rows: Row[], subtitle: string): Spec {
  const axis = (field: string, title: string) => ({ field, type: 'quantitative' as const, title, scale: { domain: [0, 1] }, axis: { format: '.0%', tickCount: 5 } });
  const x = axis('coverage', 'coverage (share of the runs where it holds)');
  const y = axis('density', 'density (share in the box)');
  const detail = { field: 'box', type: 'nominal' as const };
  const tooltip = [
    { field: 'label', type: 'nominal' as const, title: 'box' },
    { field: 'step', type: 'quantitative' as const, title: 'peel' },
    { field: 'coverage', type: 'quantitative' as const, title: 'coverage', format: '.1%' },
    { field: 'density', type: 'quantitative' as const, title: 'density', format: '.1%' },
    { field: 'mass', type: 'quantitative' as const, title: 'mass', format: '.1%' },
    { field: 'restricted', type: 'nominal' as const, title: 'restricted inputs' },
  ];
  return {
    ...topLevel('Peeling trajectory', subtitle),
    width: 330,
    height: 220,
    data: { values: rows },
    layer: [
      {
        transform: [{ filter: "datum.kind === 'step'" }],
        mark: { type: 'line', color: COLOURS.trajectory, strokeWidth: 1.4, opacity: 0.7 },
        encoding: { x, y, detail, order: { field: 'step', type: 'quantitative' } },
      },
      { transform: [{ filter: "datum.kind === 'step'" }], mark: { type: 'point', filled: true, size: 26, color: COLOURS.trajectory }, encoding: { x, y, detail, tooltip } },
      { transform: [{ filter: "datum.kind === 'step' && datum.selected === 1" }], mark: { type: 'point', filled: false, size: 190, strokeWidth: 2, color: COLOURS.rule }, encoding: { x, y, tooltip } },
      {
        transform: [{ filter: "datum.kind === 'box'" }],
        mark: { type: 'point', shape: 'diamond', filled: true, size: 150, color: COLOURS.fails, stroke: 'white', strokeWidth: 1 },
        encoding: { x, y, tooltip },
      },
      {
        transform: [{ filter: "datum.kind === 'box'" }],
        mark: { type: 'text', align: 'left', dx: 9, dy: -8, fontSize: 11, color: COLOURS.rule },
        encoding: { x, y, text: { field: 'label', type: 'nominal' } },
      },
    ],
  };
}
