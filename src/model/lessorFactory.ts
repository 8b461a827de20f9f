/** Creating lessors: the incumbents of the first month and the entrants that arrive later. */
import { addCohort, NEVER } from './fleet.js';
import { lessorParams } from './params.js';
import type { Cohort, LessorKind, LessorRows, MarketState } from './state.js';
import { attachRow, LESSOR_NUMBERS, LessorRecord } from './lessorNumbers.js';

export function createLessor(state: MarketState, kind: LessorKind, cohorts: readonly Cohort[]): LessorRecord {
  const s = state.scenario;
  const p = lessorParams(s, kind);
  const nGen = s.generations.length;
  const row = lessorRow(state, nGen);
  // A new lessor prices each generation at the market, less its undercut.
  for (let g = 0; g < nGen; g++) {
    row.asks[g] = state.view.spotByGen[g] * (1 - p.pricing.undercut);
    row.expectedRent[g] = state.view.spotByGen[g];
  }
  row.utilisation.fill(state.view.utilisation);
  const l = new LessorRecord(state.lessors.length, kind, state.month, row, state.view.utilisation, NEVER);
  for (const c of cohorts) addCohort(s, state.costs, l, c, state.month);
  return l;
}

/** A lessor's views of its row of every `LessorRows` array. */
function views(rows: LessorRows, index: number, nGen: number): LessorRows {
  const row = {} as LessorRows;
  for (const name of BY_GENERATION) row[name] = rows[name].subarray(index * nGen, (index + 1) * nGen);
  row.numbers = rows.numbers.subarray(index * LESSOR_NUMBERS, (index + 1) * LESSOR_NUMBERS);
  return row;
}

const BY_GENERATION = ['asks', 'expectedRent', 'rentTrend', 'utilisation', 'contracted', 'contractMoney', 'revenue', 'installed'] as const;
const ROW_NAMES = [...BY_GENERATION, 'numbers'] as const;

/** Rows grow to at least this many lessors: each growth re-points every lessor. */
const MIN_ROWS = 64;

/**
 * The next lessor's row, all zeros. When the arrays must grow they double, and every lessor's
 * views move to the new ones.
 */
function lessorRow(state: MarketState, nGen: number): LessorRows {
  const i = state.lessors.length;
  const need = (i + 1) * nGen;
  const rows = state.lessorRows;
  if (rows.asks.length < need) {
    allotRows(rows, Math.max(i + 1, (2 * rows.asks.length) / nGen, MIN_ROWS), nGen);
    for (const l of state.lessors) attachRow(l, views(rows, l.index, nGen));
  }
  return views(rows, i, nGen);
}

/**
 * Moves every array of `rows` into a new block with room for `lessors` lessors: one allocation
 * outside V8's heap where an array each would be nine.
 */
function allotRows(rows: LessorRows, lessors: number, nGen: number): void {
  const block = new Float64Array(lessors * (BY_GENERATION.length * nGen + LESSOR_NUMBERS));
  let at = 0;
  for (const name of ROW_NAMES) {
    const grown = block.subarray(at, (at += lessors * (name === 'numbers' ? LESSOR_NUMBERS : nGen)));
    if (rows[name] !== undefined) grown.set(rows[name]);
    rows[name] = grown;
  }
}

/**
 * Rows for a market without lessors yet, with room for `lessors` of them: as many as the scenario
 * can hold, so that the rows never grow mid-run, where growing re-points every lessor.
 */
export function emptyLessorRows(lessors: number, nGen: number): LessorRows {
  const rows = {} as LessorRows;
  allotRows(rows, lessors, nGen);
  return rows;
}

/** The generation an entrant orders: the most reference compute per unit of money it may buy. */
export function bestGenerationForEntry(state: MarketState): number {
  const gens = state.scenario.generations;
  let best = -1;
  let bestValue = 0;
  for (let g = 0; g < gens.length; g++) {
    if (!state.genAllowed[g] || state.genOutput[g] <= 0) continue;
    const value = gens[g].perfRatio / state.genPrice[g];
    if (value > bestValue) {
      bestValue = value;
      best = g;
    }
  }
  return best;
}
