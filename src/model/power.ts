/**
 * Power and data-centre space as a second bottleneck on installing GPUs. The region has a stock of
 * ready power (kW of IT load) that grows along the scenario's build rate; installed lessor fleets
 * use it. While shipments wait for power, extra capacity is commissioned and comes on line after
 * the power lead time. Without a `power` section nothing waits.
 */
import type { MarketState } from './state.js';

export const kwPerMw = (mw: number): number => mw * 1000;

/** Power used by every active lessor's installed fleet, kW. */
export function powerUsedKw(state: MarketState): number {
  let kw = 0;
  for (const l of state.lessors) if (l.active) kw += l.fleet.kw;
  return kw;
}

/** Scheduled build of the month (kW), growing yearly from the scenario's starting rate. */
export function scheduledBuildKw(buildMwPerMonth: number, growthPerYear: number, month: number): number {
  return kwPerMw(buildMwPerMonth) * Math.pow(1 + growthPerYear, month / 12);
}

/** This month's scheduled build and the capacity commissioned earlier come on line. */
export function powerPhase(state: MarketState): void {
  const p = state.scenario.power!;
  const t = state.month;
  state.powerCapacityKw += state.powerArrivals[t] + (t > 0 ? scheduledBuildKw(p.buildMwPerMonth, p.buildGrowthPerYear, t) : 0);
}

/** Shipments are waiting for power: the month's response build is commissioned, ready after the lead time. */
export function commissionPower(state: MarketState): void {
  const p = state.scenario.power!;
  const at = state.month + Math.max(1, p.leadMonths);
  if (at < state.powerArrivals.length) state.powerArrivals[at] += kwPerMw(p.responseMwPerMonth);
}
