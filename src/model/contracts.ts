/**
 * The books of term contracts and of multi-year offtakes, each as columns of typed arrays in the
 * order signed. Kept apart because each book's commitments then run one term and end in the order
 * signed: what ended is found by moving the book's head, not by a search. The first month's book
 * stands for commitments signed over the past term, so its ends are spread; those are found by
 * the month they end in.
 *
 * Every party's totals (reference GPUs and money per hour under contract) are kept up to date as
 * contracts are signed, shrink and end, without a monthly pass over the books. That is exact, not
 * approximately right: each contract's quantity, money per hour and prepaid money per hour are
 * whole multiples of a quantum (2^-20, about a millionth of a reference GPU or of a unit of money
 * per hour), so that their sums are exact in floating point whatever the order of adding and
 * subtracting, and a party left with no contracts has totals of exactly zero. (This model is
 * sensitive enough that a last-bit drift would grow into a different path.)
 */
import { fillRange, room, truncate } from './arrays.js';
import { developerParams } from './params.js';
import type { ContractBook, ContractScratch, Developer, Lessor, MarketState } from './state.js';

const INITIAL_CAPACITY = 256;

/** Contract quantities and money per hour are multiples of this: sums of them are exact below 2^33. */
export const QUANTUM = 2 ** -20;

/** Quanta per unit. */
const PER_UNIT = 2 ** 20;

/**
 * `x` rounded down to a multiple of the quantum (exact: scaling by a power of two loses nothing, so
 * multiplying by `PER_UNIT` is dividing by the quantum, and costs a fraction of a division).
 */
export const quantize = (x: number): number => Math.floor(x * PER_UNIT) * QUANTUM;

const ENTRY_COLUMNS = [
  'live',
  'lessor',
  'developer',
  'gen',
  'end',
  'previousOfLessor',
  'previousOfDeveloper',
  'quantityRef',
  'pricePerHour',
  'moneyPerHour',
  'prepaidPerHour',
  'prepaidShare',
] as const;

/** A book's columns by entry. */
type EntryColumns = Pick<ContractBook, (typeof ENTRY_COLUMNS)[number]>;

/**
 * Every column by entry as a view of one buffer: one allocation outside V8's heap where a typed
 * array per column would be twelve. Doubles first, then 32-bit integers, then bytes, so that each
 * view starts on a boundary of its element size.
 */
function entryColumns(n: number): EntryColumns {
  const buffer = new ArrayBuffer(n * (5 * 8 + 6 * 4 + 1));
  let at = 0;
  const f64 = () => new Float64Array(buffer, (at += 8 * n) - 8 * n, n);
  const i32 = () => new Int32Array(buffer, (at += 4 * n) - 4 * n, n);
  return {
    quantityRef: f64(),
    pricePerHour: f64(),
    moneyPerHour: f64(),
    prepaidPerHour: f64(),
    prepaidShare: f64(),
    lessor: i32(),
    developer: i32(),
    gen: i32(),
    end: i32(),
    previousOfLessor: i32(),
    previousOfDeveloper: i32(),
    live: new Uint8Array(buffer, at, n),
  };
}

/** An empty book, its chains ready for `lessors` lessors and `developers` developers (they grow for more). */
export function emptyContractBook(lessors = 0, developers = 0): ContractBook {
  return {
    head: 0,
    size: 0,
    spreadEnd: 0,
    spreadLive: 0,
    endingInMonth: [],
    base: 0,
    lastOfLessor: new Int32Array(lessors).fill(-1),
    lastOfDeveloper: new Int32Array(developers).fill(-1),
    ...entryColumns(INITIAL_CAPACITY),
  };
}

/** The upkeep's work arrays, one set for both books (they grow as parties arrive). */
export function emptyContractScratch(): ContractScratch {
  return { factor: new Float64Array(0), parties: [], entries: [] };
}

/** How a contract is held: a term contract, or a multi-year offtake with a share of its value paid at signing. */
export interface ContractTerms {
  end: number;
  offtake: boolean;
  prepaidShare: number;
  /** The contract stands for one signed before the start: its prepayment is in the lessor's starting cash. */
  prepaidEarlier: boolean;
}

/**
 * Books a contract on `quantityRef` reference GPUs of generation `gen`, at `pricePerHour` per
 * reference-GPU-hour, that runs until month `terms.end`; both parties' totals grow by it. The
 * lessor receives the prepaid share of the whole term's value now, and that share of each month's
 * revenue is then earned without cash.
 */
export function signContract(state: MarketState, lessor: number, developer: number, gen: number, quantityRef: number, pricePerHour: number, terms: ContractTerms): void {
  const q = quantize(quantityRef);
  if (q <= 0) return;
  const b = terms.offtake ? state.offtakeBook : state.contracts;
  if (b.size === b.lessor.length) grow(b);
  const k = b.size++;
  const money = quantize(q * pricePerHour);
  const prepaid = quantize(money * terms.prepaidShare);
  b.live[k] = 1;
  b.lessor[k] = lessor;
  b.developer[k] = developer;
  b.gen[k] = gen;
  b.end[k] = terms.end;
  b.quantityRef[k] = q;
  b.pricePerHour[k] = pricePerHour;
  b.moneyPerHour[k] = money;
  b.prepaidPerHour[k] = prepaid;
  b.prepaidShare[k] = terms.prepaidShare;
  if (terms.prepaidEarlier) {
    // The first month's book stands for contracts signed over the past term: their ends are spread,
    // so each is found by the month it ends in; the head waits after them for the later ones.
    b.spreadEnd = b.head = b.size;
    b.spreadLive++;
    (b.endingInMonth[terms.end] ??= []).push(k);
  }
  b.lastOfLessor = chainIn(b.lastOfLessor, b.previousOfLessor, lessor, b.base + k, k);
  b.lastOfDeveloper = chainIn(b.lastOfDeveloper, b.previousOfDeveloper, developer, b.base + k, k);
  const l = state.lessors[lessor];
  const d = state.developers[developer];
  addTo(l, d, gen, q, money, prepaid, terms.offtake);
  if (prepaid > 0 && !terms.prepaidEarlier) {
    const prepayment = prepaid * state.scenario.hoursPerMonth * (terms.end - state.month);
    l.cash += prepayment;
    l.flows.prepayments += prepayment;
  }
}

/**
 * Links entry `k` (number `id`) into party `i`'s chain: `previous[k]` is the number of the party's
 * entry before it (-1: none), `last[i]` its newest. Returns `last`, grown when `i` is new.
 */
function chainIn(last: Int32Array, previous: Int32Array, i: number, id: number, k: number): Int32Array {
  if (i >= last.length) {
    const grown = new Int32Array(Math.max(i + 1, 2 * last.length)).fill(-1);
    grown.set(last);
    last = grown;
  }
  previous[k] = last[i];
  last[i] = id;
  return last;
}

/** Adds a contract's quantity and money (negative: takes them off) to both parties' totals. */
function addTo(l: Lessor, d: Developer, gen: number, q: number, money: number, prepaid: number, offtake: boolean): void {
  l.contractedRef += q;
  l.contractedByGen[gen] += q;
  l.contractMoneyByGen[gen] += money;
  l.contractRevenuePerHour += money;
  l.contractPrepaidPerHour += prepaid;
  d.contractedRef += q;
  d.contractSpendPerHour += money;
  if (offtake) d.offtakeRef += q;
}

/** Makes room at the end: first by moving the live contracts to the front, else by doubling. */
function grow(b: ContractBook): void {
  // The first month's entries are found by position until they all ended: they must not move.
  if (b.spreadLive === 0 && 2 * b.head >= b.size) {
    moveToFront(b);
    return;
  }
  const grown = entryColumns(2 * b.lessor.length);
  for (const name of ENTRY_COLUMNS) grown[name].set(b[name]);
  Object.assign(b, grown);
}

function moveToFront(b: ContractBook): void {
  const { head, size } = b;
  for (const name of ENTRY_COLUMNS) b[name].copyWithin(0, head, size);
  b.head = 0;
  b.size = size - head;
  b.base += head;
  // Every first-month entry has ended: none is found by position any more.
  b.spreadEnd = 0;
  b.endingInMonth = [];
}

/** First entry that may be live: the first month's entries may be, wherever the head is. */
const firstLive = (b: ContractBook): number => (b.spreadLive > 0 ? 0 : b.head);

/** Takes live contract `k` out of the book and off both parties' totals. */
function endContract(state: MarketState, b: ContractBook, k: number): void {
  b.live[k] = 0;
  if (k < b.spreadEnd) b.spreadLive--;
  const l = state.lessors[b.lessor[k]];
  const d = state.developers[b.developer[k]];
  addTo(l, d, b.gen[k], -b.quantityRef[k], -b.moneyPerHour[k], -b.prepaidPerHour[k], b === state.offtakeBook);
}

/**
 * The start of month `t`: contracts whose term is over, or whose lessor or developer left last
 * month, drop out of the books and off the parties' totals. Then lessors whose fleet no longer
 * covers their books shrink them, and developers who hold more than they need hand some back.
 */
export function contractUpkeep(state: MarketState, t: number): void {
  if (state.leftLessors.length + state.leftDevelopers.length > 0) endWithLeavers(state);
  endTerms(state, state.contracts, t);
  endTerms(state, state.offtakeBook, t);
  shrinkOverbooked(state);
  releaseExcess(state);
}

/** Ends the contracts whose term is over by month `t`. */
function endTerms(state: MarketState, b: ContractBook, t: number): void {
  const spread = b.endingInMonth[t];
  if (spread !== undefined) {
    for (const k of spread) if (b.live[k] === 1) endContract(state, b, k);
    b.endingInMonth[t] = undefined;
  }
  let i = b.head;
  for (; i < b.size; i++) {
    if (b.live[i] === 1) {
      if (b.end[i] > t) break;
      endContract(state, b, i);
    }
  }
  b.head = i;
}

/**
 * Ends the contracts of the parties that left last month (the month they left still counted them
 * as served); a developer that left holds nothing from then on.
 */
function endWithLeavers(state: MarketState): void {
  for (const b of [state.contracts, state.offtakeBook]) {
    for (const i of state.leftLessors) endAll(state, b, b.lastOfLessor, b.previousOfLessor, i);
    for (const i of state.leftDevelopers) endAll(state, b, b.lastOfDeveloper, b.previousOfDeveloper, i);
  }
  truncate(state.leftLessors, 0);
  truncate(state.leftDevelopers, 0);
}

/** Ends every live contract of party `i` (see `liveEntries`). */
function endAll(state: MarketState, b: ContractBook, last: Int32Array, previous: Int32Array, i: number): void {
  for (const k of liveEntries(b, last, previous, i, state.contractScratch.entries)) endContract(state, b, k);
  if (i < last.length) last[i] = -1;
}

/**
 * A lessor whose GPUs of a generation retired under its contract book cannot serve all of it: every
 * contract on that generation shrinks in proportion, and the renters look for the rest in the market.
 */
function shrinkOverbooked(state: MarketState): void {
  const { lessors } = state;
  const gens = state.scenario.generations;
  const nGen = gens.length;
  const w = state.contractScratch;
  const parties = w.parties;
  truncate(parties, 0);
  let factor: Float64Array | null = null;
  for (const l of lessors) {
    // Contracts are signed only on capacity that is free, so a book outgrows a fleet only when the fleet shrinks.
    if (!l.fleetShrank) continue;
    l.fleetShrank = false;
    if (!l.active || l.contractedRef <= 0) continue;
    let over = false;
    for (let g = 0; g < nGen; g++) {
      const cap = l.fleet.byGeneration[g] * gens[g].perfRatio;
      if (l.contractedByGen[g] <= cap * (1 + 1e-12)) continue;
      factor ??= onesFor(w, lessors.length * nGen);
      factor[l.index * nGen + g] = cap / l.contractedByGen[g];
      over = true;
    }
    if (over) parties.push(l.index);
  }
  if (factor === null) return;
  for (const b of [state.contracts, state.offtakeBook]) {
    for (const i of parties) {
      // The lessor's live entries, oldest first, as a pass over the whole book would meet them.
      const entries = liveEntries(b, b.lastOfLessor, b.previousOfLessor, i, w.entries);
      for (let n = entries.length - 1; n >= 0; n--) scaleEntry(state, b, entries[n], factor[i * nGen + b.gen[entries[n]]]);
    }
  }
}

/**
 * The live entries of party `i`, newest first, in `into`: its chain walked from the newest back
 * (`last`, `previous`: see `chainIn`). Entry numbers only grow, and entries leave the front of the
 * book only once ended, so the walk stops at the first number that has left it.
 */
function liveEntries(b: ContractBook, last: Int32Array, previous: Int32Array, i: number, into: number[]): number[] {
  truncate(into, 0);
  if (i >= last.length) return into;
  for (let id = last[i]; id >= b.base;) {
    const k = id - b.base;
    if (b.live[k] === 1) into.push(k);
    id = previous[k];
  }
  return into;
}

/**
 * A developer whose rental need fell below what it holds under contract (its own cluster came on
 * line, its need shrank or rents rose) hands part of the excess back each month: the lessor gets the
 * capacity back for the spot market. Offtakes are take-or-pay: only term contracts are handed back.
 */
function releaseExcess(state: MarketState): void {
  let factor: Float64Array | null = null;
  const s = state.scenario;
  for (const d of state.activeDevelopers) {
    const releasable = d.contractedRef - d.offtakeRef;
    if (releasable <= 1e-9) continue;
    const wanted = Math.max(0, d.need * state.priceResponse[d.kind] - d.ownRef);
    const excess = Math.min(releasable, d.contractedRef - wanted);
    if (excess <= 1e-9) continue;
    const release = developerParams(s, d.kind).releaseExcessPerMonth;
    if (release <= 0) continue;
    factor ??= onesFor(state.contractScratch, state.developers.length);
    factor[d.index] = 1 - (release * excess) / releasable;
  }
  if (factor) scaleByDeveloper(state, factor);
}

/** The upkeep's scale factors, `n` of them set to 1 (reused from month to month). */
function onesFor(w: ContractScratch, n: number): Float64Array {
  return fillRange((w.factor = room(w.factor, n)), 1, 0, n);
}

/**
 * Scales a developer's term contracts by its factor (1: unchanged); offtakes are take-or-pay and
 * keep their size.
 */
function scaleByDeveloper(state: MarketState, factor: Float64Array): void {
  const b = state.contracts;
  for (let k = firstLive(b); k < b.size; k++) if (b.live[k] === 1) scaleEntry(state, b, k, factor[b.developer[k]]);
}

/**
 * Scales live entry `k` by `f`, and both parties' totals with it. A lessor that lost the GPUs
 * refunds what was prepaid for the months it can no longer serve. A scaled contract is rounded down
 * to the quantum, so a book shrunk to fit a fleet does fit it.
 */
function scaleEntry(state: MarketState, b: ContractBook, k: number, f: number): void {
  if (f === 1) return;
  const q = quantize(b.quantityRef[k] * f);
  const money = quantize(q * b.pricePerHour[k]);
  const prepaid = quantize(money * b.prepaidShare[k]);
  const l = state.lessors[b.lessor[k]];
  addTo(l, state.developers[b.developer[k]], b.gen[k], q - b.quantityRef[k], money - b.moneyPerHour[k], prepaid - b.prepaidPerHour[k], b === state.offtakeBook);
  if (prepaid < b.prepaidPerHour[k]) {
    const refund = (b.prepaidPerHour[k] - prepaid) * state.scenario.hoursPerMonth * (b.end[k] - state.month);
    l.cash -= refund;
    l.flows.prepayments -= refund;
  }
  b.quantityRef[k] = q;
  b.moneyPerHour[k] = money;
  b.prepaidPerHour[k] = prepaid;
}
