/**
 * The calibrated inputs whose posterior particles are most correlated, a panel per pair with each
 * particle as a dot sized by its weight. A strong correlation means the data pin down a
 * combination of the two inputs rather than each alone.
 */
import { weightedCovariance } from '../../calibration/abcSmc.js';
import type { ParameterTable } from '../../montecarlo/sampling/table.js';
import type { ReportChart } from '../charts/chart.js';
import type { ChartTable, Row } from '../chartTable.js';
import { num } from '../format.js';
import { pairsSpec } from '../specs/pairs.js';
import { CALIBRATION } from './common.js';

/** Pairs drawn at most. */
export const PAIRS_DRAWN = 3;

export interface InputPair {
  /** Column indices into the table's paths. */
  i: number;
  j: number;
  /** Weighted Pearson correlation of the particles' values. */
  r: number;
}

/** The `count` pairs of inputs whose particles are most correlated (by |r|, weighted), strongest first. */
export function mostCorrelatedPairs(table: ParameterTable, count = PAIRS_DRAWN): InputPair[] {
  const weights = table.weights ?? table.rows.map(() => 1);
  const cov = weightedCovariance(table.rows, weights);
  // An input whose particles all agree has no correlation (its variance is rounding noise).
  const varies = table.paths.map((_, i) => table.rows.some((r) => r[i] !== table.rows[0][i]));
  const pairs: InputPair[] = [];
  for (let i = 0; i < table.paths.length; i++) {
    for (let j = i + 1; j < table.paths.length; j++) {
      if (!varies[i] || !varies[j]) continue;
      const r = cov[i][j] / Math.sqrt(cov[i][i] * cov[j][j]);
      if (Number.isFinite(r)) pairs.push({ i, j, r });
    }
  }
  // Ties keep the order of the columns, so the choice is the same every time.
  return pairs.sort((a, b) => Math.abs(b.r) - Math.abs(a.r) || a.i - b.i || a.j - b.j).slice(0, count);
}

export function pairsTable(table: ParameterTable, pairs: readonly InputPair[]): ChartTable {
  const rows: Row[] = [];
  pairs.forEach((p, order) => {
    const [a, b] = [table.paths[p.i], table.paths[p.j]];
    const pair = `x: ${a}\ny: ${b}\nr = ${num(p.r, 2)}`;
    table.rows.forEach((v, k) => rows.push({ pair, order, a, b, r: p.r, x: v[p.i], y: v[p.j], weight: table.weights![k] }));
  });
  return { columns: ['pair', 'order', 'a', 'b', 'r', 'x', 'y', 'weight'], rows };
}

/** The pairs chart of a posterior; none where no pair of inputs has a correlation (no two of them vary). */
export function pairsChart(posterior: ParameterTable, name: string): ReportChart | undefined {
  const pairs = mostCorrelatedPairs(posterior);
  if (pairs.length === 0) return undefined;
  const table = pairsTable(posterior, pairs);
  return {
    name,
    section: CALIBRATION,
    caption: `The ${pairs.length === 1 ? 'pair' : `${pairs.length} pairs`} of calibrated inputs whose posterior particles are most correlated (weighted Pearson r, strongest first): each dot a particle, larger and darker the more weight it carries. A strong correlation means the data pin down a combination of the two inputs rather than each alone, as when a higher output and a faster demand growth give the same rents.`,
    table,
    spec: pairsSpec(table.rows, `weighted correlations ${pairs.map((p) => num(p.r, 2)).join(', ')}`, pairs.length),
  };
}
