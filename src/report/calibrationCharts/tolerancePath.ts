/**
 * The tolerance path of a calibration: each generation's tolerance on the left axis, and its
 * acceptance rate and effective sample size as a share of the particles on the right. A tolerance
 * that stops falling, or an acceptance rate near the floor, is where more generations stop paying.
 */
import type { CalibrationDoc } from '../calibrationData.js';
import type { ReportChart } from '../charts/chart.js';
import type { ChartTable, Row } from '../chartTable.js';
import { num, pct } from '../format.js';
import { ACCEPTANCE, ESS_SHARE, tolerancePathSpec } from '../specs/tolerancePath.js';
import { CALIBRATION } from './common.js';

export function toleranceTable(d: CalibrationDoc): ChartTable {
  const rows: Row[] = [];
  for (const g of d.generations) {
    const common = { generation: g.generation, proposed: g.proposed, accepted: g.accepted, ess: g.ess, runs: g.runs };
    if (g.tolerance !== null) rows.push({ kind: 'tolerance', series: 'tolerance', value: g.tolerance, ...common });
    rows.push({ kind: 'share', series: ACCEPTANCE, value: g.acceptanceRate, ...common });
    rows.push({ kind: 'share', series: ESS_SHARE, value: d.method.particles > 0 ? Math.min(1, g.ess / d.method.particles) : null, ...common });
  }
  return { columns: ['kind', 'series', 'generation', 'value', 'proposed', 'accepted', 'ess', 'runs'], rows };
}

export function toleranceChart(d: CalibrationDoc, name: string): ReportChart {
  const table = toleranceTable(d);
  const last = d.generations[d.generations.length - 1];
  const subtitle =
    last === undefined
      ? 'no generation'
      : `${d.generations.length} generation${d.generations.length === 1 ? '' : 's'}, ${d.runs} runs; last: tolerance ${last.tolerance === null ? 'none (prior)' : num(last.tolerance)}, acceptance ${pct(last.acceptanceRate)}`;
  return {
    name,
    section: CALIBRATION,
    caption:
      'Each generation accepts the particles whose runs come within its tolerance of the observations (left axis, in units of each point’s error; generation 0 is the prior’s draw and has none). The acceptance rate is the share of proposals accepted; the effective sample size (ESS) says how many equally weighted particles the weights are worth, here as a share of the particles (right axis). A tolerance that stops falling, or an acceptance rate near the floor, is where more generations stop paying.',
    table,
    spec: tolerancePathSpec(table.rows, subtitle),
  };
}
