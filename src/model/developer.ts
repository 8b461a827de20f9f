/**
 * Model developers: their compute need, what they bid for it, and whether they build their own.
 *
 * Need grows at the archetype's rate (which may decay) with monthly noise, and splits into training
 * (urgent, bid at the higher limit) and inference (price-sensitive, the lower limit). Renting is
 * weighed against owning: owning costs the capex recovered over the chips' life at the developer's
 * cost of capital, plus opex, plus the cost of waiting out the vendor's lead time.
 */
import type { DeveloperArchetypeParams, Scenario } from '../scenario/schema.js';
import { truncate } from './arrays.js';
import { developerParams } from './params.js';
import { lognormalFactor, normal, type Rng } from './random.js';
import type { Developer, DeveloperKind, MarketState } from './state.js';
import { D0 } from './state.js';

export function createDeveloper(s: Scenario, kind: DeveloperKind, index: number, rng: Rng, rent: number): Developer {
  const p = developerParams(s, kind);
  const need = p.needRefGpus * lognormalFactor(rng, p.sizeDispersion);
  const wtp = lognormalFactor(rng, p.wtpDispersion);
  const runway = p.population ? p.population.fundingMonths * (0.25 + 1.5 * rng()) : 0;
  return {
    index,
    kind,
    active: true,
    need,
    logGrowthPerMonth: Math.log1p(p.needGrowthPerYear) / 12,
    trainingShare: p.trainingShare,
    wtpTraining: p.wtpTrainingCcyPerRefGpuHour * wtp,
    wtpInference: p.wtpInferenceCcyPerRefGpuHour * wtp,
    ownCohorts: [],
    ownRef: D0,
    ownPipelineRef: D0,
    funding: need * rent * s.hoursPerMonth * runway,
    contractedRef: D0,
    contractSpendPerHour: D0,
    spend: D0,
    servedRef: D0,
  };
}

/**
 * One month of need growth with log-normal noise. The log-growth rate shrinks by
 * `growthDecayPerYear` a year (`decayPerMonth` is its monthly factor, computed once per archetype);
 * the demand regime adds its own monthly log-growth (negative in a funding squeeze: need falls).
 */
export function growNeed(p: DeveloperArchetypeParams, decayPerMonth: number, regimeLogGrowth: number, d: Developer, rng: Rng): void {
  d.need *= Math.exp(d.logGrowthPerMonth + regimeLogGrowth + p.growthNoise * normal(rng));
  d.logGrowthPerMonth *= decayPerMonth;
  if (p.trainingShareDriftPerYear !== 0) {
    d.trainingShare = Math.min(1, Math.max(0, d.trainingShare + p.trainingShareDriftPerYear / 12));
  }
}

/** Retires own chips past their life and refreshes own capacity. */
export function refreshOwnCluster(s: Scenario, d: Developer, month: number): number {
  let retired = 0;
  let ref = 0;
  const cohorts = d.ownCohorts;
  let k = 0;
  for (let i = 0; i < cohorts.length; i++) {
    const c = cohorts[i];
    if (month - c.start >= c.lifeMonths) {
      retired += c.count;
      continue;
    }
    ref += c.count * s.generations[c.gen].perfRatio;
    cohorts[k++] = c;
  }
  truncate(cohorts, k);
  d.ownRef = ref;
  return retired;
}

/**
 * Rental quantity per unit of need at a rent: `(reference / rent) ^ elasticity`, held within 0.2 and
 * 5. Cheaper compute gets used more (longer training runs, more inference), dearer compute less.
 */
export function priceResponse(elasticity: number, referenceRent: number, rent: number): number {
  if (elasticity === 0 || rent <= 0 || referenceRent <= 0) return 1;
  return Math.min(5, Math.max(0.2, Math.pow(referenceRent / rent, elasticity)));
}

/** Rental demand not yet covered by the own cluster or by contracts, at the month's price response. */
export function rentalGap(d: Developer, response: number): number {
  return Math.max(0, d.need * response - d.ownRef - d.contractedRef);
}

export interface BuildOrder {
  gen: number;
  count: number;
}

/** Owning's cost per reference-GPU-hour of generation `gen`, including the wait for chips. */
export function ownCostPerRefHour(state: MarketState, d: Developer, gen: number): number {
  const s = state.scenario;
  const b = developerParams(s, d.kind).build!;
  const g = s.generations[gen];
  const capital = state.genPrice[gen] * (b.costOfCapital / 12 + 1 / b.lifeMonths);
  const perHour = (capital + b.opexCcyPerGpuMonth) / (g.perfRatio * s.hoursPerMonth);
  const wait = state.genLeadTime[gen] + s.vendor.shippingMonths + s.market.installMonths;
  return perHour * (1 + b.waitCostPerMonth * wait);
}

export function buildDecision(state: MarketState, d: Developer): BuildOrder | null {
  const s = state.scenario;
  const b = developerParams(s, d.kind).build;
  if (!b || !b.enabled || state.month < state.buildFrom[d.kind] || d.need < b.minNeedRefGpus) return null;
  let best = -1;
  let bestCost = Infinity;
  for (let g = 0; g < s.generations.length; g++) {
    if (!state.genAllowed[g] || state.genOutput[g] <= 0) continue;
    const c = ownCostPerRefHour(state, d, g);
    if (c < bestCost) {
      bestCost = c;
      best = g;
    }
  }
  if (best < 0 || state.view.spotRent <= bestCost) return null;
  const gapRef = Math.min(b.maxOwnShare * d.need - d.ownRef - d.ownPipelineRef, b.maxOrderShareOfNeed * d.need);
  const count = Math.floor(gapRef / s.generations[best].perfRatio);
  return count >= 1 ? { gen: best, count } : null;
}
