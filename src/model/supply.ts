/**
 * The supply phase of a month: the vendor reviews its packaging capacity and allocates its output, buyers
 * who no longer want chips cancel part of their orders, shipments arrive and are installed as far as
 * power allows, cohorts past their life or no longer worth running retire, and expired or orphaned
 * contracts drop out of the book (see contracts.ts).
 */
import { truncate } from './arrays.js';
import { contractUpkeep } from './contracts.js';
import { addOwnCohort, refreshOwnCluster } from './developer.js';
import { addCohort, ageFleet, generationBookValue, retireDue, retireGeneration } from './fleet.js';
import { developerParams, lessorParams } from './params.js';
import { commissionPower, powerPhase, powerUsedKw } from './power.js';
import type { Lessor, MarketState, Shipment } from './state.js';
import { allocateOutput, cancelBarredOrders, packagingPhase, refreshVendor, releasePipeline, type Allocation } from './vendor.js';

/** Installs `count` GPUs of a shipment in a lessor's fleet: it pays the equity part and takes the debt. */
function install(state: MarketState, l: Lessor, sh: Shipment, count: number): void {
  const p = lessorParams(state.scenario, l.kind);
  releasePipeline(state, sh, count);
  const equity = count * sh.equityPerGpu;
  l.cash -= equity;
  l.debt += count * sh.debtPerGpu;
  l.flows.equityCapex += equity;
  l.flows.gpusDelivered += count;
  const cohort = { gen: sh.gen, count, start: state.month, lifeMonths: p.depreciationMonths, costPerGpu: sh.pricePerGpu };
  addCohort(state.scenario, state.costs, l, cohort, state.month);
  state.tally.deliveredToLessors += count;
}

/** Months from the vendor's allocation to rentable capacity. */
const deliveryLag = (state: MarketState): number => state.scenario.vendor.shippingMonths + state.scenario.market.installMonths;

/** The month's allocations leave the vendor; they arrive (as rentable capacity) after the lag. */
function ship(state: MarketState, allocations: Allocation[]): void {
  const arrival = state.month + deliveryLag(state);
  const bucket = state.shipmentsByArrival[arrival];
  for (const a of allocations) {
    const o = a.order;
    if (o.shadow) {
      // The probe's chips: rentable after the same lag, counted apart from the market's.
      if (arrival < state.probeArrivals.length) state.probeArrivals[arrival] += a.count;
      continue;
    }
    state.tally.vendorOutput += a.count;
    bucket.push({
      arrival,
      gen: o.gen,
      buyerIsLessor: o.buyerIsLessor,
      buyer: o.buyer,
      count: a.count,
      pricePerGpu: o.pricePerGpu,
      debtPerGpu: o.debtPerGpu,
      equityPerGpu: o.equityPerGpu,
    });
  }
}

/**
 * Shipments due this month arrive: developers' become their own clusters at once; lessors' join
 * the queue for power, which installs them first come, first served, as far as ready power allows.
 */
function deliver(state: MarketState): void {
  const s = state.scenario;
  const t = state.month;
  const waiting = state.awaitingPower;
  for (const sh of state.shipmentsByArrival[t]) {
    if (sh.buyerIsLessor) {
      waiting.push(sh);
    } else {
      const d = state.developers[sh.buyer];
      releasePipeline(state, sh, sh.count);
      addOwnCohort(s, d, { gen: sh.gen, count: sh.count, start: t, lifeMonths: developerParams(s, d.kind).build!.lifeMonths });
    }
  }
  state.shipmentsByArrival[t] = [];
  if (waiting.length === 0) return;
  let freeKw = s.power ? state.powerCapacityKw - powerUsedKw(state) : Infinity;
  let k = 0;
  for (const sh of waiting) {
    const kw = s.generations[sh.gen].powerKwPerGpu;
    const n = Math.min(sh.count, Math.floor(freeKw / kw));
    if (n > 0) {
      install(state, state.lessors[sh.buyer], sh, n);
      sh.count -= n;
      freeKw -= n * kw;
    }
    if (sh.count > 0) {
      waiting[k++] = sh;
      state.tally.awaitingPowerGpus += sh.count;
    }
  }
  truncate(waiting, k);
  if (k > 0 && s.power && s.power.responseMwPerMonth > 0) commissionPower(state);
}

/** Cancels the shipments still in transit (or waiting for power) to a lessor that leaves; its pipeline shrinks by them. */
export function cancelShipmentsTo(state: MarketState, l: Lessor): void {
  const buckets = state.shipmentsByArrival;
  for (let m = state.month + 1; m < buckets.length; m++) dropShipmentsOf(state, buckets[m], l);
  dropShipmentsOf(state, state.awaitingPower, l);
}

function dropShipmentsOf(state: MarketState, bucket: Shipment[], l: Lessor): void {
  let k = 0;
  for (const sh of bucket) {
    if (sh.buyerIsLessor && sh.buyer === l.index) releasePipeline(state, sh, sh.count);
    else bucket[k++] = sh;
  }
  truncate(bucket, k);
}

/**
 * Whether a generation no longer covers a lessor kind's cash cost at full use: last month's spot
 * rent per GPU-hour below the cash cost per GPU-hour (energy, space, operations).
 */
export function uneconomic(spotPerGpuHour: number, cashCostPerGpuMonthFull: number, hoursPerMonth: number): boolean {
  return spotPerGpuHour > 0 && spotPerGpuHour * hoursPerMonth < cashCostPerGpuMonthFull;
}

/**
 * Economic retirement. A generation whose spot rent is below a lessor kind's cash cost sits idle:
 * the lessors' asks do not go below that cost. Once it has stayed there for
 * `retireAfterUneconomicMonths`, lessors of that kind take their cohorts of it out of the market for
 * good: sold to buyers elsewhere (cheaper power, other uses) for `uneconomicResaleShare` of their
 * remaining book value, or scrapped when that share is 0.
 */
function economicRetirement(state: MarketState): void {
  const s = state.scenario;
  const nGen = s.generations.length;
  const after = s.market.retireAfterUneconomicMonths;
  const resale = s.market.uneconomicResaleShare;
  for (let k = 0; k < 3; k++) {
    for (let g = 0; g < nGen; g++) {
      const i = k * nGen + g;
      const cost = state.costs.floorPerHour[k][g] * s.hoursPerMonth;
      state.uneconomicMonths[i] = uneconomic(state.view.spotByGen[g], cost, s.hoursPerMonth) ? state.uneconomicMonths[i] + 1 : 0;
      if (state.uneconomicMonths[i] < after) continue;
      for (const l of state.lessors) {
        if (!l.active || l.kind !== k || l.fleet.byGeneration[g] <= 0) continue;
        const proceeds = resale > 0 ? resale * generationBookValue(l, g, state.month) : 0;
        const n = retireGeneration(s, state.costs, l, g, state.month);
        l.cash += proceeds;
        l.flows.secondarySold += proceeds;
        l.flows.gpusRetired += n;
        state.tally.retiredUneconomic += n;
      }
    }
  }
}

export function supplyPhase(state: MarketState): void {
  const s = state.scenario;
  const t = state.month;
  packagingPhase(state);
  if (s.power) powerPhase(state);
  refreshVendor(state);
  cancelBarredOrders(state);
  refreshVendor(state);
  ship(state, allocateOutput(state));

  if (t > 0) for (const l of state.lessors) if (l.active) ageFleet(l);
  deliver(state);

  for (const l of state.lessors) {
    if (!l.active) continue;
    l.flows.gpusRetired += retireDue(s, state.costs, l, t);
  }
  if (t > 0) economicRetirement(state);
  for (const l of state.lessors) if (l.active) l.capacityRef = l.fleet.capacityRef;
  for (const d of state.activeDevelopers) refreshOwnCluster(s, d, t);
  contractUpkeep(state, t);
}
