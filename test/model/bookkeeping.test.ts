/**
 * The model keeps running totals and indexes so that a month need not walk everything: contract
 * totals per party, GPUs on order per generation, the vendor's queues, the bid merit order, the
 * list of active developers and shipments by arrival month. Every month of a run, each is checked
 * here against a recomputation from scratch (contract totals exactly: they are sums of whole quanta).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/model/simulate.js';
import type { MarketState } from '../../src/model/state.js';
import { baseline } from './helpers.js';

function contractProblems(state: Readonly<MarketState>): string[] {
  const out: string[] = [];
  const lessorRef = new Map<number, number>();
  const lessorGenRef = new Map<string, number>();
  const developerRef = new Map<number, number>();
  const developerOfftake = new Map<number, number>();
  const lessorPrepaid = new Map<number, number>();
  const leftNow = new Set(state.leftDevelopers);
  for (const b of [state.contracts, state.offtakeBook]) {
    const offtake = b === state.offtakeBook;
    for (let k = 0; k < b.size; k++) {
      if (b.live[k] === 0) continue;
      if (b.end[k] <= state.month) out.push(`contract ${k} ended in month ${b.end[k]} but is still in the book`);
      const l = state.lessors[b.lessor[k]];
      if (!l.active && l.exitMonth !== state.month) out.push(`contract ${k} outlived its lessor`);
      if (!state.developers[b.developer[k]].active && !leftNow.has(b.developer[k])) out.push(`contract ${k} outlived its developer`);
      lessorRef.set(b.lessor[k], (lessorRef.get(b.lessor[k]) ?? 0) + b.quantityRef[k]);
      const lg = `${b.lessor[k]}/${b.gen[k]}`;
      lessorGenRef.set(lg, (lessorGenRef.get(lg) ?? 0) + b.quantityRef[k]);
      developerRef.set(b.developer[k], (developerRef.get(b.developer[k]) ?? 0) + b.quantityRef[k]);
      if (offtake) developerOfftake.set(b.developer[k], (developerOfftake.get(b.developer[k]) ?? 0) + b.quantityRef[k]);
      lessorPrepaid.set(b.lessor[k], (lessorPrepaid.get(b.lessor[k]) ?? 0) + b.prepaidPerHour[k]);
    }
  }
  for (const l of state.lessors) {
    if (!l.active) continue;
    const want = Math.min(lessorRef.get(l.index) ?? 0, l.capacityRef);
    if (l.contractedRef !== want) out.push(`lessor ${l.index}: ${l.contractedRef} under contract, the book says ${want}`);
    l.contractedByGen.forEach((ref, g) => {
      const cap = l.fleet.byGeneration[g] * state.scenario.generations[g].perfRatio;
      const book = Math.min(lessorGenRef.get(`${l.index}/${g}`) ?? 0, cap);
      if (ref !== book) out.push(`lessor ${l.index}, generation ${g}: ${ref} under contract, the book says ${book}`);
    });
  }
  for (const d of state.activeDevelopers) {
    const want = developerRef.get(d.index) ?? 0;
    if (d.contractedRef !== want) out.push(`developer ${d.index}: ${d.contractedRef} under contract, the book says ${want}`);
    const offtake = developerOfftake.get(d.index) ?? 0;
    if (d.offtakeRef !== offtake) out.push(`developer ${d.index}: ${d.offtakeRef} on offtakes, the book says ${offtake}`);
  }
  for (const l of state.lessors) {
    if (!l.active) continue;
    const prepaid = lessorPrepaid.get(l.index) ?? 0;
    if (l.contractPrepaidPerHour !== prepaid) out.push(`lessor ${l.index}: ${l.contractPrepaidPerHour} prepaid per hour, the book says ${prepaid}`);
  }
  return out;
}

function vendorProblems(state: Readonly<MarketState>): string[] {
  const out: string[] = [];
  state.orderQueues.forEach((queues, g) => {
    let onOrder = 0;
    for (const q of queues) {
      let seq = -1;
      for (let i = q.head; i < q.orders.length; i++) {
        const o = q.orders[i];
        if (o.gen !== g) out.push(`order ${o.seq} of generation ${o.gen} in the queue of ${g}`);
        if (o.seq <= seq) out.push(`order ${o.seq} queued after order ${seq}`);
        seq = o.seq;
        // The probe's shadow order waits in the queue but is not on order: it takes no chips.
        if (!o.shadow) onOrder += o.remaining;
      }
    }
    if (onOrder !== state.onOrder[g]) out.push(`generation ${g}: ${state.onOrder[g]} on order, the queues hold ${onOrder}`);
  });
  return out;
}

function marketProblems(state: Readonly<MarketState>): string[] {
  const out: string[] = [];
  const active = state.developers.filter((d) => d.active);
  if (active.length !== state.activeDevelopers.length || active.some((d, i) => state.activeDevelopers[i] !== d)) {
    out.push('the active list is not the active developers in index order');
  }
  const keys = active.flatMap((d) => [d.index * 2, d.index * 2 + 1]);
  const order = Array.from(state.trancheOrder.subarray(0, state.trancheCount));
  const limits = state.trancheLimits;
  if ([...order].sort((a, b) => a - b).join() !== keys.join()) out.push('the merit order does not hold exactly the active tranches');
  for (let i = 0; i < order.length; i++) {
    const d = state.developers[order[i] >> 1];
    if (limits[i] !== (order[i] & 1 ? d.wtpInference : d.wtpTraining) * d.wtpFunding) out.push(`limit ${i} is not its tranche's`);
    if (i > 0 && !(limits[i - 1] > limits[i] || (limits[i - 1] === limits[i] && order[i - 1] < order[i]))) {
      out.push(`tranches ${i - 1} and ${i} out of merit order`);
    }
  }
  state.shipmentsByArrival.forEach((bucket, m) => {
    if (bucket.length > 0 && m <= state.month) out.push(`shipments due in month ${m} were never delivered`);
    for (const sh of bucket) if (sh.arrival !== m) out.push(`a shipment for month ${sh.arrival} waits in month ${m}`);
  });
  return out;
}

const CASES: [string, string[]][] = [
  ['baseline', []],
  ['short contracts, many entrants', ['market.contractMonths=1', 'entrants.baseMonthlyProbability=0.1', 'market.hype.initial=3']],
  ['long contracts, scarce chips', ['market.contractMonths=36', 'vendor.outputScale=0.3']],
  ['a chip glut', ['vendor.outputScale=3']],
];

describe('incremental bookkeeping', () => {
  for (const [name, overrides] of CASES) {
    it(`matches a recount every month: ${name}`, () => {
      const problems: string[] = [];
      for (const seed of [1, 2, 3]) {
        simulate(baseline(...overrides), seed, {
          onMonth: (state) => {
            for (const p of [...contractProblems(state), ...vendorProblems(state), ...marketProblems(state)]) {
              problems.push(`seed ${seed}, month ${state.month}: ${p}`);
            }
          },
        });
      }
      expect(problems.slice(0, 5)).toEqual([]);
    });
  }
});
