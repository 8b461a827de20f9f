/**
 * The chip vendor: monthly output per generation along the scenario's ramp times the packaging
 * capacity it has added, a backlog allocated by priority class (partners first, then first in first
 * out), export controls with their announcement, stockpiling window and grey channel, and the lead
 * time every agent sees: backlog divided by output.
 */
import { requireFinite } from './divergence.js';
import type { Generation, Scenario } from '../scenario/schema.js';
import { truncate } from './arrays.js';
import { monthOffset } from './calendar.js';
import type { Lessor, MarketState, Order, OrderQueue, Shipment, VendorSchedule } from './state.js';

/** Lead time reported when there is a backlog but no output to work it off. */
export const MAX_LEAD_TIME_MONTHS = 120;

export function generationOutput(g: Generation, start: string, month: number, scale: number): number {
  return outputAtAge(g, month - monthOffset(start, g.launch), scale);
}

function outputAtAge(g: Generation, age: number, scale: number): number {
  if (age < 0) return 0;
  const out = g.outputGpusPerMonth * Math.pow(1 + g.outputGrowthPerYear, age / 12) * scale;
  return g.outputCapGpusPerMonth !== undefined ? Math.min(out, g.outputCapGpusPerMonth * scale) : out;
}

/** Server price per GPU in `month`: the launch price, falling yearly as the generation ages. */
export function serverPrice(g: Generation, start: string, month: number): number {
  return serverPriceAtAge(g, month - monthOffset(start, g.launch));
}

function serverPriceAtAge(g: Generation, age: number): number {
  return g.priceCcyPerGpu * Math.pow(1 - g.priceDeclinePerYear, Math.max(0, age) / 12);
}

/** What a buyer pays per GPU in `month`: the server plus network, storage and installation. */
export function generationPrice(g: Generation, start: string, month: number): number {
  return serverPrice(g, start, month) * (1 + g.clusterCostShare);
}

/** The export control on generation `gen` for the scenario's region that starts first, if any. */
function controlOf(s: Scenario, gen: number): Scenario['vendor']['exportControls'][number] | null {
  const g = s.generations[gen];
  let first: Scenario['vendor']['exportControls'][number] | null = null;
  for (const c of s.vendor.exportControls) {
    if (c.generation !== g.name || c.region !== s.region) continue;
    if (first === null || monthOffset(s.start, c.from) < monthOffset(s.start, first.from)) first = c;
  }
  return first;
}

export function vendorSchedule(s: Scenario, months: number): VendorSchedule {
  const sched: VendorSchedule = { output: [], price: [], allowed: [], preBan: [], grey: [] };
  // Every series a view of one of two blocks: thirty typed arrays, each allocated outside V8's
  // heap on its own, would cost a run more than computing them.
  const nGen = s.generations.length;
  const numbers = new Float64Array(2 * nGen * months);
  const flags = new Uint8Array(3 * nGen * months);
  let atNumber = 0;
  let atFlag = 0;
  const series = () => numbers.subarray(atNumber, (atNumber += months));
  const flagSeries = () => flags.subarray(atFlag, (atFlag += months));
  s.generations.forEach((g, i) => {
    const output = series();
    const price = series();
    const allowed = flagSeries();
    const preBan = flagSeries();
    const grey = flagSeries();
    // Dates are parsed once per generation, not once per month.
    const launch = monthOffset(s.start, g.launch);
    const control = controlOf(s, i);
    const barred = control ? monthOffset(s.start, control.from) : Infinity;
    const announced = control?.announced ? monthOffset(s.start, control.announced) : barred;
    const scale = s.vendor.outputScale;
    for (let t = 0; t < months; t++) {
      const base = serverPriceAtAge(g, t - launch) * (1 + g.clusterCostShare);
      const open = t >= launch;
      if (t >= barred) {
        if (open && control?.grey) {
          output[t] = Math.min(outputAtAge(g, t - launch, scale), control.grey.maxGpusPerMonth * scale);
          price[t] = base * (1 + control.grey.premiumShare);
          allowed[t] = output[t] > 0 ? 1 : 0;
          grey[t] = 1;
        } else {
          price[t] = base;
        }
        continue;
      }
      const pre = t >= announced ? 1 : 0;
      output[t] = outputAtAge(g, t - launch, scale) * (pre ? s.vendor.preBanOutputBoost : 1);
      price[t] = base;
      allowed[t] = open ? 1 : 0;
      preBan[t] = pre && open ? 1 : 0;
    }
    sched.output.push(output);
    sched.price.push(price);
    sched.allowed.push(allowed);
    sched.preBan.push(preBan);
    sched.grey.push(grey);
  });
  return sched;
}

/** Empty queues for every generation and priority class. */
export function emptyOrderQueues(generations: number): OrderQueue[][] {
  const queues: OrderQueue[][] = [];
  for (let g = 0; g < generations; g++) {
    queues.push([
      { orders: [], head: 0 },
      { orders: [], head: 0 },
    ]);
  }
  return queues;
}

/** Refreshes this month's per-generation output, price, availability, backlog and lead time. */
export function refreshVendor(state: MarketState): void {
  const t = state.month;
  const sched = state.schedule;
  for (let g = 0; g < state.genOutput.length; g++) {
    state.genBacklog[g] = state.onOrder[g];
    state.genOutput[g] = sched.grey[g][t] === 1 ? sched.output[g][t] : sched.output[g][t] * state.capacityMultiple;
    state.genPrice[g] = sched.price[g][t];
    state.genAllowed[g] = sched.allowed[g][t];
    state.genPreBan[g] = sched.preBan[g][t];
    state.genLeadTime[g] = leadTime(state.genBacklog[g], state.genOutput[g]);
  }
}

export function leadTime(backlog: number, output: number): number {
  if (backlog <= 0) return 0;
  if (output <= 0) return MAX_LEAD_TIME_MONTHS;
  return Math.min(MAX_LEAD_TIME_MONTHS, backlog / output);
}

/** GPUs in the vendor's backlog, all generations together. */
export function backlogGpus(state: MarketState): number {
  let n = 0;
  for (let g = 0; g < state.onOrder.length; g++) n += state.onOrder[g];
  return n;
}

/** Output of the generations the region may buy this month. */
export function allowedOutput(state: MarketState): number {
  let output = 0;
  for (let g = 0; g < state.genOutput.length; g++) if (state.genAllowed[g]) output += state.genOutput[g];
  return output;
}

/**
 * The vendor's packaging decision, at each review: while the queue's lead time is above its
 * threshold it adds capacity in proportion to the excess (at most `stepShare` of what it has),
 * which comes on line after `lagMonths`. Non-rental customers take their share of what is added.
 */
export function packagingDecision(p: NonNullable<Scenario['vendor']['packaging']>, multiple: number, inPipeline: number, leadTimeMonths: number): number {
  if (p.expandAboveLeadTimeMonths <= 0 || leadTimeMonths <= p.expandAboveLeadTimeMonths) return 0;
  const excess = leadTimeMonths / p.expandAboveLeadTimeMonths - 1;
  const step = Math.min(p.stepShare, p.stepShare * excess) * multiple * (1 - p.otherCustomersShare);
  return Math.max(0, Math.min(step, p.maxMultiple - multiple - inPipeline));
}

/** Applies this month's packaging additions, then reviews capacity if a review is due. */
export function packagingPhase(state: MarketState): void {
  const t = state.month;
  state.capacityMultiple += state.capacityArrivals[t];
  const p = state.scenario.vendor.packaging;
  if (!p || t % p.reviewEveryMonths !== 0) return;
  let inPipeline = 0;
  for (let m = t + 1; m < state.capacityArrivals.length; m++) inPipeline += state.capacityArrivals[m];
  const lead = leadTime(backlogGpus(state), allowedOutput(state));
  const add = packagingDecision(p, state.capacityMultiple, inPipeline, lead);
  const at = t + Math.max(1, p.lagMonths);
  if (add > 0 && at < state.capacityArrivals.length) state.capacityArrivals[at] += add;
}

/**
 * Drops orders the region may no longer receive, oldest first (the order in which the buyers'
 * pipelines shrink fixes their rounding).
 */
export function cancelBarredOrders(state: MarketState): void {
  const barred: Order[] = [];
  for (let g = 0; g < state.orderQueues.length; g++) {
    if (state.genAllowed[g] === 1) continue;
    for (const q of state.orderQueues[g]) {
      for (let i = q.head; i < q.orders.length; i++) if (q.orders[i].remaining > 0) barred.push(q.orders[i]);
      truncate(q.orders, 0);
      q.head = 0;
    }
  }
  if (barred.length === 0) return;
  barred.sort(bySeq);
  for (const o of barred) cancelOrder(state, o, o.remaining);
}

const bySeq = (a: { seq: number }, b: { seq: number }) => a.seq - b.seq;

/** Takes `count` GPUs of a cancelled order (or undelivered shipment) out of its buyer's pipeline. */
export function releasePipeline(state: MarketState, o: Order | Shipment, count: number): void {
  if (o.buyer < 0) return;
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

/**
 * Takes `count` GPUs of an order off the backlog (all of it leaves it queued, empty, until it
 * reaches the head) and out of its buyer's pipeline.
 */
function cancelOrder(state: MarketState, o: Order, count: number): void {
  releasePipeline(state, o, count);
  if (!o.shadow) state.onOrder[o.gen] -= count;
  o.remaining -= count;
}

/** Cancels a leaving lessor's open orders, oldest first. */
export function cancelLessorOrders(state: MarketState, l: Lessor): void {
  for (const o of l.orders) if (o.remaining > 0) cancelOrder(state, o, o.remaining);
  l.orders = [];
}

/**
 * Cancels `count` GPUs of a lessor's open orders, newest first: the double orders placed while the
 * queue was long are the first to go once the lessor wants no more chips.
 */
export function cancelNewestOrders(state: MarketState, l: Lessor, count: number): void {
  let left = count;
  for (let i = l.orders.length - 1; i >= 0 && left > 0; i--) {
    const o = l.orders[i];
    const n = Math.min(o.remaining, left);
    if (n > 0) cancelOrder(state, o, n);
    left -= n;
  }
}

export interface Allocation {
  order: Order;
  count: number;
}

/**
 * Allocates this month's output: priority class 0 first, then class 1, each in order of arrival.
 * Whole GPUs only; the fractional remainder of output is lost, as a real ramp's yield would be.
 * Allocations come back in that order (class, then arrival across generations): deliveries are
 * booked in it.
 */
export function allocateOutput(state: MarketState): Allocation[] {
  const nGen = state.genOutput.length;
  const left: number[] = [];
  for (let g = 0; g < nGen; g++) left.push(Math.floor(state.genOutput[g]));
  const out: Allocation[] = [];
  for (const priority of [0, 1] as const) {
    const from = out.length;
    let served = 0;
    for (let g = 0; g < nGen; g++) {
      const before = out.length;
      left[g] = serveQueue(state, state.orderQueues[g][priority], left[g], out);
      if (out.length > before) served++;
    }
    if (served > 1) sortTail(out, from);
  }
  return out;
}

/**
 * Fills a queue's orders from the head with up to `left` GPUs; returns what is left. A shadow
 * order is filled when its turn comes and output is left, but takes none of it.
 */
function serveQueue(state: MarketState, q: OrderQueue, left: number, out: Allocation[]): number {
  const orders = q.orders;
  while (left > 0 && q.head < orders.length) {
    const o = orders[q.head];
    const n = Math.min(o.remaining, left);
    if (n > 0) {
      o.remaining -= n;
      if (!o.shadow) {
        left -= n;
        state.onOrder[o.gen] -= n;
      }
      out.push({ order: o, count: n });
    }
    if (o.remaining <= 0) q.head++;
  }
  compactQueue(q);
  return left;
}

/** Drops served orders from the front of a queue once they are the larger part of it. */
function compactQueue(q: OrderQueue): void {
  if (q.head === q.orders.length) {
    truncate(q.orders, 0);
    q.head = 0;
  } else if (q.head >= 64 && q.head * 2 >= q.orders.length) {
    q.orders.splice(0, q.head);
    q.head = 0;
  }
}

/** Sorts `out[from..]` by order of arrival (few allocations, each queue's already in order: an insertion sort). */
function sortTail(out: Allocation[], from: number): void {
  for (let i = from + 1; i < out.length; i++) {
    const a = out[i];
    let j = i - 1;
    for (; j >= from && out[j].order.seq > a.order.seq; j--) out[j + 1] = out[j];
    out[j + 1] = a;
  }
}

export function placeOrder(state: MarketState, o: Omit<Order, 'seq'>): Order {
  // The queue is served by a loop over its orders' sizes: a size that is not a finite number would never run out.
  requireFinite(state, () => `an order for ${state.scenario.generations[o.gen].name} GPUs`, o.remaining);
  const order: Order = {
    seq: state.nextOrderSeq++,
    gen: o.gen,
    priority: o.priority,
    buyerIsLessor: o.buyerIsLessor,
    buyer: o.buyer,
    remaining: o.remaining,
    pricePerGpu: o.pricePerGpu,
    debtPerGpu: o.debtPerGpu,
    equityPerGpu: o.equityPerGpu,
    shadow: o.shadow,
  };
  state.orderQueues[order.gen][order.priority].orders.push(order);
  if (!order.shadow) state.onOrder[order.gen] += order.remaining;
  return order;
}

/** A lessor's order: it joins the backlog and the lessor's own pipeline, with its financing fixed now. */
export function placeLessorOrder(state: MarketState, l: Lessor, gen: number, count: number, pricePerGpu: number, debtPerGpu: number, equityPerGpu: number, priority: 0 | 1): void {
  const o = placeOrder(state, { gen, priority, buyerIsLessor: true, buyer: l.index, remaining: count, pricePerGpu, debtPerGpu, equityPerGpu, shadow: false });
  // Filled and cancelled orders are harmless in the list (they hold nothing), so it is compacted
  // only when it reaches a power of two: constant work per order instead of a pass per order.
  const n = l.orders.length;
  if (n >= 8 && (n & (n - 1)) === 0) keepOpen(l.orders);
  l.orders.push(o);
  l.pipelineGpus += count;
  l.committedEquity += count * equityPerGpu;
  l.pipelineDebt += count * debtPerGpu;
  l.pipelineValue += count * pricePerGpu;
}

/** Drops filled and cancelled orders from a lessor's list, in place and in order. */
export function keepOpen(orders: Order[]): void {
  let k = 0;
  for (const o of orders) if (o.remaining > 0) orders[k++] = o;
  truncate(orders, k);
}
