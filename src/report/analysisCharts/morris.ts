/**
 * Morris screening: per input, μ* (the mean absolute elementary effect, how much the input
 * matters) beside σ (the spread of its effects, large where the effect depends on the other
 * inputs). Effects are per unit of the input's probability, so inputs with different units
 * compare.
 */
import type { SensitivityDoc } from '../analysisData.js';
import type { ChartTable, Row } from '../chartTable.js';
import { morrisSpec, MU_STAR, SIGMA } from '../specs/morris.js';
import { outcomeAxis, outcomeName, runsText, SENSITIVITY, type SensitivityChart } from './common.js';

export function morrisTable(d: SensitivityDoc): ChartTable {
  const rows: Row[] = [];
  d.morris!.effects.forEach((x, order) => {
    rows.push({ input: x.path, order, statistic: MU_STAR, value: x.muStar, mu: x.mu, effects: x.effects });
    rows.push({ input: x.path, order, statistic: SIGMA, value: x.sigma, mu: x.mu, effects: x.effects });
  });
  return { columns: ['input', 'order', 'statistic', 'value', 'mu', 'effects'], rows };
}

export const morrisChart: SensitivityChart = (d, name) => {
  const m = d.morris!;
  const table = morrisTable(d);
  return {
    name,
    section: SENSITIVITY,
    caption: `Morris screening: each input is stepped along ${m.trajectories} random trajectories through the input space, and each step’s change of the outcome is an elementary effect. μ* is the mean absolute effect (how much the input matters), σ the spread of its effects (large where the effect depends on the other inputs, through interactions or curvature). Effects are per unit of the input’s probability, so inputs with different units compare.`,
    table,
    spec: morrisSpec(table.rows, {
      subtitle: `${outcomeName(d)}: ${m.trajectories} trajectories, ${m.levels} levels, ${runsText(d)}`,
      xTitle: outcomeAxis(d, 'effect per unit of input probability', true),
    }),
  };
};
