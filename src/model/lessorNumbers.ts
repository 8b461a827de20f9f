/**
 * A lessor: its shape (`Lessor`, with `Cohort`, `Order` and the state's `LessorRows`) and where its
 * numbers live. The numbers every phase reads and writes for every lessor every month: the lessor's own, its
 * fleet's running totals and the month's flows. V8 keeps each double held in an object field in a
 * separate heap box, scattered through memory; with a thousand lessors visited several times a
 * month, those boxes missed the cache on most visits. Here each record's numbers sit side by side in
 * one small typed array behind accessors, which the optimising compiler inlines, so the rules read
 * and write `l.cash` as before. A slot holds exactly the double a field would: results are the
 * same bit for bit.
 *
 * A lessor's own numbers and its flows are a row of the state's `lessorRows.numbers`, not arrays
 * of their own: a typed array of more than 64 bytes gets its own memory outside V8's heap, which
 * costs microseconds to allocate and to collect, and a run creates a lessor for every entrant.
 */

import { fillRange } from './arrays.js';
import type { LessorKind } from './kinds.js';

/**
 * The lessors' numbers by generation, one array per quantity indexed by offer key (lessor *
 * generations + generation). Each lessor's by-generation arrays (`asks`, `contractedByGen`,
 * `fleet.byGeneration`, ...) are views of its row. Loops over every lessor and generation (the
 * offer books, settlement, observation) read these arrays in key order instead of visiting each
 * lessor's own arrays: with a thousand lessors, those scattered arrays miss the cache on every visit.
 */
export interface LessorRows {
  asks: Float64Array;
  expectedRent: Float64Array;
  rentTrend: Float64Array;
  utilisation: Float64Array;
  contracted: Float64Array;
  contractMoney: Float64Array;
  revenue: Float64Array;
  installed: Float64Array;
  /** Not by generation: each lessor's own numbers and flows, `LESSOR_NUMBERS` slots per lessor (see lessorNumbers.ts). */
  numbers: Float64Array;
}

/** GPUs of one generation acquired together; they serve for `lifeMonths` from `start`. */
export interface Cohort {
  gen: number;
  count: number;
  start: number;
  lifeMonths: number;
  costPerGpu: number;
}

export interface Lessor {
  index: number;
  kind: LessorKind;
  active: boolean;
  entryMonth: number;
  exitMonth: number;
  cohorts: Cohort[];
  cash: number;
  debt: number;
  /** State-backed lessor of a policy build-out: it orders on the programme's schedule and does not exit on losses. */
  policy: boolean;
  /** Spot ask per GPU-hour of each generation (0 until the lessor first prices it). */
  asks: Float64Array;
  /** Adaptive expectation of each generation's spot rent per GPU-hour, and its smoothed monthly trend. */
  expectedRent: Float64Array;
  rentTrend: Float64Array;
  expectedUtilisation: number;
  lastUtilisation: number;
  /** Share of each generation's capacity sold last month (contract and spot). */
  utilisationByGen: Float64Array;
  /** Reference GPUs under contract by generation, kept up to date like `contractedRef`. */
  contractedByGen: Float64Array;
  /** Money per hour the contract book brings in, by generation. */
  contractMoneyByGen: Float64Array;
  /** Revenue of the month by generation (settlement writes it; the probe and observation read it). */
  revenueByGen: Float64Array;
  negativeMonths: number;
  idleMonths: number;
  pipelineGpus: number;
  committedEquity: number;
  pipelineDebt: number;
  pipelineValue: number;
  /** GPUs this lessor would still add this month; the secondary market reads it. */
  wantGpus: number;
  /** The fleet as it stands after this month's deliveries and retirements. */
  fleet: FleetSummary;
  /**
   * Set when GPUs leave the fleet; cleared by the contract upkeep once it has checked that the
   * lessor's book still fits (only a fleet that shrank can hold more contracts than GPUs).
   */
  fleetShrank: boolean;
  /** Capacity in reference GPUs, refreshed at the start of each month. */
  capacityRef: number;
  /** Reference GPUs under contract: kept up to date (exactly) by contracts.ts as contracts are signed, shrink and end. */
  contractedRef: number;
  /** Money per hour the contract book brings in this month. */
  contractRevenuePerHour: number;
  /** The part of it offtakers paid in advance. */
  contractPrepaidPerHour: number;
  /** The lessor's orders still in the vendor's backlog, oldest first (filled ones are dropped lazily). */
  orders: Order[];
  flows: LessorFlows;
}

/** An order in the vendor's backlog. `buyer` is a lessor index or a developer index per `buyerIsLessor`. */
export interface Order {
  seq: number;
  gen: number;
  priority: 0 | 1;
  buyerIsLessor: boolean;
  buyer: number;
  remaining: number;
  pricePerGpu: number;
  debtPerGpu: number;
  equityPerGpu: number;
  /**
   * The probe's order: it waits its turn in the queue like any order, but when its turn comes it
   * takes nothing from the month's output, so that a price-taking probe does not move the market.
   */
  shadow: boolean;
}

const GPUS = 0;
const CAPACITY_REF = 1;
const KW = 2;
const DEPRECIATION = 3;
const BOOK_VALUE = 4;
const CASH_COST_FULL = 5;
const NEXT_RETIREMENT = 6;
const FLEET_FIELDS = 7;
export const RECORD_FIELDS = 15;
const FLOW_FIELDS = 26;
/** Slots of a lessor's row of `lessorRows.numbers`: its own numbers, then its month's flows. */
export const LESSOR_NUMBERS = RECORD_FIELDS + FLOW_FIELDS;

/** Running totals over a lessor's cohorts, kept by fleet.ts. */
export class FleetSummary {
  private readonly v = new Float64Array(FLEET_FIELDS);

  /** An empty fleet whose GPUs by generation are kept in `byGeneration` (all zeros). */
  constructor(
    /** GPUs by generation: the lessor's row of the state's `lessorRows.installed`. */
    public byGeneration: Float64Array,
    /** First month in which a cohort reaches the end of its life, when the fleet is empty. */
    never: number,
  ) {
    this.clear(never);
  }

  /** Empties the totals (not `byGeneration`). -0, not 0: the sum of -0 and x is x exactly. */
  clear(never: number): void {
    fillRange(this.v, -0);
    this.v[NEXT_RETIREMENT] = never;
  }

  get gpus(): number {
    return this.v[GPUS];
  }
  set gpus(x: number) {
    this.v[GPUS] = x;
  }
  get capacityRef(): number {
    return this.v[CAPACITY_REF];
  }
  set capacityRef(x: number) {
    this.v[CAPACITY_REF] = x;
  }
  get kw(): number {
    return this.v[KW];
  }
  set kw(x: number) {
    this.v[KW] = x;
  }
  /** Straight-line depreciation per month. */
  get depreciation(): number {
    return this.v[DEPRECIATION];
  }
  set depreciation(x: number) {
    this.v[DEPRECIATION] = x;
  }
  get bookValue(): number {
    return this.v[BOOK_VALUE];
  }
  set bookValue(x: number) {
    this.v[BOOK_VALUE] = x;
  }
  /** Cash cost per month with every GPU running. */
  get cashCostFull(): number {
    return this.v[CASH_COST_FULL];
  }
  set cashCostFull(x: number) {
    this.v[CASH_COST_FULL] = x;
  }
  /** First month in which a cohort reaches the end of its life. */
  get nextRetirement(): number {
    return this.v[NEXT_RETIREMENT];
  }
  set nextRetirement(x: number) {
    this.v[NEXT_RETIREMENT] = x;
  }
}

/**
 * What a lessor's cash and fleet did this month; `cashStart + inflows - outflows = cash` is checked
 * by tests.
 */
export class LessorFlows {
  /** `v`: the flows' slots (`FLOW_FIELDS`), which `reset` fills. */
  constructor(
    private v: Float64Array,
    cashStart: number,
    gpusStart: number,
  ) {
    this.reset(cashStart, gpusStart);
  }

  /** Moves the flows to `v`, which holds a copy of their slots. */
  moveTo(v: Float64Array): void {
    this.v = v;
  }

  /** Starts a new month: every flow -0 (which adds exactly like 0), the opening cash and GPUs set. */
  reset(cashStart: number, gpusStart: number): void {
    fillRange(this.v, -0);
    this.cashStart = cashStart;
    this.gpusStart = gpusStart;
  }

  get cashStart(): number {
    return this.v[0];
  }
  set cashStart(x: number) {
    this.v[0] = x;
  }
  get spotRevenue(): number {
    return this.v[1];
  }
  set spotRevenue(x: number) {
    this.v[1] = x;
  }
  /** Contract revenue earned this month, including the part paid in advance. */
  get contractRevenue(): number {
    return this.v[2];
  }
  set contractRevenue(x: number) {
    this.v[2] = x;
  }
  /** The part of this month's contract revenue that offtakers prepaid at signing (no cash this month). */
  get contractPrepaidRevenue(): number {
    return this.v[3];
  }
  set contractPrepaidRevenue(x: number) {
    this.v[3] = x;
  }
  /** Prepayments received on offtakes signed this month, less those refunded on capacity the lessor lost. */
  get prepayments(): number {
    return this.v[4];
  }
  set prepayments(x: number) {
    this.v[4] = x;
  }
  get energy(): number {
    return this.v[5];
  }
  set energy(x: number) {
    this.v[5] = x;
  }
  get space(): number {
    return this.v[6];
  }
  set space(x: number) {
    this.v[6] = x;
  }
  get ops(): number {
    return this.v[7];
  }
  set ops(x: number) {
    this.v[7] = x;
  }
  get overhead(): number {
    return this.v[8];
  }
  set overhead(x: number) {
    this.v[8] = x;
  }
  get depreciation(): number {
    return this.v[9];
  }
  set depreciation(x: number) {
    this.v[9] = x;
  }
  get interest(): number {
    return this.v[10];
  }
  set interest(x: number) {
    this.v[10] = x;
  }
  get tax(): number {
    return this.v[11];
  }
  set tax(x: number) {
    this.v[11] = x;
  }
  get principal(): number {
    return this.v[12];
  }
  set principal(x: number) {
    this.v[12] = x;
  }
  get equityCapex(): number {
    return this.v[13];
  }
  set equityCapex(x: number) {
    this.v[13] = x;
  }
  get secondaryBought(): number {
    return this.v[14];
  }
  set secondaryBought(x: number) {
    this.v[14] = x;
  }
  get secondarySold(): number {
    return this.v[15];
  }
  set secondarySold(x: number) {
    this.v[15] = x;
  }
  get debtRepaidOnExit(): number {
    return this.v[16];
  }
  set debtRepaidOnExit(x: number) {
    this.v[16] = x;
  }
  /** Equity put in by a new entrant's owners. */
  get equityIn(): number {
    return this.v[17];
  }
  set equityIn(x: number) {
    this.v[17] = x;
  }
  /** Cash paid out to the owners when the lessor leaves the market. */
  get equityOut(): number {
    return this.v[18];
  }
  set equityOut(x: number) {
    this.v[18] = x;
  }
  /** GPUs in the fleet when the month began. */
  get gpusStart(): number {
    return this.v[19];
  }
  set gpusStart(x: number) {
    this.v[19] = x;
  }
  get gpusDelivered(): number {
    return this.v[20];
  }
  set gpusDelivered(x: number) {
    this.v[20] = x;
  }
  get gpusRetired(): number {
    return this.v[21];
  }
  set gpusRetired(x: number) {
    this.v[21] = x;
  }
  get gpusBoughtSecondHand(): number {
    return this.v[22];
  }
  set gpusBoughtSecondHand(x: number) {
    this.v[22] = x;
  }
  get gpusSold(): number {
    return this.v[23];
  }
  set gpusSold(x: number) {
    this.v[23] = x;
  }
  get gpusScrapped(): number {
    return this.v[24];
  }
  set gpusScrapped(x: number) {
    this.v[24] = x;
  }
  get soldRef(): number {
    return this.v[25];
  }
  set soldRef(x: number) {
    this.v[25] = x;
  }
}

/**
 * A lessor: its numbers (cash, debt, pipeline, expectations, ...) in one small array behind
 * accessors, its other fields its own. The documentation of each field is on `Lessor`.
 */
export class LessorRecord implements Lessor {
  private v: Float64Array;
  active = true;
  exitMonth = -1;
  policy = false;
  fleetShrank = false;
  cohorts: Cohort[] = [];
  orders: Order[] = [];
  flows: LessorFlows;
  asks!: Float64Array;
  expectedRent!: Float64Array;
  rentTrend!: Float64Array;
  utilisationByGen!: Float64Array;
  contractedByGen!: Float64Array;
  contractMoneyByGen!: Float64Array;
  revenueByGen!: Float64Array;
  fleet: FleetSummary;

  constructor(
    readonly index: number,
    readonly kind: LessorKind,
    readonly entryMonth: number,
    /** The lessor's row of the state's `LessorRows` (see lessorFactory.ts). */
    row: LessorRows,
    /** Its expected and last utilisation to start with. */
    utilisation: number,
    never: number,
  ) {
    this.v = row.numbers.subarray(0, RECORD_FIELDS).fill(-0);
    this.flows = new LessorFlows(row.numbers.subarray(RECORD_FIELDS), 0, 0);
    this.fleet = new FleetSummary(row.installed, never);
    pointByGeneration(this, row);
    this.expectedUtilisation = utilisation;
    this.lastUtilisation = utilisation;
  }

  /** Moves the lessor's own numbers and flows to `numbers`, which holds a copy of their slots. */
  moveTo(numbers: Float64Array): void {
    this.v = numbers.subarray(0, RECORD_FIELDS);
    this.flows.moveTo(numbers.subarray(RECORD_FIELDS));
  }

  get cash(): number {
    return this.v[0];
  }
  set cash(x: number) {
    this.v[0] = x;
  }
  get debt(): number {
    return this.v[1];
  }
  set debt(x: number) {
    this.v[1] = x;
  }
  get expectedUtilisation(): number {
    return this.v[2];
  }
  set expectedUtilisation(x: number) {
    this.v[2] = x;
  }
  get lastUtilisation(): number {
    return this.v[3];
  }
  set lastUtilisation(x: number) {
    this.v[3] = x;
  }
  get negativeMonths(): number {
    return this.v[4];
  }
  set negativeMonths(x: number) {
    this.v[4] = x;
  }
  get idleMonths(): number {
    return this.v[5];
  }
  set idleMonths(x: number) {
    this.v[5] = x;
  }
  get pipelineGpus(): number {
    return this.v[6];
  }
  set pipelineGpus(x: number) {
    this.v[6] = x;
  }
  get committedEquity(): number {
    return this.v[7];
  }
  set committedEquity(x: number) {
    this.v[7] = x;
  }
  get pipelineDebt(): number {
    return this.v[8];
  }
  set pipelineDebt(x: number) {
    this.v[8] = x;
  }
  get pipelineValue(): number {
    return this.v[9];
  }
  set pipelineValue(x: number) {
    this.v[9] = x;
  }
  get wantGpus(): number {
    return this.v[10];
  }
  set wantGpus(x: number) {
    this.v[10] = x;
  }
  get capacityRef(): number {
    return this.v[11];
  }
  set capacityRef(x: number) {
    this.v[11] = x;
  }
  get contractedRef(): number {
    return this.v[12];
  }
  set contractedRef(x: number) {
    this.v[12] = x;
  }
  get contractRevenuePerHour(): number {
    return this.v[13];
  }
  set contractRevenuePerHour(x: number) {
    this.v[13] = x;
  }
  get contractPrepaidPerHour(): number {
    return this.v[14];
  }
  set contractPrepaidPerHour(x: number) {
    this.v[14] = x;
  }
}

/** Points a lessor's numbers and by-generation arrays at `row`, its row of the state's `LessorRows`. */
export function attachRow(l: LessorRecord, row: LessorRows): void {
  l.moveTo(row.numbers);
  pointByGeneration(l, row);
}

function pointByGeneration(l: Lessor, row: LessorRows): void {
  l.asks = row.asks;
  l.expectedRent = row.expectedRent;
  l.rentTrend = row.rentTrend;
  l.utilisationByGen = row.utilisation;
  l.contractedByGen = row.contracted;
  l.contractMoneyByGen = row.contractMoney;
  l.revenueByGen = row.revenue;
  l.fleet.byGeneration = row.installed;
}
