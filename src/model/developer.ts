/**
 * Model developers: their compute need, what they bid for it, and whether they build their own.
 *
 * Need grows at the archetype's rate (which may decay) with monthly noise, and splits into training
 * (urgent, bid at the higher limit) and inference (price-sensitive, the lower limit). Inference
 * serves the models that were trained: it grows with deployed usage, which follows, over
 * `deployLagMonths`, the share of the training need that was served. Renting is
 * weighed against owning: owning costs the capex recovered over the chips' life at the developer's
 * cost of capital, plus opex, plus the cost of waiting out the vendor's lead time.
 */
import type { DeveloperArchetypeParams, Scenario } from '../scenario/schema.js';
import { truncate } from './arrays.js';
import { developerParams } from './params.js';
import { lognormalFactor, normal, type Rng } from './random.js';
import type { Developer, DeveloperKind, OwnCohort, VendorMonth } from './state.js';
import { D0 } from './state.js';
import { DeveloperColumns, DeveloperRow } from './developerColumns.js';

export function createDeveloper(s: Scenario, kind: DeveloperKind, index: number, rng: Rng, rent: number, columns = new DeveloperColumns()): Developer {
  const p = developerParams(s, kind);
  const need = p.needRefGpus * lognormalFactor(rng, p.sizeDispersion);
  const wtp = lognormalFactor(rng, p.wtpDispersion);
  const runway = p.population ? p.population.fundingMonths * (0.25 + 1.5 * rng()) : 0;
  const d = new DeveloperRow(columns, index, kind);
  d.need = need;
  d.scale = need;
  d.logGrowthPerMonth = Math.log1p(p.needGrowthPerYear) / 12;
  d.baseTrainingShare = p.trainingShare;
  d.deployed = 1;
  d.servedTrainingShare = 1;
  d.trainingShare = p.trainingShare;
  d.wtpTraining = p.wtpTrainingCcyPerRefGpuHour * wtp;
  d.wtpInference = p.wtpInferenceCcyPerRefGpuHour * wtp;
  d.wtpFunding = 1;
  // 0, not -0: the value a refresh of an empty cluster writes, and refreshes skip months with nothing due.
  d.ownRef = 0;
  d.ownPipelineRef = D0;
  d.funding = need * rent * s.hoursPerMonth * runway;
  d.contractedRef = D0;
  d.contractSpendPerHour = D0;
  d.offtakeRef = D0;
  d.spend = D0;
  d.servedRef = D0;
  return d;
}

/**
 * One month of need growth with log-normal noise. The log-growth rate shrinks by
 * `growthDecayPerYear` a year (`decayPerMonth` is its monthly factor, computed once per archetype);
 * the demand regime adds its own monthly log-growth (negative in a funding squeeze: need falls).
 * Deployment moves towards the share of last month's training need that was served over
 * `deployLagMonths`, and inference need with it.
 */
export function growNeed(p: DeveloperArchetypeParams, decayPerMonth: number, regimeLogGrowth: number, d: Developer, rng: Rng): void {
  d.scale *= Math.exp(d.logGrowthPerMonth + regimeLogGrowth + p.growthNoise * normal(rng));
  d.logGrowthPerMonth *= decayPerMonth;
  if (p.trainingShareDriftPerYear !== 0) {
    d.baseTrainingShare = Math.min(1, Math.max(0, d.baseTrainingShare + p.trainingShareDriftPerYear / 12));
  }
  d.deployed += (d.servedTrainingShare - d.deployed) / p.deployLagMonths;
  refreshNeed(d);
}

/** Steps a developer's scale of need by `factor` (a new demand wave: more compute per task). */
export function stepNeed(d: Developer, factor: number): void {
  d.scale *= factor;
  refreshNeed(d);
}

/** Need and its training share from the scale, the training share at full deployment, and deployment. */
function refreshNeed(d: Developer): void {
  const training = d.scale * d.baseTrainingShare;
  d.need = training + d.scale * (1 - d.baseTrainingShare) * d.deployed;
  d.trainingShare = d.need > 0 ? training / d.need : d.baseTrainingShare;
}

/**
 * Share of a developer's training need served this month: what it rented and ran on its own
 * cluster, against the training it wanted at the month's price response. Training is served first
 * (it bids the higher limit), so only a shortfall below the training need counts.
 */
export function servedTrainingShare(d: Developer, response: number): number {
  const wanted = d.need * response * d.trainingShare;
  return wanted > 0 ? Math.min(1, (d.servedRef + d.ownRef) / wanted) : 1;
}

/**
 * Chips delivered to a developer's own cluster: its own capacity grows by them at once. Added in
 * delivery order, so `ownRef` is the same sum, term by term, that `refreshOwnCluster` takes.
 */
export function addOwnCohort(s: Scenario, d: Developer, c: OwnCohort): void {
  d.ownCohorts.push(c);
  d.ownRef += c.count * s.generations[c.gen].perfRatio;
  d.ownNextRetirement = Math.min(d.ownNextRetirement, c.start + c.lifeMonths);
}

/**
 * Retires own chips past their life and sums own capacity afresh; before the first cohort is due
 * (`ownNextRetirement`) nothing changes. Returns the GPUs retired.
 */
export function refreshOwnCluster(s: Scenario, d: Developer, month: number): number {
  if (month < d.ownNextRetirement) return 0;
  let retired = 0;
  let ref = 0;
  let next = Infinity;
  const cohorts = d.ownCohorts;
  let k = 0;
  for (let i = 0; i < cohorts.length; i++) {
    const c = cohorts[i];
    if (month - c.start >= c.lifeMonths) {
      retired += c.count;
      continue;
    }
    ref += c.count * s.generations[c.gen].perfRatio;
    next = Math.min(next, c.start + c.lifeMonths);
    cohorts[k++] = c;
  }
  truncate(cohorts, k);
  d.ownRef = ref;
  d.ownNextRetirement = next;
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
export function ownCostPerRefHour(s: Scenario, vendor: VendorMonth, d: Developer, gen: number): number {
  const b = developerParams(s, d.kind).build!;
  const g = s.generations[gen];
  const capital = vendor.price[gen] * (b.costOfCapital / 12 + 1 / b.lifeMonths);
  const perHour = (capital + b.opexCcyPerGpuMonth) / (g.perfRatio * s.hoursPerMonth);
  const wait = vendor.leadTime[gen] + s.vendor.shippingMonths + s.market.installMonths;
  return perHour * (1 + b.waitCostPerMonth * wait);
}

/**
 * Whether a developer orders chips for its own cluster, and which: the generation that is cheapest
 * to own per unit of performance (wait included), when that is below the spot rent it pays. `open`
 * says whether its archetype may build yet.
 */
export function buildDecision(s: Scenario, vendor: VendorMonth, spotRent: number, open: boolean, d: Developer): BuildOrder | null {
  const b = developerParams(s, d.kind).build;
  if (!b || !b.enabled || !open || d.need < b.minNeedRefGpus) return null;
  let best = -1;
  let bestCost = Infinity;
  for (let g = 0; g < s.generations.length; g++) {
    if (!vendor.allowed[g] || vendor.output[g] <= 0) continue;
    const c = ownCostPerRefHour(s, vendor, d, g);
    if (c < bestCost) {
      bestCost = c;
      best = g;
    }
  }
  if (best < 0 || spotRent <= bestCost) return null;
  const gapRef = Math.min(b.maxOwnShare * d.need - d.ownRef - d.ownPipelineRef, b.maxOrderShareOfNeed * d.need);
  const count = Math.floor(gapRef / s.generations[best].perfRatio);
  return count >= 1 ? { gen: best, count } : null;
}
