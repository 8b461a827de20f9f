/**
 * The chip vendor: monthly output per generation along the scenario's ramp, a backlog allocated by
 * priority class (partners first, then first-in-first-out), export controls, and the lead time every
 * agent sees: backlog divided by output.
 */
import type { Generation } from '../scenario/schema.js';
import { monthOffset } from './calendar.js';
import type { Lessor, MarketState, Order } from './state.js';

/** Lead time reported when there is a backlog but no output to work it off. */
export const MAX_LEAD_TIME_MONTHS = 120;

export function generationOutput(g: Generation, start: string, month: number, scale: number): number {
  const age = month - monthOffset(start, g.launch);
  if (age < 0) return 0;
  const out = g.outputGpusPerMonth * Math.pow(1 + g.outputGrowthPerYear, age / 12) * scale;
  return g.outputCapGpusPerMonth !== undefined ? Math.min(out, g.outputCapGpusPerMonth * scale) : out;
}

/** Server price per GPU in `month`: the launch price, falling yearly as the generation ages. */
export function serverPrice(g: Generation, start: string, month: number): number {
  const age = Math.max(0, month - monthOffset(start, g.launch));
  return g.priceCcyPerGpu * Math.pow(1 - g.priceDeclinePerYear, age / 12);
}

/** What a buyer pays per GPU in `month`: the server plus network, storage and installation. */
export function generationPrice(g: Generation, start: string, month: number): number {
  return serverPrice(g, start, month) * (1 + g.clusterCostShare);
}

/** True when the scenario's region may buy generation `gen` in `month`. */
export function generationAllowed(state: MarketState, gen: number, month: number): boolean {
  const s = state.scenario;
  const g = s.generations[gen];
  if (month < monthOffset(s.start, g.launch)) return false;
  for (const c of s.vendor.exportControls) {
    if (c.generation === g.name && c.region === state.region && month >= monthOffset(s.start, c.from)) return false;
  }
  return true;
}

/** Output, price and availability of every generation in every month, fixed by the scenario. */
export interface VendorSchedule {
  output: Float64Array[];
  price: Float64Array[];
  allowed: Uint8Array[];
}

export function vendorSchedule(state: MarketState): VendorSchedule {
  const s = state.scenario;
  const T = state.months;
  const sched: VendorSchedule = { output: [], price: [], allowed: [] };
  s.generations.forEach((g, i) => {
    const output = new Float64Array(T);
    const price = new Float64Array(T);
    const allowed = new Uint8Array(T);
    for (let t = 0; t < T; t++) {
      output[t] = generationOutput(g, s.start, t, s.vendor.outputScale);
      price[t] = generationPrice(g, s.start, t);
      allowed[t] = generationAllowed(state, i, t) ? 1 : 0;
    }
    sched.output.push(output);
    sched.price.push(price);
    sched.allowed.push(allowed);
  });
  return sched;
}

/** Refreshes this month's per-generation output, price, availability, backlog and lead time. */
export function refreshVendor(state: MarketState): void {
  const t = state.month;
  const sched = state.schedule;
  state.genBacklog.fill(0);
  for (const o of state.backlog) state.genBacklog[o.gen] += o.remaining;
  for (let g = 0; g < state.genOutput.length; g++) {
    state.genOutput[g] = sched.output[g][t];
    state.genPrice[g] = sched.price[g][t];
    state.genAllowed[g] = sched.allowed[g][t];
    state.genLeadTime[g] = leadTime(state.genBacklog[g], state.genOutput[g]);
  }
}

export function leadTime(backlog: number, output: number): number {
  if (backlog <= 0) return 0;
  if (output <= 0) return MAX_LEAD_TIME_MONTHS;
  return Math.min(MAX_LEAD_TIME_MONTHS, backlog / output);
}

/** Drops orders the region may no longer receive; the buyers' pipelines shrink accordingly. */
export function cancelBarredOrders(state: MarketState, onCancel: (o: Order) => void): void {
  if (state.backlog.every((o) => state.genAllowed[o.gen] === 1)) return;
  const kept: Order[] = [];
  for (const o of state.backlog) {
    if (state.genAllowed[o.gen] === 1) kept.push(o);
    else onCancel(o);
  }
  state.backlog = kept;
}

export interface Allocation {
  order: Order;
  count: number;
}

/**
 * Allocates this month's output: priority class 0 first, then class 1, each in order of arrival.
 * Whole GPUs only; the fractional remainder of output is lost, as a real ramp's yield would be.
 */
export function allocateOutput(state: MarketState): Allocation[] {
  const left = new Float64Array(state.genOutput.length);
  for (let g = 0; g < left.length; g++) left[g] = Math.floor(state.genOutput[g]);
  const out: Allocation[] = [];
  for (const priority of [0, 1] as const) {
    for (const o of state.backlog) {
      if (o.priority !== priority || o.remaining <= 0) continue;
      const n = Math.min(o.remaining, left[o.gen]);
      if (n <= 0) continue;
      o.remaining -= n;
      left[o.gen] -= n;
      out.push({ order: o, count: n });
    }
  }
  state.backlog = state.backlog.filter((o) => o.remaining > 0);
  return out;
}

export function placeOrder(state: MarketState, o: Omit<Order, 'seq'>): void {
  state.backlog.push({
    seq: state.nextOrderSeq++,
    gen: o.gen,
    priority: o.priority,
    buyerIsLessor: o.buyerIsLessor,
    buyer: o.buyer,
    remaining: o.remaining,
    pricePerGpu: o.pricePerGpu,
    debtPerGpu: o.debtPerGpu,
    equityPerGpu: o.equityPerGpu,
  });
}

/** A lessor's order: it joins the backlog and the lessor's own pipeline, with its financing fixed now. */
export function placeLessorOrder(
  state: MarketState,
  l: Lessor,
  gen: number,
  count: number,
  pricePerGpu: number,
  debtPerGpu: number,
  equityPerGpu: number,
  priority: 0 | 1,
): void {
  placeOrder(state, { gen, priority, buyerIsLessor: true, buyer: l.index, remaining: count, pricePerGpu, debtPerGpu, equityPerGpu });
  l.pipelineGpus += count;
  l.committedEquity += count * equityPerGpu;
  l.pipelineDebt += count * debtPerGpu;
  l.pipelineValue += count * pricePerGpu;
}
