/**
 * The chip vendor: monthly output per generation along the scenario's ramp, a backlog allocated by
 * priority class (partners first, then first-in-first-out), export controls, and the lead time every
 * agent sees: backlog divided by output.
 */
import type { Generation } from '../scenario/schema.js';
import { truncate } from './arrays.js';
import { monthOffset } from './calendar.js';
import type { Lessor, MarketState, Order, OrderQueue } from './state.js';

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

/** True when the scenario's region may buy generation `gen` in `month`. */
export function generationAllowed(state: MarketState, gen: number, month: number): boolean {
  const s = state.scenario;
  return month >= monthOffset(s.start, s.generations[gen].launch) && month < barredFrom(state, gen);
}

/** First month from which export controls bar generation `gen` in the scenario's region (Infinity: never). */
function barredFrom(state: MarketState, gen: number): number {
  const s = state.scenario;
  const g = s.generations[gen];
  let from = Infinity;
  for (const c of s.vendor.exportControls) {
    if (c.generation === g.name && c.region === state.region) from = Math.min(from, monthOffset(s.start, c.from));
  }
  return from;
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
    // Dates are parsed once per generation, not once per month.
    const launch = monthOffset(s.start, g.launch);
    const barred = barredFrom(state, i);
    for (let t = 0; t < T; t++) {
      output[t] = outputAtAge(g, t - launch, s.vendor.outputScale);
      price[t] = serverPriceAtAge(g, t - launch) * (1 + g.clusterCostShare);
      allowed[t] = t >= launch && t < barred ? 1 : 0;
    }
    sched.output.push(output);
    sched.price.push(price);
    sched.allowed.push(allowed);
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

/** GPUs in the vendor's backlog, all generations together. */
export function backlogGpus(state: MarketState): number {
  let n = 0;
  for (let g = 0; g < state.onOrder.length; g++) n += state.onOrder[g];
  return n;
}

/**
 * Drops orders the region may no longer receive, oldest first (the order in which the buyers'
 * pipelines shrink fixes their rounding); `onCancel` sees each order with its remaining count.
 */
export function cancelBarredOrders(state: MarketState, onCancel: (o: Order) => void): void {
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
  for (const o of barred) cancelOrder(state, o, onCancel);
}

const bySeq = (a: { seq: number }, b: { seq: number }) => a.seq - b.seq;

/** Takes what is left of an order off the backlog; it stays queued, empty, until it reaches the head. */
function cancelOrder(state: MarketState, o: Order, onCancel: (o: Order) => void): void {
  onCancel(o);
  state.onOrder[o.gen] -= o.remaining;
  o.remaining = 0;
}

/** Cancels a leaving lessor's open orders, oldest first. */
export function cancelLessorOrders(state: MarketState, l: Lessor, onCancel: (o: Order) => void): void {
  for (const o of l.orders) if (o.remaining > 0) cancelOrder(state, o, onCancel);
  l.orders = [];
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

/** Fills a queue's orders from the head with up to `left` GPUs; returns what is left. */
function serveQueue(state: MarketState, q: OrderQueue, left: number, out: Allocation[]): number {
  const orders = q.orders;
  while (left > 0 && q.head < orders.length) {
    const o = orders[q.head];
    const n = Math.min(o.remaining, left);
    if (n > 0) {
      o.remaining -= n;
      left -= n;
      state.onOrder[o.gen] -= n;
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

/** Sorts `out[from..]` by order of arrival. */
function sortTail(out: Allocation[], from: number): void {
  const tail = out.splice(from).sort((a, b) => a.order.seq - b.order.seq);
  for (const a of tail) out.push(a);
}

export function placeOrder(state: MarketState, o: Omit<Order, 'seq'>): Order {
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
  };
  state.orderQueues[order.gen][order.priority].orders.push(order);
  state.onOrder[order.gen] += order.remaining;
  return order;
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
  const o = placeOrder(state, { gen, priority, buyerIsLessor: true, buyer: l.index, remaining: count, pricePerGpu, debtPerGpu, equityPerGpu });
  keepOpen(l.orders);
  l.orders.push(o);
  l.pipelineGpus += count;
  l.committedEquity += count * equityPerGpu;
  l.pipelineDebt += count * debtPerGpu;
  l.pipelineValue += count * pricePerGpu;
}

/** Drops filled and cancelled orders from a lessor's list, in place and in order. */
function keepOpen(orders: Order[]): void {
  let k = 0;
  for (const o of orders) if (o.remaining > 0) orders[k++] = o;
  truncate(orders, k);
}
