/**
 * A thesis at a glance: per claim, P(claim) as a dot coloured by its verdict, the 95 % Wilson
 * interval as a bar, and the required probability as a black tick. A claim holds where the whole
 * bar lies right of its tick, and fails where it lies left of it.
 *
 * Rows: claim, order, probability, lower, upper, require, verdict, successes, trials.
 */
import type { Row } from '../chartTable.js';
import { COLOURS, ROW_LABEL_LIMIT, rowsWidth, topLevel, type Spec } from './common.js';

export const VERDICTS = ['holds', 'undecided', 'fails'] as const;

export function thesisClaimsSpec(rows: Row[], subtitle: string): Spec {
  const y = { field: 'claim', type: 'nominal' as const, sort: null, title: null, axis: { labelLimit: ROW_LABEL_LIMIT, labelFontSize: 11.5 } };
  const x = (field: string) => ({ field, type: 'quantitative' as const, title: 'P(claim)', scale: { domain: [0, 1] }, axis: { format: '.1f', tickCount: 10 } });
  const tooltip = [
    { field: 'claim', type: 'nominal' as const, title: 'claim' },
    { field: 'probability', type: 'quantitative' as const, title: 'P(claim)', format: '.3f' },
    { field: 'lower', type: 'quantitative' as const, title: '95 % from', format: '.3f' },
    { field: 'upper', type: 'quantitative' as const, title: '95 % to', format: '.3f' },
    { field: 'require', type: 'quantitative' as const, title: 'required' },
    { field: 'verdict', type: 'nominal' as const, title: 'verdict' },
  ];
  return {
    ...topLevel('Theses: P(claim) against the required probability', subtitle),
    width: rowsWidth(rows.map((r) => r.claim)),
    height: { step: 30 },
    data: { values: rows },
    layer: [
      {
        mark: { type: 'rule', color: COLOURS.interval, strokeWidth: 2.5 },
        encoding: { y, x: x('lower'), x2: { field: 'upper' }, tooltip },
      },
      {
        mark: { type: 'tick', color: COLOURS.rule, thickness: 2.5, size: 20 },
        encoding: { y, x: x('require'), tooltip },
      },
      {
        transform: [{ filter: 'isValid(datum.probability)' }],
        mark: { type: 'point', filled: true, size: 90, opacity: 1, stroke: 'white', strokeWidth: 1 },
        encoding: {
          y,
          x: x('probability'),
          color: { field: 'verdict', type: 'nominal', scale: { domain: [...VERDICTS], range: [COLOURS.holds, COLOURS.undecided, COLOURS.fails] }, legend: { title: 'verdict' } },
          tooltip,
        },
      },
    ],
  };
}
