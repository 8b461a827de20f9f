/**
 * Phase 1 of a month: the vendor allocates its output, shipments arrive, cohorts past their life
 * retire, and expired or orphaned contracts drop out of the book (see contracts.ts).
 */
import { truncate } from './arrays.js';
import { contractUpkeep } from './contracts.js';
import { refreshOwnCluster } from './developer.js';
import { addCohort, ageFleet, retireDue } from './fleet.js';
import { developerParams, lessorParams } from './params.js';
import type { Lessor, MarketState, Order, Shipment } from './state.js';
import { allocateOutput, cancelBarredOrders, refreshVendor, type Allocation } from './vendor.js';

/** Takes a cancelled order (or undelivered shipment) out of its buyer's pipeline. */
export function releasePipeline(state: MarketState, o: Order | Shipment, count: number): void {
  const g = state.scenario.generations[o.gen];
  if (o.buyerIsLessor) {
    const l = state.lessors[o.buyer];
    l.pipelineGpus -= count;
    l.committedEquity -= count * o.equityPerGpu;
    l.pipelineDebt -= count * o.debtPerGpu;
    l.pipelineValue -= count * o.pricePerGpu;
  } else {
    state.developers[o.buyer].ownPipelineRef -= count * g.perfRatio;
  }
}

function deliverToLessor(state: MarketState, l: Lessor, sh: Shipment): void {
  const p = lessorParams(state.scenario, l.kind);
  releasePipeline(state, sh, sh.count);
  const equity = sh.count * sh.equityPerGpu;
  l.cash -= equity;
  l.debt += sh.count * sh.debtPerGpu;
  l.flows.equityCapex += equity;
  l.flows.gpusDelivered += sh.count;
  const cohort = { gen: sh.gen, count: sh.count, start: state.month, lifeMonths: p.depreciationMonths, costPerGpu: sh.pricePerGpu };
  addCohort(state.scenario, state.costs, l, cohort, state.month);
  state.tally.deliveredToLessors += sh.count;
}

/** Months from the vendor's allocation to rentable capacity. */
const deliveryLag = (state: MarketState): number =>
  state.scenario.vendor.shippingMonths + state.scenario.market.installMonths;

/** The month's allocations leave the vendor; they arrive (as rentable capacity) after the lag. */
function ship(state: MarketState, allocations: Allocation[]): void {
  const arrival = state.month + deliveryLag(state);
  const bucket = state.shipmentsByArrival[arrival];
  for (const a of allocations) {
    const o = a.order;
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

/** Shipments due this month arrive: lessors' become cohorts, developers' their own clusters. */
function deliver(state: MarketState): void {
  const s = state.scenario;
  const t = state.month;
  for (const sh of state.shipmentsByArrival[t]) {
    if (sh.buyerIsLessor) {
      deliverToLessor(state, state.lessors[sh.buyer], sh);
    } else {
      const d = state.developers[sh.buyer];
      releasePipeline(state, sh, sh.count);
      d.ownCohorts.push({ gen: sh.gen, count: sh.count, start: t, lifeMonths: developerParams(s, d.kind).build!.lifeMonths });
    }
  }
  state.shipmentsByArrival[t] = [];
}

/** Cancels the shipments still in transit to a lessor that leaves; its pipeline shrinks by them. */
export function cancelShipmentsTo(state: MarketState, l: Lessor): void {
  const buckets = state.shipmentsByArrival;
  for (let m = state.month + 1; m < buckets.length; m++) {
    const bucket = buckets[m];
    let k = 0;
    for (const sh of bucket) {
      if (sh.buyerIsLessor && sh.buyer === l.index) releasePipeline(state, sh, sh.count);
      else bucket[k++] = sh;
    }
    truncate(bucket, k);
  }
}

export function supplyPhase(state: MarketState): void {
  const s = state.scenario;
  const t = state.month;
  refreshVendor(state);
  cancelBarredOrders(state, (o) => releasePipeline(state, o, o.remaining));
  refreshVendor(state);
  ship(state, allocateOutput(state));

  if (t > 0) for (const l of state.lessors) if (l.active) ageFleet(s, l);
  deliver(state);

  for (const l of state.lessors) {
    if (!l.active) continue;
    l.flows.gpusRetired += retireDue(s, state.costs, l, t);
    l.capacityRef = l.fleet.capacityRef;
  }
  for (const d of state.activeDevelopers) refreshOwnCluster(s, d, t);
  contractUpkeep(state, t);
}
