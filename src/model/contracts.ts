/**
 * The books of term contracts and of multi-year offtakes, each as columns of typed arrays in the
 * order signed. Kept apart because each book's commitments then run one term and end in the order
 * signed, so that dropping what ended is a move of the book's head, not a compaction.
 *
 * Each month's upkeep drops what ended and sums every party's contracts afresh, in the order
 * signed. Floating-point sums depend on their order, and this model is sensitive enough that a
 * difference in the last bit grows into a different path, so the totals are never kept by adding
 * and subtracting. The scan is cheap because it reads the columns front to back and sums into
 * typed arrays indexed by party, instead of visiting one object per contract.
 */
import { truncate } from './arrays.js';
import { developerParams } from './params.js';
import type { ContractBook, ContractSums, MarketState } from './state.js';

const INITIAL_CAPACITY = 256;

export function emptyContractBook(): ContractBook {
  return {
    head: 0,
    size: 0,
    lessor: new Int32Array(INITIAL_CAPACITY),
    developer: new Int32Array(INITIAL_CAPACITY),
    quantityRef: new Float64Array(INITIAL_CAPACITY),
    pricePerHour: new Float64Array(INITIAL_CAPACITY),
    end: new Int32Array(INITIAL_CAPACITY),
    gen: new Int32Array(INITIAL_CAPACITY),
    prepaid: new Float64Array(INITIAL_CAPACITY),
  };
}

/** The upkeep's work arrays, one set for both books (they grow as parties arrive). */
export function emptyContractSums(): ContractSums {
  return {
    lessorRef: new Float64Array(0),
    lessorMoney: new Float64Array(0),
    developerRef: new Float64Array(0),
    developerMoney: new Float64Array(0),
    lessorPrepaid: new Float64Array(0),
    developerOfftake: new Float64Array(0),
    lessorGone: new Uint8Array(0),
    developerGone: new Uint8Array(0),
    factor: new Float64Array(0),
  };
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
export function signContract(
  state: MarketState,
  lessor: number,
  developer: number,
  gen: number,
  quantityRef: number,
  pricePerHour: number,
  terms: ContractTerms,
): void {
  const b = terms.offtake ? state.offtakeBook : state.contracts;
  if (b.size === b.lessor.length) grow(b);
  const k = b.size++;
  b.lessor[k] = lessor;
  b.developer[k] = developer;
  b.quantityRef[k] = quantityRef;
  b.pricePerHour[k] = pricePerHour;
  b.end[k] = terms.end;
  b.gen[k] = gen;
  b.prepaid[k] = terms.prepaidShare;
  const l = state.lessors[lessor];
  const d = state.developers[developer];
  const money = quantityRef * pricePerHour;
  l.contractedRef += quantityRef;
  l.contractedByGen[gen] += quantityRef;
  l.contractMoneyByGen[gen] += money;
  l.contractRevenuePerHour += money;
  d.contractedRef += quantityRef;
  d.contractSpendPerHour += money;
  if (terms.offtake) d.offtakeRef += quantityRef;
  if (terms.prepaidShare > 0) {
    l.contractPrepaidPerHour += money * terms.prepaidShare;
    if (terms.prepaidEarlier) return;
    const prepayment = money * terms.prepaidShare * state.scenario.hoursPerMonth * (terms.end - state.month);
    l.cash += prepayment;
    l.flows.prepayments += prepayment;
  }
}

/** Makes room at the end: first by moving the live contracts to the front, else by doubling. */
function grow(b: ContractBook): void {
  if (2 * b.head >= b.size) {
    moveToFront(b);
    return;
  }
  const n = 2 * b.lessor.length;
  b.lessor = larger(b.lessor, new Int32Array(n));
  b.developer = larger(b.developer, new Int32Array(n));
  b.quantityRef = larger(b.quantityRef, new Float64Array(n));
  b.pricePerHour = larger(b.pricePerHour, new Float64Array(n));
  b.end = larger(b.end, new Int32Array(n));
  b.gen = larger(b.gen, new Int32Array(n));
  b.prepaid = larger(b.prepaid, new Float64Array(n));
}

function larger<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

function moveToFront(b: ContractBook): void {
  const { head, size } = b;
  b.lessor.copyWithin(0, head, size);
  b.developer.copyWithin(0, head, size);
  b.quantityRef.copyWithin(0, head, size);
  b.pricePerHour.copyWithin(0, head, size);
  b.end.copyWithin(0, head, size);
  b.gen.copyWithin(0, head, size);
  b.prepaid.copyWithin(0, head, size);
  b.head = 0;
  b.size = size - head;
}

/**
 * The start of month `t`: contracts whose term is over, or whose lessor or developer left last
 * month, drop out of the books; every party's totals are summed afresh from the rest. Then lessors
 * whose fleet no longer covers their books shrink them.
 */
export function contractUpkeep(state: MarketState, t: number): void {
  const sums = prepareSums(state);
  const nGen = state.genOutput.length;
  const someLeft = state.leftLessors.length + state.leftDevelopers.length > 0;
  dropAndSum(state.contracts, t, sums, someLeft, nGen, false);
  if (state.offtakeBook.size > 0) dropAndSum(state.offtakeBook, t, sums, someLeft, nGen, true);
  for (const l of state.lessors) {
    if (!l.active) continue;
    let ref = 0;
    let money = 0;
    for (let g = 0; g < nGen; g++) {
      const i = l.index * nGen + g;
      l.contractedByGen[g] = sums.lessorRef[i];
      l.contractMoneyByGen[g] = sums.lessorMoney[i];
      ref += sums.lessorRef[i];
      money += sums.lessorMoney[i];
    }
    l.contractedRef = ref;
    l.contractRevenuePerHour = money;
    l.contractPrepaidPerHour = sums.lessorPrepaid[l.index];
  }
  // Developers who left earlier have had no contracts, and totals of 0, since the upkeep after.
  for (const d of state.activeDevelopers) {
    d.contractedRef = sums.developerRef[d.index];
    d.contractSpendPerHour = sums.developerMoney[d.index];
    d.offtakeRef = sums.developerOfftake[d.index];
  }
  for (const i of state.leftDevelopers) {
    state.developers[i].contractedRef = 0;
    state.developers[i].contractSpendPerHour = 0;
    state.developers[i].offtakeRef = 0;
  }
  for (const i of state.leftLessors) sums.lessorGone[i] = 0;
  for (const i of state.leftDevelopers) sums.developerGone[i] = 0;
  truncate(state.leftLessors, 0);
  truncate(state.leftDevelopers, 0);
  shrinkOverbooked(state);
  releaseExcess(state);
}

/** Zeroed sums for every party, and flags on the parties that left last month. */
function prepareSums(state: MarketState): ContractSums {
  const sums = state.contractSums;
  const nL = state.lessors.length * state.genOutput.length;
  const nD = state.developers.length;
  if (sums.lessorRef.length < nL) {
    const n = Math.max(nL, 2 * sums.lessorRef.length);
    sums.lessorRef = new Float64Array(n);
    sums.lessorMoney = new Float64Array(n);
  }
  if (sums.lessorGone.length < state.lessors.length) {
    const n = Math.max(state.lessors.length, 2 * sums.lessorGone.length);
    sums.lessorGone = new Uint8Array(n);
    sums.lessorPrepaid = new Float64Array(n);
  }
  if (sums.developerRef.length < nD) {
    const n = Math.max(nD, 2 * sums.developerRef.length);
    sums.developerRef = new Float64Array(n);
    sums.developerMoney = new Float64Array(n);
    sums.developerOfftake = new Float64Array(n);
    sums.developerGone = new Uint8Array(n);
  }
  sums.lessorRef.fill(0, 0, nL);
  sums.lessorMoney.fill(0, 0, nL);
  sums.lessorPrepaid.fill(0, 0, state.lessors.length);
  sums.developerRef.fill(0, 0, nD);
  sums.developerMoney.fill(0, 0, nD);
  sums.developerOfftake.fill(0, 0, nD);
  // Contracts with parties that left earlier dropped out then, so only last month's leavers matter.
  for (const i of state.leftLessors) sums.lessorGone[i] = 1;
  for (const i of state.leftDevelopers) sums.developerGone[i] = 1;
  return sums;
}

/**
 * One pass over a book: drops what ended (or lost a party, when `someLeft`) and sums the rest by
 * party, into the offtake sums too when `offtakes`. Commitments signed after the first month all
 * run the book's term, so they end in the order signed: the head moves past them, and the rest
 * move down only when one in the middle ended.
 */
function dropAndSum(b: ContractBook, t: number, sums: ContractSums, someLeft: boolean, nGen: number, offtakes: boolean): void {
  const { lessor, developer, quantityRef, pricePerHour, end, gen, prepaid } = b;
  const { lessorRef, lessorMoney, developerRef, developerMoney, lessorGone, developerGone, lessorPrepaid, developerOfftake } = sums;
  const n = b.size;
  let i = b.head;
  while (i < n && end[i] <= t) i++;
  b.head = i;
  let k = i;
  for (; i < n; i++) {
    const li = lessor[i];
    const di = developer[i];
    if (end[i] <= t || (someLeft && (lessorGone[li] === 1 || developerGone[di] === 1))) continue;
    const q = quantityRef[i];
    const money = q * pricePerHour[i];
    const lg = li * nGen + gen[i];
    lessorRef[lg] += q;
    lessorMoney[lg] += money;
    developerRef[di] += q;
    developerMoney[di] += money;
    if (offtakes) {
      lessorPrepaid[li] += money * prepaid[i];
      developerOfftake[di] += q;
    }
    if (k !== i) {
      lessor[k] = li;
      developer[k] = di;
      quantityRef[k] = q;
      pricePerHour[k] = pricePerHour[i];
      end[k] = end[i];
      gen[k] = gen[i];
      prepaid[k] = prepaid[i];
    }
    k++;
  }
  b.size = k;
}

/**
 * A lessor whose GPUs of a generation retired under its contract book cannot serve all of it: every
 * contract on that generation shrinks in proportion, and the renters look for the rest in the market.
 */
function shrinkOverbooked(state: MarketState): void {
  const { lessors } = state;
  const gens = state.scenario.generations;
  const nGen = gens.length;
  let factor: Float64Array | null = null;
  for (const l of lessors) {
    if (!l.active || l.contractedRef <= 0) continue;
    for (let g = 0; g < nGen; g++) {
      const cap = l.fleet.byGeneration[g] * gens[g].perfRatio;
      if (l.contractedByGen[g] <= cap * (1 + 1e-12)) continue;
      factor ??= onesFor(state.contractSums, lessors.length * nGen);
      factor[l.index * nGen + g] = cap / l.contractedByGen[g];
    }
  }
  if (factor) scaleContracts(state, factor, true);
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
    factor ??= onesFor(state.contractSums, state.developers.length);
    factor[d.index] = 1 - (release * excess) / releasable;
  }
  if (factor) scaleContracts(state, factor, false);
}

/** The book's scratch factors, `n` of them set to 1 (reused from month to month). */
function onesFor(sums: ContractSums, n: number): Float64Array {
  if (sums.factor.length < n) sums.factor = new Float64Array(Math.max(n, 2 * sums.factor.length));
  sums.factor.fill(1, 0, n);
  return sums.factor;
}

/**
 * Scales each contract by its factor (1: unchanged), and both parties' totals with it: factors by
 * lessor * generations + generation when `byLessor` (the lessor lost the GPUs: offtakes shrink too,
 * and the lessor refunds what was prepaid for the months it can no longer serve), else by developer
 * (term contracts only: offtakes are take-or-pay and keep their size).
 */
function scaleContracts(state: MarketState, factor: Float64Array, byLessor: boolean): void {
  scaleBook(state, state.contracts, factor, byLessor, false);
  if (byLessor) scaleBook(state, state.offtakeBook, factor, true, true);
  for (const l of state.lessors) {
    if (!l.active) continue;
    if (l.contractedRef < 0) l.contractedRef = 0;
    for (let g = 0; g < l.contractedByGen.length; g++) if (l.contractedByGen[g] < 0) l.contractedByGen[g] = 0;
  }
}

function scaleBook(state: MarketState, b: ContractBook, factor: Float64Array, byLessor: boolean, offtakes: boolean): void {
  const { lessors, developers } = state;
  const nGen = state.scenario.generations.length;
  const hours = state.scenario.hoursPerMonth;
  for (let k = b.head; k < b.size; k++) {
    const f = byLessor ? factor[b.lessor[k] * nGen + b.gen[k]] : factor[b.developer[k]];
    if (f === 1) continue;
    const cut = b.quantityRef[k] * (1 - f);
    const price = b.pricePerHour[k];
    const l = lessors[b.lessor[k]];
    const d = developers[b.developer[k]];
    b.quantityRef[k] -= cut;
    l.contractedRef -= cut;
    l.contractedByGen[b.gen[k]] -= cut;
    l.contractMoneyByGen[b.gen[k]] -= cut * price;
    l.contractRevenuePerHour -= cut * price;
    d.contractedRef -= cut;
    d.contractSpendPerHour -= cut * price;
    if (offtakes) d.offtakeRef -= cut;
    if (b.prepaid[k] > 0) {
      l.contractPrepaidPerHour -= cut * price * b.prepaid[k];
      const refund = cut * price * b.prepaid[k] * hours * (b.end[k] - state.month);
      l.cash -= refund;
      l.flows.prepayments -= refund;
    }
  }
}
