/**
 * A lessor's decision rules, as free functions. Each takes the lessor, its parameters (the
 * scenario and what follows from it, such as the cost table), the part of the market it can see
 * (last month's public prices, the vendor's month) and, where it draws, its random stream; none
 * reads the whole market state.
 *
 * Spot pricing: each month the ask for each generation jumps to last month's clearing price of
 * that generation, then moves with the lessor's own utilisation of it: up by at most `raiseStep`
 * when full, down by up to `cutStep` when idle (the full cut `fullCutShortfall` below the cut
 * threshold), never below the fleet's cash cost per hour. Entrants may undercut the market.
 *
 * Contract pricing: a term contract (a year) or a multi-year offtake is priced from the rent the
 * lessor expects over its term (its adaptive expectation, falling as the generation's purchase price
 * does), less the discount of its kind. Expectations lag the spot rent, so contract prices do too.
 *
 * Investment: the lessor forms adaptive expectations of each generation's rent and extrapolates the
 * recent trend over the delivery lag (lead time + shipping + installation). It orders the
 * generation with the best expected return when that beats its cost of capital plus a hurdle. It
 * counts its own pipeline but not its rivals': everyone reacting to the same high rents with the
 * same lag is what overshoots. While the queue is long it orders more than it needs (double
 * ordering); under an announced ban it stockpiles.
 */
import type { LessorArchetypeParams, PricingParams, Scenario } from '../scenario/schema.js';
import { cashCostPerGpuMonth } from './costs.js';
import { lessorParams } from './params.js';
import { normal, type Rng } from './random.js';
import type { CostTable, Lessor, PublicView, VendorMonth } from './state.js';

/**
 * Next month's spot ask per GPU-hour of one generation. `market` is last month's clearing price of
 * that generation, `utilisation` the lessor's own utilisation of it, `floor` its cash cost per hour,
 * `error` the lessor's multiplicative pricing error this month (1: none; see `pricingError`).
 */
export function nextSpotAsk(p: PricingParams, ask: number, market: number, utilisation: number, floor: number, error: number): number {
  const u = utilisation;
  let next: number;
  if (ask <= 0) next = market;
  else if (u >= p.raiseAboveUtilisation) {
    const headroom = 1 - p.raiseAboveUtilisation;
    next = Math.max(ask, market) * (1 + p.raiseStep * (headroom > 0 ? Math.min(1, (u - p.raiseAboveUtilisation) / headroom) : 1));
  } else if (u < p.cutBelowUtilisation) {
    next = Math.min(ask, market) * (1 - p.cutStep * Math.min(1, (p.cutBelowUtilisation - u) / p.fullCutShortfall));
  } else {
    next = market > 0 ? market : ask;
  }
  next *= error;
  if (p.undercut > 0 && market > 0) next = Math.min(next, market * (1 - p.undercut));
  return Math.max(next, floor);
}

/** A lessor's multiplicative pricing error for a month: log-normal with log-sd `noise`, from the standard normal `shock`. */
export const pricingError = (noise: number, shock: number): number => Math.exp(noise * shock);

/**
 * Mean of a rent over a term of `months`, relative to its level now, when it falls by
 * `declinePerYear` a year. A chip's rent follows what it costs to put a newer, cheaper one in its
 * place, so lessors expect a generation's rent to fall as its purchase price does, and a longer
 * term is priced lower.
 */
export function termMean(declinePerYear: number, months: number): number {
  const r = Math.pow(1 - declinePerYear, 1 / 12);
  return r === 1 ? 1 : (1 - Math.pow(r, months)) / (months * (1 - r));
}

/**
 * Contract price per GPU-hour: the spot rent expected over the term, less the discount. `termMean`
 * is the term's `termMean`; the expectation is the lessor's adaptive one, not extrapolated (a
 * month's trend says little about the next years).
 */
export const contractAsk = (expectedRent: number, termMean: number, discount: number): number => expectedRent * termMean * (1 - discount);

/** Factor by which a trend is extrapolated over `months`, held to a sane range. */
export function extrapolate(trendWeight: number, trend: number, months: number): number {
  return Math.min(4, Math.max(0.25, 1 + trendWeight * trend * months));
}

/** Adaptive expectation of a rent: moves a share `adaptation` of the way to the latest rent. */
export const adapt = (adaptation: number, expected: number, rent: number): number => expected + adaptation * (rent - expected);

/** A rent's relative change from the month before; 0 without a rent then. */
export const relativeChange = (rent: number, previousRent: number): number => (previousRent > 0 ? rent / previousRent - 1 : 0);

/** The smoothed monthly trend of a rent, adapted the same way to the latest month's `change` (see `relativeChange`). */
export const adaptTrend = (adaptation: number, trend: number, change: number): number => trend + adaptation * (change - trend);

/**
 * Prices every generation the lessor holds. The pricing error (`noise`, its pricing skill) is the
 * lessor's own that month, one draw for all its generations: it stands for how well the firm reads
 * the market, not for anything particular to one chip.
 */
export function updateAsks(p: PricingParams, costs: CostTable, view: PublicView, l: Lessor, rng: Rng): void {
  const spot = view.spotByGen;
  const floor = costs.floorPerHour[l.kind];
  const error = p.noise > 0 && l.fleet.gpus > 0 ? pricingError(p.noise, normal(rng)) : 1;
  for (let g = 0; g < l.asks.length; g++) {
    if (l.fleet.byGeneration[g] <= 0) {
      l.asks[g] = 0;
      continue;
    }
    l.asks[g] = nextSpotAsk(p, l.asks[g], spot[g], l.utilisationByGen[g], floor[g], error);
  }
}

/** Adaptive expectations of every generation's rent and of the lessor's utilisation. */
export function updateExpectations(adaptation: number, view: PublicView, l: Lessor): void {
  const a = adaptation;
  const { spotByGen, spotChangeByGen } = view;
  for (let g = 0; g < l.expectedRent.length; g++) {
    l.expectedRent[g] = adapt(a, l.expectedRent[g], spotByGen[g]);
    l.rentTrend[g] = adaptTrend(a, l.rentTrend[g], spotChangeByGen[g]);
  }
  l.expectedUtilisation += a * (l.lastUtilisation - l.expectedUtilisation);
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

/** Buyers do not join a queue that would keep them waiting longer than this. */
export const MAX_QUEUE_MONTHS = 24;

/**
 * Expected yearly return on a GPU of generation `gen` bought now, net of straight-line recovery,
 * spread over the months the capital waits for delivery as well as the GPU's life: a long queue
 * makes a generation less attractive than its rent alone would.
 */
export function expectedReturn(s: Scenario, costs: CostTable, vendor: VendorMonth, l: Lessor, gen: number): number {
  const p = lessorParams(s, l.kind);
  const delay = vendor.leadTime[gen] + s.vendor.shippingMonths + s.market.installMonths;
  const rent = l.expectedRent[gen] * extrapolate(p.expectations.trendWeight, l.rentTrend[gen], delay);
  const u = Math.min(1, Math.max(0, l.expectedUtilisation));
  const priceMix = 1 - p.contractShare * s.market.contractDiscount;
  const revenue = rent * s.hoursPerMonth * u * priceMix;
  const margin = revenue * (1 - p.overheadShareOfRevenue) - cashCostPerGpuMonth(costs, l.kind, gen, u);
  const price = vendor.price[gen];
  const life = p.depreciationMonths;
  return ((12 * margin) / price - 12 / life) * (life / (life + delay));
}

export function bestGeneration(s: Scenario, costs: CostTable, vendor: VendorMonth, l: Lessor): { gen: number; ret: number } | null {
  let gen = -1;
  let best = 0;
  for (let g = 0; g < s.generations.length; g++) {
    if (!vendor.allowed[g] || vendor.output[g] <= 0 || vendor.leadTime[g] > MAX_QUEUE_MONTHS) continue;
    const ret = expectedReturn(s, costs, vendor, l, g);
    if (gen < 0 || ret > best) {
      gen = g;
      best = ret;
    }
  }
  return gen < 0 ? null : { gen, ret: best };
}

/** Splits a purchase of `count` GPUs at `price` into debt and equity within the lessor's limits. */
export function finance(p: LessorArchetypeParams, l: Lessor, bookValue: number, count: number, price: number): { count: number; debtPerGpu: number; equityPerGpu: number } {
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

/** Double ordering stops at ordering twice what is needed. */
const MAX_ORDER_INFLATION = 1;

/**
 * How much more than its need a buyer orders: double ordering grows with the months of queue above
 * normal (up to twice the need), and an announced ban adds a stockpile.
 */
export function orderMultiplier(inflationPerLeadMonth: number, leadTimeMonths: number, normalLeadMonths: number, stockpileShare: number, preBan: boolean): number {
  const inflation = Math.min(MAX_ORDER_INFLATION, inflationPerLeadMonth * Math.max(0, leadTimeMonths - normalLeadMonths));
  return (1 + inflation) * (preBan ? 1 + stockpileShare : 1);
}

/** The lessor's wanted addition to its fleet, reference GPUs, before financing (negative: its pipeline is more than it wants). */
function wantedRef(s: Scenario, l: Lessor, gen: number, excess: number, multiplier: number): number {
  const p = lessorParams(s, l.kind);
  return l.capacityRef * p.investment.aggressiveness * excess * multiplier - l.pipelineGpus * s.generations[gen].perfRatio;
}

export interface InvestmentDecision {
  /** The order to place (count 0: wanted but not financeable), or null when no order is wanted. */
  intent: InvestmentIntent | null;
  /**
   * Reference GPUs on order that the lessor no longer wants: all of them when no generation beats
   * its hurdle any more, else what its pipeline holds beyond its wanted addition.
   */
  surplusRef: number;
}

export function investmentDecision(s: Scenario, costs: CostTable, vendor: VendorMonth, l: Lessor, bookValue: number, fleetGpus: number): InvestmentDecision {
  const p = lessorParams(s, l.kind);
  const best = bestGeneration(s, costs, vendor, l);
  if (best === null) return { intent: null, surplusRef: l.pipelineGpus };
  const g = s.generations[best.gen];
  const excess = best.ret - (p.costOfCapital + p.investment.hurdleSpread);
  if (excess <= 0) return { intent: null, surplusRef: l.pipelineGpus * g.perfRatio };
  const v = s.vendor;
  const multiplier = orderMultiplier(v.orderInflationPerLeadMonth, vendor.leadTime[best.gen], v.normalLeadTimeMonths, v.stockpileShare, vendor.preBan[best.gen] === 1);
  const wanted = wantedRef(s, l, best.gen, excess, multiplier);
  const want = Math.floor(wanted / g.perfRatio);
  if (want < p.investment.minOrderGpus) return { intent: null, surplusRef: Math.max(0, -wanted) };
  const cap = Math.floor(p.investment.maxOrderShareOfFleet * multiplier * Math.max(fleetGpus, p.investment.minOrderGpus * 10));
  const price = vendor.price[best.gen];
  const financed = finance(p, l, bookValue, Math.min(want, cap), price);
  const count = financed.count >= p.investment.minOrderGpus ? financed.count : 0;
  const intent = { gen: best.gen, count, pricePerGpu: price, debtPerGpu: financed.debtPerGpu, equityPerGpu: financed.equityPerGpu, unmet: want - count };
  return { intent, surplusRef: 0 };
}
