/**
 * The market in its first month: incumbent fleets bought over the preceding months, their debt,
 * their orders already in the vendor's backlog, and the developers of each archetype.
 */
import type { Scenario } from '../scenario/schema.js';
import { monthOffset } from './calendar.js';
import { createDeveloper } from './developer.js';
import { DeveloperColumns } from './developerColumns.js';
import { contractAsk, finance, termMean } from './lessor.js';
import { bestGenerationForEntry, createLessor, emptyLessorRows } from './lessorFactory.js';
import { developerParams, generationIndex, lessorParams } from './params.js';
import { lognormalFactor, type Streams } from './random.js';
import { sortTranches } from './tranches.js';
import { DEVELOPER_KINDS, LESSOR_KINDS, type DeveloperKind } from './kinds.js';
import { emptyTally, emptyTrades, type Cohort, type MarketState } from './state.js';
import { emptyContractBook, emptyContractScratch } from './contracts.js';
import { costTable } from './costs.js';
import { emptyOrderQueues, generationPrice, placeLessorOrder, refreshVendor, vendorSchedule } from './vendor.js';
import { regimeIndex } from './demand.js';
import { kwPerMw, powerUsedKw } from './power.js';

/** `n` empty lists. Built by push: Array.from and map() may hand back holey arrays. */
function emptyLists<T>(n: number): T[][] {
  const lists: T[][] = [];
  for (let i = 0; i < n; i++) lists.push([]);
  return lists;
}

/** One number per developer kind, in a typed array (whose shape V8 never has to revise). */
function byDeveloperKind(f: (kind: DeveloperKind) => number): Float64Array {
  return Float64Array.of(f(0), f(1), f(2));
}

/** Whether a newest-chip preference could exclude some generation of the scenario. */
function newestRestricts(s: Scenario): boolean {
  const d = s.developers;
  const share = Math.max(d.frontier.trainingMinPerfShareOfNewest, d.startup.trainingMinPerfShareOfNewest, d.enterprise.trainingMinPerfShareOfNewest);
  const perf = s.generations.map((g) => g.perfRatio);
  return share * Math.max(...perf) > Math.min(...perf);
}

/** The most lessors a run can hold: the incumbents, every entrant of the pool, and a policy build-out's lessor. */
function lessorBound(s: Scenario): number {
  let n = s.entrants.poolSize + (s.policyBuild ? 1 : 0);
  for (const kind of LESSOR_KINDS) n += lessorParams(s, kind).initialCount;
  return n;
}

/** Initial fleets are split into this many cohorts of spread ages. */
const INITIAL_COHORTS = 3;

export function initialState(s: Scenario, streams: Streams): MarketState {
  const months = monthOffset(s.start, s.end) + 1;
  const nGen = s.generations.length;
  const rent = s.market.initialRentCcyPerRefGpuHour;
  // Every generation starts at the same rent per unit of performance; the list price at its premium.
  const spotByGen = Float64Array.from(s.generations, (g) => rent * g.perfRatio);
  const refIndex = generationIndex(s, s.referenceGeneration);
  const contractTermMean = Float64Array.from(s.generations, (g) => termMean(g.priceDeclinePerYear, s.market.contractMonths));
  const offtakeTermMean = Float64Array.from(s.generations, (g) => termMean(g.priceDeclinePerYear, s.market.offtake.months));
  const genOutput = new Float64Array(nGen);
  const genLeadTime = new Float64Array(nGen);
  const genAllowed = new Uint8Array(nGen);
  const genPrice = new Float64Array(nGen);
  const genPreBan = new Uint8Array(nGen);
  const lessorRoom = lessorBound(s);
  // Room for the first developers and as many arrivals again before their arrays grow.
  const developerRoom = 2 * DEVELOPER_KINDS.reduce<number>((n, kind) => n + developerParams(s, kind).initialCount, 0);
  const state: MarketState = {
    scenario: s,
    streams,
    month: 0,
    months,
    hype: s.market.hype.initial,
    hours: s.hoursPerMonth,
    region: s.region,
    lessors: [],
    lessorRows: emptyLessorRows(lessorRoom, nGen),
    developers: [],
    developerColumns: new DeveloperColumns(developerRoom),
    activeDevelopers: [],
    orderQueues: emptyOrderQueues(nGen),
    onOrder: new Float64Array(nGen),
    shipmentsByArrival: emptyLists(months + s.vendor.shippingMonths + s.market.installMonths),
    contracts: emptyContractBook(lessorRoom, developerRoom),
    offtakeBook: emptyContractBook(lessorRoom, developerRoom),
    contractScratch: emptyContractScratch(),
    leftLessors: [],
    leftDevelopers: [],
    entrantPoolLeft: s.entrants.poolSize,
    nextOrderSeq: 0,
    view: {
      spotRent: rent,
      previousSpotRent: rent,
      contractRent: contractAsk(rent, contractTermMean[refIndex], s.market.contractDiscount),
      utilisation: 0.9,
      spotByGen,
      spotChangeByGen: new Float64Array(nGen),
      contractByGen: spotByGen.map((x, g) => contractAsk(x, contractTermMean[g], s.market.contractDiscount)),
      offtakeByGen: spotByGen.map((x, g) => contractAsk(x, offtakeTermMean[g], s.market.offtake.discount)),
      listByGen: spotByGen.map((x) => x * s.market.list.premium),
      smoothedRent: rent,
      trailingNetMargin: s.entrants.referenceNetMargin,
      netMarginHistory: [],
    },
    genOutput,
    genBacklog: new Float64Array(nGen),
    genLeadTime,
    genAllowed,
    genPrice,
    genPreBan,
    vendorMonth: { output: genOutput, leadTime: genLeadTime, allowed: genAllowed, price: genPrice, preBan: genPreBan },
    launchMonth: Int32Array.from(s.generations, (g) => monthOffset(s.start, g.launch)),
    listSpotSum: new Float64Array(nGen),
    listSpotMonths: new Int32Array(nGen),
    trancheOrder: new Int32Array(0),
    trancheLimits: new Float64Array(0),
    trancheCount: 0,
    spareTrancheOrder: new Int32Array(0),
    spareTrancheLimits: new Float64Array(0),
    trancheOut: new Uint8Array(0),
    tranchesThrough: 0,
    schedule: vendorSchedule(s, months),
    costs: costTable(s),
    buildFrom: byDeveloperKind((k) => {
      const b = developerParams(s, k).build;
      return b && b.enabled ? monthOffset(s.start, b.fromMonth) : Infinity;
    }),
    needDecay: byDeveloperKind((k) => Math.pow(1 - developerParams(s, k).growthDecayPerYear, 1 / 12)),
    tally: emptyTally(),
    trades: emptyTrades(nGen),
    kindGenTotals: {
      revenue: new Float64Array(3 * nGen),
      capacity: new Float64Array(3 * nGen),
      askWeighted: new Float64Array(nGen),
      genCapacity: new Float64Array(nGen),
      installed: new Float64Array(nGen),
    },
    demandRegime: regimeIndex(s.demand.initial),
    wtpFactor: 1,
    needGrowthAdjust: 0,
    fundingFactor: 1,
    priceResponse: Float64Array.of(1, 1, 1),
    newestRestricts: newestRestricts(s),
    capacityMultiple: 1,
    capacityArrivals: new Float64Array(months + 1),
    powerCapacityKw: 0,
    powerArrivals: new Float64Array(months + 1),
    awaitingPower: [],
    contractTermMean,
    offtakeTermMean,
    offtakes: DEVELOPER_KINDS.some((k) => developerParams(s, k).offtakeShare > 0),
    uneconomicMonths: new Int32Array(3 * nGen),
    probeOrder: null,
    probeArrivals: new Float64Array(months),
  };
  const rng = streams.init;
  refreshVendor(state);

  for (const kind of LESSOR_KINDS) {
    const p = lessorParams(s, kind);
    const gen = generationIndex(s, p.initialGeneration);
    for (let k = 0; k < p.initialCount; k++) {
      const gpus = Math.max(INITIAL_COHORTS, Math.round(p.initialGpus * lognormalFactor(rng, p.sizeDispersion)));
      const cohorts: Cohort[] = [];
      let left = gpus;
      for (let c = 0; c < INITIAL_COHORTS; c++) {
        const count = c === INITIAL_COHORTS - 1 ? left : Math.floor(gpus / INITIAL_COHORTS);
        left -= count;
        // 0 - x, not -x: -0 is not a small integer to V8, and one such start makes every cohort's
        // integer fields doubles later in the run, which throws away optimised code mid-run.
        const start = 0 - Math.floor(rng() * (p.initialFleetMaxAgeMonths + 1));
        cohorts.push({ gen, count, start, lifeMonths: p.depreciationMonths, costPerGpu: generationPrice(s.generations[gen], s.start, start) });
      }
      const l = createLessor(state, kind, cohorts);
      l.asks[gen] = spotByGen[gen] * lognormalFactor(rng, p.pricing.noise);
      l.debt = Math.min(p.debtShare, p.maxDebtToAssets) * l.fleet.bookValue;
      l.cash = p.initialCashCcyPerGpu * gpus;
      l.flows.cashStart = l.cash;
      state.lessors.push(l);
    }
  }

  // Orders already queued at the vendor belong to the incumbents, in proportion to their fleets.
  const backlogGen = bestGenerationForEntry(state);
  if (backlogGen >= 0 && s.vendor.initialBacklogMonths > 0) {
    const total = Math.floor(state.genOutput[backlogGen] * s.vendor.initialBacklogMonths);
    let fleetTotal = 0;
    for (const l of state.lessors) fleetTotal += l.fleet.gpus;
    for (const l of state.lessors) {
      const p = lessorParams(s, l.kind);
      const price = state.genPrice[backlogGen];
      const f = finance(p, l, l.fleet.bookValue, Math.floor((total * l.fleet.gpus) / Math.max(1, fleetTotal)), price);
      if (f.count <= 0) continue;
      placeLessorOrder(state, l, backlogGen, f.count, price, f.debtPerGpu, f.equityPerGpu, p.priorityClass);
    }
  }

  for (const kind of DEVELOPER_KINDS) {
    const p = developerParams(s, kind);
    for (let k = 0; k < p.initialCount; k++) {
      state.developers.push(createDeveloper(s, kind, state.developers.length, rng, rent, state.developerColumns));
    }
  }
  state.activeDevelopers = state.developers.slice();
  sortTranches(state);
  if (s.power) state.powerCapacityKw = powerUsedKw(state) + kwPerMw(s.power.initialHeadroomMw);
  return state;
}
