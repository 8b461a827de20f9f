/** Creating lessors: the incumbents of the first month and the entrants that arrive later. */
import { addCohort, emptyFleetSummary } from './fleet.js';
import { lessorParams } from './params.js';
import { emptyFlows, type Cohort, type Lessor, type LessorKind, type MarketState } from './state.js';
import { D0 } from './state.js';

export function createLessor(state: MarketState, kind: LessorKind, cohorts: readonly Cohort[]): Lessor {
  const s = state.scenario;
  const p = lessorParams(s, kind);
  const nGen = s.generations.length;
  const l: Lessor = {
    index: state.lessors.length,
    kind,
    active: true,
    entryMonth: state.month,
    exitMonth: -1,
    cohorts: [],
    cash: D0,
    debt: D0,
    policy: false,
    // A new lessor prices each generation at the market, less its undercut.
    asks: state.view.spotByGen.map((x) => x * (1 - p.pricing.undercut)),
    expectedRent: state.view.spotByGen.slice(),
    rentTrend: new Float64Array(nGen),
    expectedUtilisation: state.view.utilisation,
    lastUtilisation: state.view.utilisation,
    utilisationByGen: new Float64Array(nGen).fill(state.view.utilisation),
    contractedByGen: keyRow(state, nGen),
    contractMoneyByGen: new Float64Array(nGen),
    revenueByGen: new Float64Array(nGen),
    negativeMonths: D0,
    idleMonths: D0,
    pipelineGpus: D0,
    committedEquity: D0,
    pipelineDebt: D0,
    pipelineValue: D0,
    wantGpus: D0,
    fleet: emptyFleetSummary(s.generations.length),
    capacityRef: D0,
    contractedRef: D0,
    contractRevenuePerHour: D0,
    contractPrepaidPerHour: D0,
    orders: [],
    flows: emptyFlows(0, 0),
  };
  for (const c of cohorts) addCohort(s, state.costs, l, c, state.month);
  return l;
}

/**
 * The next lessor's row of `contractedByKey`. When the array must grow, every lessor's row moves
 * to the new one.
 */
function keyRow(state: MarketState, nGen: number): Float64Array {
  const i = state.lessors.length;
  const need = (i + 1) * nGen;
  if (state.contractedByKey.length < need) {
    const grown = new Float64Array(Math.max(need, 2 * state.contractedByKey.length));
    grown.set(state.contractedByKey);
    state.contractedByKey = grown;
    for (const l of state.lessors) l.contractedByGen = grown.subarray(l.index * nGen, (l.index + 1) * nGen);
  }
  return state.contractedByKey.subarray(i * nGen, need);
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
