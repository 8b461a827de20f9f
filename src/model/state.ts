/**
 * The market's state: records with no back-pointers. Agents refer to each other by their index in
 * `MarketState.lessors` / `MarketState.developers`, which never shrink (an exited agent stays in
 * place, inactive), so an index is a stable identity for the whole run. The agents' numbers are kept
 * in typed arrays behind accessors (developerColumns.ts, lessorNumbers.ts, `LessorRows`): the rules
 * read them as fields. This file imports no rule: the agents' shapes come from the modules that
 * store them, and the archetypes from kinds.ts.
 */
import type { Scenario } from '../scenario/schema.js';
import type { Rng, Streams } from './random.js';
import type { Developer, DeveloperColumns } from './developerColumns.js';
import type { Cohort, FleetSummary, Lessor, LessorFlows, LessorRecord, LessorRows, Order } from './lessorNumbers.js';

export type { Cohort, Developer, FleetSummary, Lessor, LessorFlows, LessorRows, Order };
export type { OwnCohort } from './developerColumns.js';

export { DEVELOPER_KINDS, ENTERPRISE, ENTRANT, FRONTIER, INCUMBENT, LESSOR_KINDS, SPECIALIST, STARTUP, type DeveloperKind, type LessorKind } from './kinds.js';

/**
 * -0 rather than 0: V8 stores a literal 0 as a small integer and later doubles force every record
 * through a change of hidden class; starting from -0 (which adds exactly like 0) keeps one shape.
 */
export const D0 = -0;

export interface Shipment {
  arrival: number;
  gen: number;
  buyerIsLessor: boolean;
  buyer: number;
  count: number;
  pricePerGpu: number;
  debtPerGpu: number;
  equityPerGpu: number;
}

/**
 * The term contracts, as columns in the order signed: lessor, developer and generation, the month in
 * which the contract no longer runs, reference GPUs, price and money per reference-GPU-hour, and the
 * money per hour paid in advance (with its share of the contract's value). Quantities and money
 * are whole multiples of a quantum, so that parties' totals stay exact. See contracts.ts.
 */
export interface ContractBook {
  /** Entries before it have ended, except the first month's (before `spreadEnd`) while `spreadLive` of them run. */
  head: number;
  size: number;
  spreadEnd: number;
  spreadLive: number;
  /** The first month's entries by the month they end in. */
  endingInMonth: (number[] | undefined)[];
  /**
   * Each party's entries, as a chain of entry numbers from its newest (`lastOf…`, by party; -1:
   * none) back through `previousOf…` (by entry). An entry's number is its position plus `base`,
   * which grows as ended entries are cleared from the front, so that the numbers stay valid.
   */
  base: number;
  lastOfLessor: Int32Array;
  lastOfDeveloper: Int32Array;
  previousOfLessor: Int32Array;
  previousOfDeveloper: Int32Array;
  /** 1 while the contract runs. */
  live: Uint8Array;
  lessor: Int32Array;
  developer: Int32Array;
  gen: Int32Array;
  end: Int32Array;
  quantityRef: Float64Array;
  pricePerHour: Float64Array;
  moneyPerHour: Float64Array;
  prepaidPerHour: Float64Array;
  prepaidShare: Float64Array;
}

/** Work arrays of the books' monthly upkeep. */
export interface ContractScratch {
  /** Scale factors of the month's shrinking contracts, by lessor and generation or by developer. */
  factor: Float64Array;
  /** The lessors whose contracts shrink this month, and the entries of one of them. */
  parties: number[];
  entries: number[];
}

/** The vendor's orders of one generation and priority class, first in first out from `head`. */
export interface OrderQueue {
  orders: Order[];
  head: number;
}

/** What every agent may see of the past: last month's observed market (never the current month's). */
export interface PublicView {
  spotRent: number;
  previousSpotRent: number;
  contractRent: number;
  utilisation: number;
  /** Each generation's spot, contract, offtake and list price per GPU-hour of that generation. */
  spotByGen: Float64Array;
  /** Each generation's relative change of spot price from the month before (see `relativeChange`). */
  spotChangeByGen: Float64Array;
  contractByGen: Float64Array;
  offtakeByGen: Float64Array;
  listByGen: Float64Array;
  /** Spot rent per reference-GPU-hour, exponentially smoothed: the rent developers plan their use on. */
  smoothedRent: number;
  /** Trailing mean of industry net margin. */
  trailingNetMargin: number;
  netMarginHistory: number[];
}

/**
 * The vendor's month as buyers see it, by generation: output, queue lead time, whether the region
 * may buy it, its price, and whether a ban on it is announced. The arrays are the state's own
 * (`genOutput` …), refreshed in place every month.
 */
export interface VendorMonth {
  output: Float64Array;
  leadTime: Float64Array;
  allowed: Uint8Array;
  price: Float64Array;
  preBan: Uint8Array;
}

export interface CostTable {
  /** energyFull[kind][gen] */
  energyFull: Float64Array[];
  /** fixed[kind][gen] */
  fixed: Float64Array[];
  /** floorPerHour[kind][gen]: cash cost per GPU-hour at full use, the floor under asks. */
  floorPerHour: Float64Array[];
  idlePowerShare: number;
}

/**
 * Output, price and availability of every generation in every month, fixed by the scenario:
 * before a ban, output is boosted from its announcement; after it, only a grey channel (if any)
 * delivers, in limited volume and at a premium. `grey` marks those months: packaging expansion does
 * not widen a smuggling channel.
 */
export interface VendorSchedule {
  output: Float64Array[];
  price: Float64Array[];
  allowed: Uint8Array[];
  preBan: Uint8Array[];
  grey: Uint8Array[];
}

/**
 * Volume (reference GPUs) and value (money per hour) traded this month, by generation; and the
 * lessors' contract and offtake asks per GPU-hour summed over their capacity (reference GPUs), the
 * quote when nothing traded.
 */
export interface GenerationTrades {
  spotVolume: Float64Array;
  spotValue: Float64Array;
  contractVolume: Float64Array;
  contractValue: Float64Array;
  offtakeVolume: Float64Array;
  offtakeValue: Float64Array;
  contractQuote: Float64Array;
  offtakeQuote: Float64Array;
  quoteCapacity: Float64Array;
}

export interface MarketState {
  scenario: Scenario;
  streams: Streams;
  month: number;
  months: number;
  /** This month's hype index, an exogenous driver from the scenario. */
  hype: number;
  hours: number;
  region: string;
  lessors: LessorRecord[];
  /** The lessors' numbers by generation (see LessorRows). */
  lessorRows: LessorRows;
  developers: Developer[];
  /** Where the developers' numbers are kept (see developerColumns.ts). */
  developerColumns: DeveloperColumns;
  /**
   * The active developers, in index order: most loops visit only them (developers who left never
   * return, and in long runs they are most of `developers`). Rebuilt after each month's turnover.
   */
  activeDevelopers: Developer[];
  /**
   * The vendor's backlog, `orderQueues[gen][priority]`. An order cancelled because its buyer left
   * stays queued with nothing remaining and is skipped when it reaches the head.
   */
  orderQueues: OrderQueue[][];
  /** GPUs on order per generation, kept up to date as orders are placed, filled and cancelled. */
  onOrder: Float64Array;
  /** Shipments in transit by the month they arrive in. */
  shipmentsByArrival: Shipment[][];
  /** Term contracts, and multi-year offtakes (take-or-pay): two books (see contracts.ts). */
  contracts: ContractBook;
  offtakeBook: ContractBook;
  contractScratch: ContractScratch;
  /**
   * Parties that left since the contract book's last upkeep. Their contracts end at the next upkeep
   * (the start of next month), so that the month in which they left still counts them as served.
   */
  leftLessors: number[];
  leftDevelopers: number[];
  entrantPoolLeft: number;
  nextOrderSeq: number;
  view: PublicView;
  /** Per-generation vendor facts of the current month. */
  genOutput: Float64Array;
  genBacklog: Float64Array;
  genLeadTime: Float64Array;
  genAllowed: Uint8Array;
  genPrice: Float64Array;
  /** 1 while a ban on the generation is announced but not yet in force: buyers stockpile. */
  genPreBan: Uint8Array;
  /** The same arrays, as the decision rules see them. */
  vendorMonth: VendorMonth;
  /** Month index of each generation's launch (negative: before the start). */
  launchMonth: Int32Array;
  /** Spot rents summed since each generation's last list-price revision, and the months summed. */
  listSpotSum: Float64Array;
  listSpotMonths: Int32Array;
  /** The vendor's output, prices and export controls over the horizon, computed once. */
  schedule: VendorSchedule;
  /** Per lessor kind and generation: cash cost per GPU-month, split into energy at full power and the rest. */
  costs: CostTable;
  /** Month index from which each developer kind may order its own chips (Infinity: never). */
  buildFrom: Float64Array;
  /** Monthly factor by which each developer kind's growth of need shrinks. */
  needDecay: Float64Array;
  /**
   * Developers' bid tranches (developer index * 2 + 0 for training, + 1 for inference), kept in
   * merit order (limit price descending, then key ascending) so clearing need not sort them: the
   * first `trancheCount` entries of `trancheOrder`, with their limit prices in `trancheLimits`.
   */
  trancheOrder: Int32Array;
  trancheLimits: Float64Array;
  trancheCount: number;
  /** The arrays the next update of the merit order is written into (it then swaps them with the order's). */
  spareTrancheOrder: Int32Array;
  spareTrancheLimits: Float64Array;
  /** By developer: 1 while an update of the merit order takes its tranches out (see tranches.ts). */
  trancheOut: Uint8Array;
  /** Developers with an index below this have their tranches in the merit order. */
  tranchesThrough: number;
  /** Month counters, reset at the start of every month. */
  tally: MonthTally;
  /** This month's trades by generation, which the month's indices are read from. */
  trades: GenerationTrades;
  /** Demand regime (0 boom, 1 squeeze, 2 wave) and the market-wide factors it sets this month. */
  demandRegime: number;
  wtpFactor: number;
  needGrowthAdjust: number;
  fundingFactor: number;
  /**
   * Whether any archetype's newest-chip preference can ever exclude a generation of the scenario
   * (its share of the best performance above the least); if not, clearing skips the check.
   */
  newestRestricts: boolean;
  /** Rental quantity per unit of need, by developer kind, from the smoothed rent and each kind's elasticity. */
  priceResponse: Float64Array;
  /** The vendor's packaging capacity as a multiple of the scheduled ramp, and additions by the month they arrive. */
  capacityMultiple: number;
  capacityArrivals: Float64Array;
  /** Power ready for GPUs (kW of IT load), its additions by arrival month, and shipments waiting for it. */
  powerCapacityKw: number;
  powerArrivals: Float64Array;
  awaitingPower: Shipment[];
  /** Per generation: the mean of its rent over a term contract's and an offtake's term, relative to now (see `termMean`). */
  contractTermMean: Float64Array;
  offtakeTermMean: Float64Array;
  /** Whether any archetype asks for offtakes; if not, clearing skips their market. */
  offtakes: boolean;
  /** Consecutive months each generation's spot rent stayed below each lessor kind's cash cost (kind * generations + gen). */
  uneconomicMonths: Int32Array;
  /** The probe's order (null before its entry) and its fills: GPUs by the month they become rentable. */
  probeOrder: Order | null;
  probeArrivals: Float64Array;
  /**
   * The observation's sums by lessor kind * generations + generation (revenue, capacity in
   * reference GPUs) and by generation (ask * capacity, capacity, installed GPUs), reused every
   * month: allocating them monthly costs more than the sums.
   */
  kindGenTotals: { revenue: Float64Array; capacity: Float64Array; askWeighted: Float64Array; genCapacity: Float64Array; installed: Float64Array };
}

export interface MonthTally {
  vendorOutput: number;
  deliveredToLessors: number;
  entries: number;
  exits: number;
  secondaryResold: number;
  secondaryScrapped: number;
  demandRef: number;
  spotVolume: number;
  spotValue: number;
  contractVolume: number;
  contractValue: number;
  retiredUneconomic: number;
  cancelledGpus: number;
  awaitingPowerGpus: number;
}

/** Resets the month counters in place: every field is written each month, so V8 never meets a first write mid-run. */
export function resetTally(t: MonthTally): void {
  t.vendorOutput = D0;
  t.deliveredToLessors = D0;
  t.entries = D0;
  t.exits = D0;
  t.secondaryResold = D0;
  t.secondaryScrapped = D0;
  t.demandRef = D0;
  t.spotVolume = D0;
  t.spotValue = D0;
  t.contractVolume = D0;
  t.contractValue = D0;
  t.retiredUneconomic = D0;
  t.cancelledGpus = D0;
  t.awaitingPowerGpus = D0;
}

export const emptyTally = (): MonthTally => ({
  vendorOutput: D0,
  deliveredToLessors: D0,
  entries: D0,
  exits: D0,
  secondaryResold: D0,
  secondaryScrapped: D0,
  demandRef: D0,
  spotVolume: D0,
  spotValue: D0,
  contractVolume: D0,
  contractValue: D0,
  retiredUneconomic: D0,
  cancelledGpus: D0,
  awaitingPowerGpus: D0,
});

export type { Rng };

export function emptyTrades(generations: number): GenerationTrades {
  const column = () => new Float64Array(generations);
  return {
    spotVolume: column(),
    spotValue: column(),
    contractVolume: column(),
    contractValue: column(),
    offtakeVolume: column(),
    offtakeValue: column(),
    contractQuote: column(),
    offtakeQuote: column(),
    quoteCapacity: column(),
  };
}
