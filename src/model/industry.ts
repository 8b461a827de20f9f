/**
 * Entry and exit. Lessors leave when insolvent, after sustained negative cash margins, or
 * when they have sat a year with neither GPUs nor orders. Their GPUs go to a secondary market at a
 * discount to remaining book value: active lessors that still want capacity buy them (lowest index
 * first, an identity rather than a list position), the rest are scrapped. Firms from other
 * industries enter with a probability that rises with trailing industry margins and with hype.
 * Developers funded by hype enter and leave with it.
 */
import { requireAtMost } from './divergence.js';
import { truncate } from './arrays.js';
import { addCohort, removeAll } from './fleet.js';
import { finance } from './lessor.js';
import { addDeveloper, updateTranches } from './tranches.js';
import { developerParams, lessorParams } from './params.js';
import { lognormalFactor, poisson } from './random.js';
import { cancelShipmentsTo } from './supply.js';
import { DEVELOPER_KINDS, ENTRANT } from './kinds.js';
import type { Cohort, Developer, Lessor, MarketState } from './state.js';
import { bestGenerationForEntry, createLessor } from './lessorFactory.js';
import { cancelLessorOrders, placeLessorOrder } from './vendor.js';

interface UsedLot {
  seller: Lessor;
  cohort: Cohort;
}

function shouldExit(state: MarketState, l: Lessor): boolean {
  const p = lessorParams(state.scenario, l.kind);
  if (l.policy) return l.idleMonths >= 12;
  return l.cash < 0 || l.negativeMonths >= p.exitAfterNegativeMonths || l.idleMonths >= 12;
}

function leave(state: MarketState, l: Lessor, lots: UsedLot[]): void {
  l.active = false;
  l.exitMonth = state.month;
  state.tally.exits++;
  cancelLessorOrders(state, l);
  cancelShipmentsTo(state, l);
  state.leftLessors.push(l.index);
  for (const c of removeAll(l)) lots.push({ seller: l, cohort: c });
}

/** Price of a used GPU: a share of its remaining book value. */
function usedPrice(state: MarketState, c: Cohort): number {
  const remaining = Math.max(0, 1 - (state.month - c.start) / c.lifeMonths);
  return state.scenario.market.secondaryPriceShare * c.costPerGpu * remaining;
}

function secondaryMarket(state: MarketState, lots: UsedLot[]): void {
  const s = state.scenario;
  const buyers = state.lessors.filter((l) => l.active && l.wantGpus > 0);
  for (const lot of lots) {
    const { cohort, seller } = lot;
    const life = cohort.lifeMonths - (state.month - cohort.start);
    const price = usedPrice(state, cohort);
    let left = cohort.count;
    for (const b of buyers) {
      if (left <= 0 || life < 1) break;
      if (b.wantGpus <= 0) continue;
      const p = lessorParams(s, b.kind);
      const book = b.fleet.bookValue;
      const f = finance(p, b, book, Math.min(left, b.wantGpus), price);
      if (f.count <= 0) continue;
      const equity = f.count * f.equityPerGpu;
      b.cash -= equity;
      b.debt += f.count * f.debtPerGpu;
      b.flows.secondaryBought += equity;
      b.flows.gpusBoughtSecondHand += f.count;
      addCohort(s, state.costs, b, { gen: cohort.gen, count: f.count, start: state.month, lifeMonths: life, costPerGpu: price }, state.month);
      b.wantGpus -= f.count;
      seller.flows.secondarySold += f.count * price;
      seller.flows.gpusSold += f.count;
      seller.cash += f.count * price;
      state.tally.secondaryResold += f.count;
      left -= f.count;
    }
    if (left > 0) {
      seller.flows.gpusScrapped += left;
      state.tally.secondaryScrapped += left;
    }
  }
}

/** A leaver settles with creditors, then with owners; a shortfall is the creditors' loss. */
function settleExit(l: Lessor): void {
  const repay = Math.max(0, Math.min(l.cash, l.debt));
  l.flows.debtRepaidOnExit += repay;
  l.cash -= repay;
  l.debt = 0;
  l.flows.equityOut += l.cash;
  l.cash = 0;
}

function entry(state: MarketState): void {
  const s = state.scenario;
  const e = s.entrants;
  if (state.entrantPoolLeft <= 0) return;
  const margin = Math.max(0, state.view.trailingNetMargin);
  const prob = Math.min(e.maxMonthlyProbability, e.baseMonthlyProbability * (margin / e.referenceNetMargin) * (1 + e.hypeSensitivity * state.hype));
  const rng = state.streams.entry;
  let entering = 0;
  for (let k = 0; k < state.entrantPoolLeft; k++) if (rng() < prob) entering++;
  for (let k = 0; k < entering; k++) {
    const gen = bestGenerationForEntry(state);
    const size = Math.max(8, Math.round(e.firstOrderGpus * lognormalFactor(rng, e.sizeDispersion)));
    if (gen < 0) break;
    const l = createLessor(state, ENTRANT, []);
    const equity = size * e.equityCcyPerGpu;
    l.cash = equity;
    l.flows.equityIn = equity;
    const p = lessorParams(s, ENTRANT);
    const price = state.genPrice[gen];
    const f = finance(p, l, 0, size, price);
    if (f.count > 0) {
      placeLessorOrder(state, l, gen, f.count, price, f.debtPerGpu, f.equityPerGpu, p.priorityClass);
    }
    state.lessors.push(l);
    state.entrantPoolLeft--;
    state.tally.entries++;
  }
}

/** Sets the share of its limits a developer bids; a change lists it in `repriced`, for re-ranking (see tranches.ts). */
function setWtpFunding(d: Developer, share: number, repriced: number[]): void {
  if (share === d.wtpFunding) return;
  d.wtpFunding = share;
  repriced.push(d.index);
}

/** More new developers of one archetype in a month than this is a diverging input, not a market. */
const MAX_ARRIVALS_PER_MONTH = 100_000;

/**
 * Start-ups spend their funding. One whose runway falls short bids a lower share of its limit
 * prices until it raises again; one that runs out raises again with the month's chance, else leaves. New start-ups
 * arrive with the hype and the funding climate.
 */
function developerTurnover(state: MarketState): void {
  const s = state.scenario;
  const rng = state.streams.population;
  const left: number[] = [];
  const repriced: number[] = [];
  for (const d of state.activeDevelopers) {
    const pop = developerParams(s, d.kind).population;
    if (!pop) continue;
    d.funding -= d.spend;
    if (d.funding > 0) {
      setWtpFunding(d, d.funding < pop.tightRunwayMonths * d.spend ? pop.tightWtpShare : 1, repriced);
      continue;
    }
    if (rng() < Math.min(1, pop.refundProbabilityAtFullHype * Math.min(1, state.hype) * state.fundingFactor)) {
      d.funding = d.need * state.view.spotRent * s.hoursPerMonth * pop.fundingMonths;
      setWtpFunding(d, 1, repriced);
    } else {
      d.active = false;
      state.leftDevelopers.push(d.index);
      left.push(d.index);
    }
  }
  const firstNew = state.developers.length;
  for (const kind of DEVELOPER_KINDS) {
    const pop = developerParams(s, kind).population;
    if (!pop) continue;
    const n = poisson(rng, pop.entriesPerMonthAtFullHype * state.hype * state.fundingFactor);
    requireAtMost(state, 'the month’s new start-ups', n, MAX_ARRIVALS_PER_MONTH);
    for (let k = 0; k < n; k++) addDeveloper(state, kind, rng);
  }
  refreshActiveDevelopers(state, firstNew, left.length > 0);
  updateTranches(state, left, repriced);
}

/** Drops the developers who left (if `someLeft`) from the active list and appends those from `firstNew` on. */
function refreshActiveDevelopers(state: MarketState, firstNew: number, someLeft: boolean): void {
  const active = state.activeDevelopers;
  if (someLeft) {
    let k = 0;
    for (const d of active) if (d.active) active[k++] = d;
    truncate(active, k);
  }
  for (let i = firstNew; i < state.developers.length; i++) active.push(state.developers[i]);
}

export function industryPhase(state: MarketState): void {
  const lots: UsedLot[] = [];
  // Whether a lessor exits depends on its own records only, so deciding and leaving one at a time
  // is the same as deciding for all first.
  for (const l of state.lessors) if (l.active && shouldExit(state, l)) leave(state, l, lots);
  if (lots.length > 0) secondaryMarket(state, lots);
  for (const l of state.lessors) if (!l.active && l.exitMonth === state.month) settleExit(l);
  entry(state);
  developerTurnover(state);
}
