/**
 * Subsidised, policy-driven data-centre build-out (China's computing-power hubs): a state-backed
 * lessor orders GPUs on the programme's schedule whatever rents do, with the state paying its share
 * of the capex. It prices like an incumbent cloud and does not exit on losses, so the capacity it
 * builds can sit idle and weigh on rents.
 */
import { monthOffset } from './calendar.js';
import { createLessor } from './lessorFactory.js';
import { generationIndex, lessorParams } from './params.js';
import { INCUMBENT, type MarketState } from './state.js';
import { placeLessorOrder } from './vendor.js';

export function policyPhase(state: MarketState): void {
  const pb = state.scenario.policyBuild;
  if (!pb) return;
  const t = state.month;
  const from = monthOffset(state.scenario.start, pb.from);
  if (t < from || t >= from + pb.months) return;
  const gen = generationIndex(state.scenario, pb.generation);
  if (!state.genAllowed[gen]) return;
  let l = state.lessors.find((x) => x.policy && x.active);
  if (!l) {
    l = createLessor(state, INCUMBENT, []);
    l.policy = true;
    state.lessors.push(l);
    state.tally.entries++;
  }
  const p = lessorParams(state.scenario, INCUMBENT);
  // The state's share is a grant, so the lessor's cost per GPU is the rest; it borrows its usual
  // share of that, and its owners put in the equity when the order is placed.
  const cost = state.genPrice[gen] * (1 - pb.subsidyShare);
  const count = Math.round(pb.gpusPerMonth);
  const debtPerGpu = cost * p.debtShare;
  const equityPerGpu = cost - debtPerGpu;
  l.cash += count * equityPerGpu;
  l.flows.equityIn += count * equityPerGpu;
  placeLessorOrder(state, l, gen, count, cost, debtPerGpu, equityPerGpu, 0);
}
