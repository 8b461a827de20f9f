/**
 * Each calibrated input's prior against its posterior: per input a panel of the posterior
 * particles' weight in equal bins and the prior's probability in the same bins, each panel on its
 * own scale. A posterior narrower than its prior is what the observed data taught; one that looks
 * like its prior means the data say little about the input.
 */
import type { CalibrationDoc } from '../calibrationData.js';
import type { ReportChart } from '../charts/chart.js';
import type { ChartTable, Row } from '../chartTable.js';
import { num } from '../format.js';
import { marginalsSpec } from '../specs/marginals.js';
import { quantile, type Distribution } from '../../montecarlo/sampling/distributions.js';
import type { ParameterTable } from '../../montecarlo/sampling/table.js';
import { CALIBRATION } from './common.js';

/** Bins of a marginal panel. */
export const MARGINAL_BINS = 20;
/** Evenly spaced quantiles of the prior that make its histogram. */
const PRIOR_QUANTILES = 2000;

export interface MarginalBin {
  binStart: number;
  binEnd: number;
  /** The prior's probability in the bin. */
  prior: number;
  /** The posterior particles' share of weight in the bin. */
  posterior: number;
}

/** Where a prior's histogram is drawn: its support where it is bounded, else its P0.5–P99.5. */
function priorRange(d: Distribution): [number, number] {
  const q = (u: number) => quantile(d, u);
  switch (d.dist) {
    case 'uniform':
    case 'logUniform':
    case 'triangular':
    case 'beta':
      return [d.min, d.max];
    case 'normal':
      return [d.min ?? q(0.005), d.max ?? q(0.995)];
    case 'choice':
      return [Math.min(...d.values), Math.max(...d.values)];
    default:
      return [q(0.005), q(0.995)];
  }
}

/**
 * Equal bins over the prior's range (priorRange) and every particle, with the prior's mass in
 * each (from evenly spaced quantiles: no random draws, the same bins every time) and the weighted
 * particles'. What lies beyond the ends is counted in the end bins, so both sum to 1.
 */
export function marginalBins(prior: Distribution, xs: readonly number[], weights: readonly number[], bins = MARGINAL_BINS): MarginalBin[] {
  const u = Array.from({ length: PRIOR_QUANTILES }, (_, k) => (k + 0.5) / PRIOR_QUANTILES);
  const priorValues = u.map((p) => quantile(prior, p));
  const [from, to] = priorRange(prior);
  let lo = Math.min(from, ...xs);
  let hi = Math.max(to, ...xs);
  if (!(hi > lo)) {
    const pad = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  const width = (hi - lo) / bins;
  const at = (x: number) => Math.min(bins - 1, Math.max(0, Math.floor((x - lo) / width)));
  const out: MarginalBin[] = Array.from({ length: bins }, (_, b) => ({ binStart: lo + b * width, binEnd: b === bins - 1 ? hi : lo + (b + 1) * width, prior: 0, posterior: 0 }));
  for (const x of priorValues) out[at(x)].prior += 1 / PRIOR_QUANTILES;
  const total = weights.reduce((a, w) => a + w, 0);
  xs.forEach((x, i) => (out[at(x)].posterior += weights[i] / total));
  return out;
}

export function marginalsTable(d: CalibrationDoc, posterior: ParameterTable): ChartTable {
  const rows: Row[] = [];
  d.inputs.forEach((input, order) => {
    const column = posterior.paths.indexOf(input.path);
    const xs = posterior.rows.map((r) => r[column]);
    for (const b of marginalBins(input.prior, xs, posterior.weights!)) rows.push({ input: input.path, order, ...b, binMid: (b.binStart + b.binEnd) / 2 });
  });
  return { columns: ['input', 'order', 'binStart', 'binEnd', 'binMid', 'prior', 'posterior'], rows };
}

export function marginalsChart(d: CalibrationDoc, posterior: ParameterTable, name: string): ReportChart {
  const table = marginalsTable(d, posterior);
  const last = d.generations[d.generations.length - 1];
  return {
    name,
    section: CALIBRATION,
    caption: `For each calibrated input, the share of the posterior’s weight in each of ${MARGINAL_BINS} equal bins (bars) and the prior’s probability in the same bins (shaded curve), each panel on its own scale. A posterior narrower than its prior is what the observed data taught; one that looks like its prior means the data say little about the input.`,
    table,
    spec: marginalsSpec(table.rows, `${posterior.rows.length} particles of generation ${last?.generation ?? 0}, effective sample size ${last === undefined ? 'n/a' : num(last.ess)}`),
  };
}
