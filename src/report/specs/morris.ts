/**
 * Morris elementary effects: for each input, μ* (the mean absolute effect: how much the input
 * matters) and σ (the spread of its effects: how much that depends on the other inputs, through
 * interactions or curvature), side by side, ranked by μ*.
 *
 * Rows: input, order, statistic, value, mu, effects.
 */
import type { Row } from '../chartTable.js';
import { COLOURS, ROW_LABEL_LIMIT, rowsWidth, topLevel, type Spec } from './common.js';

export const MU_STAR = 'μ* mean absolute effect';
export const SIGMA = 'σ spread of the effects';

export function morrisSpec(rows: Row[], o: { subtitle: string; xTitle: string }): Spec {
  return {
    ...topLevel('Morris screening: elementary effects of each input', o.subtitle),
    width: rowsWidth(rows.map((r) => r.input)),
    height: { step: 40, for: 'position' },
    data: { values: rows },
    transform: [{ filter: 'isValid(datum.value)' }],
    mark: { type: 'bar', height: { band: 0.9 } },
    encoding: {
      y: { field: 'input', type: 'nominal', sort: null, title: null, scale: { paddingInner: 0.3 }, axis: { labelLimit: ROW_LABEL_LIMIT } },
      yOffset: { field: 'statistic', type: 'nominal', scale: { domain: [MU_STAR, SIGMA] } },
      x: { field: 'value', type: 'quantitative', title: o.xTitle, scale: { zero: true }, axis: { format: ',.3~r' } },
      color: { field: 'statistic', type: 'nominal', scale: { domain: [MU_STAR, SIGMA], range: [COLOURS.muStar, COLOURS.sigma] }, legend: { title: null } },
      tooltip: [
        { field: 'input', type: 'nominal', title: 'input' },
        { field: 'statistic', type: 'nominal', title: 'statistic' },
        { field: 'value', type: 'quantitative', title: 'value', format: ',.4~r' },
        { field: 'mu', type: 'quantitative', title: 'μ (signed mean)', format: ',.4~r' },
        { field: 'effects', type: 'quantitative', title: 'effects' },
      ],
    },
  };
}
