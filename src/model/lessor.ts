/**
 * A lessor's decision rules and cost arithmetic, as free functions over its record.
 *
 * Pricing: the ask moves with the lessor's own utilisation last month (raise when full, cut when
 * idle), with a small idiosyncratic error, never below the fleet's cash cost per hour. Entrants
 * may undercut the market index to win share.
 *
 * Investment: the lessor forms adaptive expectations of rent and utilisation and extrapolates the
 * recent rent trend over the delivery lag (lead time + shipping + installation). It orders when the
 * expected return on a GPU beats its cost of capital plus a hurdle. It counts its own pipeline but
 * not its rivals': everyone reacting to the same high rents with the same lag is what overshoots.
 */
import type { LessorArchetypeParams, Scenario } from '../scenario/schema.js';
import { cashCostPerGpuMonth } from './costs.js';
import { cashFloorPerRefHour } from './fleet.js';
import { lessorParams } from './params.js';
import { normal, type Rng } from './random.js';
import type { Lessor, MarketState } from './state.js';

/** Utilisation shortfall below the cut threshold at which the lessor cuts by its full step. */
const FULL_CUT_SHORTFALL = 0.25;

export function updateAsk(state: MarketState, l: Lessor, marketRent: number, rng: Rng): void {
  const s = state.scenario;
  const p = lessorParams(s, l.kind).pricing;
  const u = l.lastUtilisation;
  let ask = l.ask;
  if (u >= p.raiseAboveUtilisation) {
    const headroom = 1 - p.raiseAboveUtilisation;
    ask *= 1 + p.raiseStep * (headroom > 0 ? Math.min(1, (u - p.raiseAboveUtilisation) / headroom) : 1);
  } else if (u < p.cutBelowUtilisation) {
    ask *= 1 - p.cutStep * Math.min(1, (p.cutBelowUtilisation - u) / FULL_CUT_SHORTFALL);
  }
  if (p.noise > 0) ask *= Math.exp(p.noise * normal(rng));
  if (p.undercut > 0 && marketRent > 0) ask = Math.min(ask, marketRent * (1 - p.undercut));
  l.ask = Math.max(ask, cashFloorPerRefHour(s, l));
}

/** Adaptive expectations of rent and utilisation, and a smoothed trend of the rent. */
export function updateExpectations(s: Scenario, l: Lessor, rent: number, previousRent: number): void {
  const e = lessorParams(s, l.kind).expectations;
  const a = e.adaptation;
  l.expectedRent += a * (rent - l.expectedRent);
  l.expectedUtilisation += a * (l.lastUtilisation - l.expectedUtilisation);
  const change = previousRent > 0 ? rent / previousRent - 1 : 0;
  l.rentTrend += a * (change - l.rentTrend);
}

export interface InvestmentIntent {
  gen: number;
  count: number;
  pricePerGpu: number;
  debtPerGpu: number;
  equityPerGpu: number;
  /** GPUs wanted beyond what was ordered (financing or size caps bound). */
  unmet: number;
}

/** Expected yearly return on a GPU of generation `gen` bought now, net of straight-line recovery. */
export function expectedReturn(state: MarketState, l: Lessor, gen: number): number {
  const s = state.scenario;
  const p = lessorParams(s, l.kind);
  const g = s.generations[gen];
  const delay = state.genLeadTime[gen] + s.vendor.shippingMonths + s.market.installMonths;
  const extrapolation = Math.min(4, Math.max(0.25, 1 + p.expectations.trendWeight * l.rentTrend * delay));
  const rent = l.expectedRent * extrapolation;
  const u = Math.min(1, Math.max(0, l.expectedUtilisation));
  const priceMix = 1 - p.contractShare * s.market.contractDiscount;
  const revenue = rent * g.perfRatio * s.hoursPerMonth * u * priceMix;
  const margin = revenue * (1 - p.overheadShareOfRevenue) - cashCostPerGpuMonth(state.costs, l.kind, gen, u);
  const price = state.genPrice[gen];
  return (12 * margin) / price - 12 / p.depreciationMonths;
}

export function bestGeneration(state: MarketState, l: Lessor): { gen: number; ret: number } | null {
  let gen = -1;
  let best = 0;
  for (let g = 0; g < state.scenario.generations.length; g++) {
    if (!state.genAllowed[g] || state.genOutput[g] <= 0) continue;
    const ret = expectedReturn(state, l, g);
    if (gen < 0 || ret > best) {
      gen = g;
      best = ret;
    }
  }
  return gen < 0 ? null : { gen, ret: best };
}

/** Splits a purchase of `count` GPUs at `price` into debt and equity within the lessor's limits. */
export function finance(
  p: LessorArchetypeParams,
  l: Lessor,
  bookValue: number,
  count: number,
  price: number,
): { count: number; debtPerGpu: number; equityPerGpu: number } {
  if (count <= 0) return { count: 0, debtPerGpu: 0, equityPerGpu: price };
  const cost = count * price;
  const room = p.maxDebtToAssets * (bookValue + l.pipelineValue + cost) - l.debt - l.pipelineDebt;
  const debt = Math.max(0, Math.min(p.debtShare * cost, room));
  const debtPerGpu = debt / count;
  const equityPerGpu = price - debtPerGpu;
  const cashFree = l.cash - l.committedEquity;
  const affordable = equityPerGpu > 0 ? Math.floor(Math.max(0, cashFree) / equityPerGpu) : count;
  return { count: Math.min(count, affordable), debtPerGpu, equityPerGpu };
}

export function investmentIntent(state: MarketState, l: Lessor, bookValue: number, fleetGpus: number): InvestmentIntent | null {
  const s = state.scenario;
  const p = lessorParams(s, l.kind);
  const best = bestGeneration(state, l);
  if (best === null) return null;
  const excess = best.ret - (p.costOfCapital + p.investment.hurdleSpread);
  if (excess <= 0) return null;
  const g = s.generations[best.gen];
  const fleetRef = l.capacityRef;
  const pipelineRef = l.pipelineGpus * g.perfRatio;
  const wantRef = fleetRef * p.investment.aggressiveness * excess - pipelineRef;
  const want = Math.floor(wantRef / g.perfRatio);
  if (want < p.investment.minOrderGpus) return null;
  const cap = Math.floor(p.investment.maxOrderShareOfFleet * Math.max(fleetGpus, p.investment.minOrderGpus * 10));
  const price = state.genPrice[best.gen];
  const financed = finance(p, l, bookValue, Math.min(want, cap), price);
  const count = financed.count >= p.investment.minOrderGpus ? financed.count : 0;
  return {
    gen: best.gen,
    count,
    pricePerGpu: price,
    debtPerGpu: financed.debtPerGpu,
    equityPerGpu: financed.equityPerGpu,
    unmet: want - count,
  };
}
