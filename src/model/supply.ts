/**
 * Phase 1 of a month: the vendor allocates its output, shipments arrive, cohorts past their life
 * retire, and expired or orphaned contracts drop out of the book.
 */
import { refreshOwnCluster } from './developer.js';
import { summariseFleet } from './lessor.js';
import { developerParams, lessorParams } from './params.js';
import type { Lessor, MarketState, Order, Shipment } from './state.js';
import { allocateOutput, cancelBarredOrders, refreshVendor } from './vendor.js';

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
  l.cohorts.push({ gen: sh.gen, count: sh.count, start: state.month, lifeMonths: p.depreciationMonths, costPerGpu: sh.pricePerGpu });
  state.tally.deliveredToLessors += sh.count;
}

export function supplyPhase(state: MarketState): void {
  const s = state.scenario;
  const t = state.month;
  refreshVendor(state);
  cancelBarredOrders(state, (o) => releasePipeline(state, o, o.remaining));
  refreshVendor(state);

  for (const a of allocateOutput(state)) {
    const o = a.order;
    state.tally.vendorOutput += a.count;
    state.shipments.push({
      arrival: t + s.vendor.shippingMonths + s.market.installMonths,
      gen: o.gen,
      buyerIsLessor: o.buyerIsLessor,
      buyer: o.buyer,
      count: a.count,
      pricePerGpu: o.pricePerGpu,
      debtPerGpu: o.debtPerGpu,
      equityPerGpu: o.equityPerGpu,
    });
  }

  const pending: Shipment[] = [];
  for (const sh of state.shipments) {
    if (sh.arrival > t) {
      pending.push(sh);
    } else if (sh.buyerIsLessor) {
      deliverToLessor(state, state.lessors[sh.buyer], sh);
    } else {
      const d = state.developers[sh.buyer];
      releasePipeline(state, sh, sh.count);
      d.ownCohorts.push({ gen: sh.gen, count: sh.count, start: t, lifeMonths: developerParams(s, d.kind).build!.lifeMonths });
    }
  }
  state.shipments = pending;

  for (const l of state.lessors) {
    if (!l.active) continue;
    if (l.cohorts.some((c) => t - c.start >= c.lifeMonths)) {
      l.cohorts = l.cohorts.filter((c) => {
        if (t - c.start < c.lifeMonths) return true;
        l.flows.gpusRetired += c.count;
        return false;
      });
    }
    l.fleet = summariseFleet(s, l.cohorts, t);
    l.capacityRef = l.fleet.capacityRef;
    l.contractedRef = 0;
    l.contractRevenuePerHour = 0;
  }
  for (const d of state.developers) {
    d.contractedRef = 0;
    d.contractSpendPerHour = 0;
    if (d.active) refreshOwnCluster(s, d, t);
  }
  // One pass over the book: drop what expired or lost a party, and total the rest.
  const { lessors, developers } = state;
  const kept = [];
  for (const c of state.contracts) {
    const l = lessors[c.lessor];
    const d = developers[c.developer];
    if (c.end <= t || !l.active || !d.active) continue;
    kept.push(c);
    const money = c.quantityRef * c.pricePerHour;
    l.contractedRef += c.quantityRef;
    l.contractRevenuePerHour += money;
    d.contractedRef += c.quantityRef;
    d.contractSpendPerHour += money;
  }
  state.contracts = kept;
  shrinkOverbookedContracts(state);
}

/**
 * A lessor whose GPUs retired under its contract book cannot serve all of it: every contract of
 * that lessor shrinks in proportion, and the renters look for the rest in the market.
 */
function shrinkOverbookedContracts(state: MarketState): void {
  const { lessors, developers } = state;
  if (!lessors.some((l) => l.active && l.contractedRef > l.capacityRef)) return;
  const factor = lessors.map((l) => (l.contractedRef > l.capacityRef ? l.capacityRef / l.contractedRef : 1));
  for (const c of state.contracts) {
    const f = factor[c.lessor];
    if (f === 1) continue;
    const cut = c.quantityRef * (1 - f);
    const l = lessors[c.lessor];
    const d = developers[c.developer];
    c.quantityRef -= cut;
    l.contractedRef -= cut;
    l.contractRevenuePerHour -= cut * c.pricePerHour;
    d.contractedRef -= cut;
    d.contractSpendPerHour -= cut * c.pricePerHour;
  }
  for (const l of lessors) if (l.contractedRef > l.capacityRef) l.contractedRef = l.capacityRef;
}
