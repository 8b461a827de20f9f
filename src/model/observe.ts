/**
 * Observation, the month's last phase. Reads the settled month and writes one value per metric into the run's
 * columns, then updates what agents may see next month. Nothing here feeds back into the current
 * month.
 */
import { cashCostsOf, ebitdaOf, grossProfitOf, netProfitOf, revenueOf } from './accounting.js';
import type { MetricName } from './metrics.js';
import { classifyRegime } from './regime.js';
import { generationIndex } from './params.js';
import { D0, type MarketState } from './state.js';
import { fillRange } from './arrays.js';
import { allowedOutput, backlogGpus, leadTime } from './vendor.js';
import { updateListPrices } from './listPrice.js';
import { contractAsk, relativeChange } from './lessor.js';

/** Months of industry net margin that entrants look back over. */
const TRAILING_MONTHS = 6;
/** Payback reported when a server never pays back at the month's economics (100 years). */
export const NEVER_PAYS_BACK_MONTHS = 1200;

export type Columns = Record<MetricName, Float64Array>;

interface Pnl {
  revenue: number;
  gross: number;
  ebitda: number;
  net: number;
}

const margin = (profit: number, revenue: number) => (revenue > 0 ? profit / revenue : 0);

const emptyPnl = (): Pnl => ({ revenue: 0, gross: 0, ebitda: 0, net: 0 });

/** Sums over the lessors that were in the market this month (including those that left in it). */
interface LessorTotals {
  pnl: Pnl[];
  active: number[];
  kindCapacity: number[];
  kindSold: number[];
  capacity: number;
  activeCapacity: number;
  served: number;
  contracted: number;
  cashCosts: number;
  depreciation: number;
  interest: number;
  cash: number;
  debt: number;
  installed: number;
  askWeighted: number;
  /** A lessor that left keeps its last month's flows, and they still count here (as before). */
  retired: number;
  /** By kind * generations + generation: revenue and capacity (reference GPUs); by generation: ask * capacity. */
  kindGenRevenue: Float64Array;
  kindGenCapacity: Float64Array;
  genAskWeighted: Float64Array;
  genCapacity: Float64Array;
  /** GPUs installed by generation at the active lessors. */
  genInstalled: Float64Array;
}

/** One pass over the lessors; installed GPUs by generation are summed and written into their columns. */
function lessorTotals(state: MarketState, installed: Float64Array[]): LessorTotals {
  const t = state.month;
  const gens = state.scenario.generations;
  const nGen = gens.length;
  const { installed: installedByKey, asks, revenue } = state.lessorRows;
  const x: LessorTotals = {
    pnl: [emptyPnl(), emptyPnl(), emptyPnl()],
    active: [0, 0, 0],
    kindCapacity: [0, 0, 0],
    kindSold: [0, 0, 0],
    capacity: D0,
    activeCapacity: D0,
    served: D0,
    contracted: D0,
    cashCosts: D0,
    depreciation: D0,
    interest: D0,
    cash: D0,
    debt: D0,
    installed: D0,
    askWeighted: D0,
    retired: D0,
    kindGenRevenue: fillRange(state.kindGenTotals.revenue, 0),
    kindGenCapacity: fillRange(state.kindGenTotals.capacity, 0),
    genAskWeighted: fillRange(state.kindGenTotals.askWeighted, 0),
    genCapacity: fillRange(state.kindGenTotals.genCapacity, 0),
    genInstalled: fillRange(state.kindGenTotals.installed, 0),
  };
  let capacity = 0;
  let activeCapacity = 0;
  let served = 0;
  let contracted = 0;
  let cashCosts = 0;
  let depreciation = 0;
  let interest = 0;
  let cash = 0;
  let debt = 0;
  let installedGpus = 0;
  let askWeighted = 0;
  let retired = 0;
  for (const l of state.lessors) {
    // A lessor that left in an earlier month keeps its last flows; they are not this month's.
    if (!l.active && l.exitMonth !== t) continue;
    retired += l.flows.gpusRetired;
    const f = l.flows;
    const k = l.kind;
    const pnl = x.pnl[k];
    x.kindSold[k] += f.soldRef;
    pnl.revenue += revenueOf(f);
    pnl.gross += grossProfitOf(f);
    pnl.ebitda += ebitdaOf(f);
    pnl.net += netProfitOf(f);
    capacity += l.capacityRef;
    x.kindCapacity[k] += l.capacityRef;
    served += f.soldRef;
    cashCosts += cashCostsOf(f);
    depreciation += f.depreciation;
    interest += f.interest;
    const fleet = l.fleet;
    const row = l.index * nGen;
    for (let g = 0; g < nGen; g++) {
      const n = installedByKey[row + g];
      if (l.active) x.genInstalled[g] += n;
      if (n <= 0) continue;
      const cap = n * gens[g].perfRatio;
      const ask = asks[row + g];
      // An ask per GPU-hour over the GPU's reference capacity: the ask per reference-GPU-hour.
      askWeighted += ask * n;
      x.genAskWeighted[g] += ask * cap;
      x.genCapacity[g] += cap;
      x.kindGenCapacity[k * nGen + g] += cap;
      x.kindGenRevenue[k * nGen + g] += revenue[row + g];
    }
    if (!l.active) continue;
    x.active[k]++;
    activeCapacity += l.capacityRef;
    contracted += l.contractedRef;
    cash += l.cash;
    debt += l.debt;
    installedGpus += fleet.gpus;
  }
  for (let g = 0; g < nGen; g++) installed[g][t] = x.genInstalled[g];
  x.capacity = capacity;
  x.activeCapacity = activeCapacity;
  x.served = served;
  x.contracted = contracted;
  x.cashCosts = cashCosts;
  x.depreciation = depreciation;
  x.interest = interest;
  x.cash = cash;
  x.debt = debt;
  x.installed = installedGpus;
  x.askWeighted = askWeighted;
  x.retired = retired;
  return x;
}

/** Herfindahl-Hirschman index of the active lessors' capacity (0 to 10,000). */
function hhiOf(state: MarketState, activeCapacity: number): number {
  let hhi = 0;
  if (activeCapacity <= 0) return hhi;
  for (const l of state.lessors) {
    if (!l.active) continue;
    const sh = l.capacityRef / activeCapacity;
    hhi += sh * sh * 10_000;
  }
  return hhi;
}

/** The per-generation columns of a run, one array per generation in each family. */
export interface GenerationColumns {
  installed: Float64Array[];
  spot: Float64Array[];
  contract: Float64Array[];
  offtake: Float64Array[];
  list: Float64Array[];
}

/**
 * Each generation's spot and contract index this month, per GPU-hour of the generation. Spot: the
 * volume-weighted price of its trades; without trades, the capacity-weighted asks of its holders;
 * without holders, the reference rent at parity of performance (what a new generation would fetch).
 * Contract and offtake: the volume-weighted price of those signed in the month; without any, the
 * capacity-weighted asks of its holders; without holders, the spot index priced over the term as
 * a lessor would (see `contractAsk`).
 */
function generationIndices(state: MarketState, lt: LessorTotals, spotRef: number): void {
  const s = state.scenario;
  const tr = state.trades;
  const view = state.view;
  const m = s.market;
  for (let g = 0; g < s.generations.length; g++) {
    const perf = s.generations[g].perfRatio;
    const spot = tr.spotVolume[g] > 0 ? (tr.spotValue[g] / tr.spotVolume[g]) * perf : lt.genCapacity[g] > 0 ? lt.genAskWeighted[g] / lt.genCapacity[g] : spotRef * perf;
    const quoted = tr.quoteCapacity[g];
    const contract = termIndex(tr.contractVolume[g], tr.contractValue[g], perf, quoted, tr.contractQuote[g], contractAsk(spot, state.contractTermMean[g], m.contractDiscount));
    const offtake = termIndex(tr.offtakeVolume[g], tr.offtakeValue[g], perf, quoted, tr.offtakeQuote[g], contractAsk(spot, state.offtakeTermMean[g], m.offtake.discount));
    view.spotChangeByGen[g] = relativeChange(spot, view.spotByGen[g]);
    view.spotByGen[g] = spot;
    view.contractByGen[g] = contract;
    view.offtakeByGen[g] = offtake;
  }
}

/** A term index per GPU-hour of a generation of performance `perf`, from the month's trades or, without any, as `generationIndices` says. */
function termIndex(volume: number, value: number, perf: number, quotedCapacity: number, quoteSum: number, parity: number): number {
  if (volume > 0) return (value / volume) * perf;
  return quotedCapacity > 0 ? quoteSum / quotedCapacity : parity;
}

/**
 * Writes month `state.month` of every column and brings the public view up to date; adds what a
 * probe of each of `probes` earned this month to its series in `probeMonths`.
 */
export function observe(state: MarketState, cols: Columns, gc: GenerationColumns, probes: readonly ProbeKey[], probeMonths: ProbeMonth[][]): void {
  const s = state.scenario;
  const t = state.month;
  const hours = s.hoursPerMonth;
  const tally = state.tally;
  const lt = lessorTotals(state, gc.installed);
  const { pnl, active, kindCapacity, kindSold, capacity, served, contracted, cashCosts, depreciation, interest } = lt;
  const { cash, debt, installed, askWeighted, retired } = lt;
  const hhi = hhiOf(state, lt.activeCapacity);
  let need = 0;
  let own = 0;
  let developers = 0;
  for (const d of state.activeDevelopers) {
    developers++;
    need += d.need;
    own += d.ownRef;
  }
  const backlog = backlogGpus(state);
  const output = allowedOutput(state);

  const view = state.view;
  const spot = tally.spotVolume > 0 ? tally.spotValue / tally.spotVolume : capacity > 0 ? askWeighted / capacity : view.spotRent;
  const contract = tally.contractVolume > 0 ? tally.contractValue / tally.contractVolume : view.contractRent;
  const revenue = pnl[0].revenue + pnl[1].revenue + pnl[2].revenue;
  const gross = pnl[0].gross + pnl[1].gross + pnl[2].gross;
  const ebitda = pnl[0].ebitda + pnl[1].ebitda + pnl[2].ebitda;
  const net = pnl[0].net + pnl[1].net + pnl[2].net;
  const capHours = capacity * hours;
  const utilisation = capacity > 0 ? Math.min(1, served / capacity) : 0;
  // Costs per hour sold: what the rent has to cover at the month's utilisation.
  const costHours = served > 0 ? served * hours : capHours;
  const cashCost = costHours > 0 ? cashCosts / costHours : 0;
  const fullCost = costHours > 0 ? (cashCosts + depreciation + interest) / costHours : 0;
  const ref = s.generations[generationIndex(s, s.referenceGeneration)];
  const perServer = 8 * ref.perfRatio * hours;
  const serverPrice = 8 * state.genPrice[generationIndex(s, s.referenceGeneration)];
  const serverCashMargin = (spot - cashCost) * perServer * utilisation;
  // Order to delivery, as the trade quotes it: the queue at the vendor plus manufacture, test and shipping.
  const lead = leadTime(backlog, output) + s.vendor.shippingMonths;
  const netMargin = margin(net, revenue);

  // Named writes: one property per site, which V8 resolves once instead of on every call.
  cols.spotRentCcyPerRefGpuHour[t] = spot;
  cols.contractRentCcyPerRefGpuHour[t] = contract;
  cols.spotRentCcyPerServerMonth[t] = spot * perServer;
  cols.contractRentCcyPerServerMonth[t] = contract * perServer;
  cols.realisedRentCcyPerRefGpuHour[t] = served > 0 ? revenue / (served * hours) : 0;
  cols.cashCostCcyPerRefGpuHour[t] = cashCost;
  cols.fullCostCcyPerRefGpuHour[t] = fullCost;
  cols.serverPaybackMonths[t] = serverCashMargin > 0 ? Math.min(NEVER_PAYS_BACK_MONTHS, serverPrice / serverCashMargin) : NEVER_PAYS_BACK_MONTHS;
  cols.installedGpus[t] = installed;
  cols.capacityRefGpuHours[t] = capHours;
  cols.demandRefGpuHours[t] = tally.demandRef * hours;
  cols.servedRefGpuHours[t] = served * hours;
  cols.unmetRefGpuHours[t] = Math.max(0, tally.demandRef - served) * hours;
  cols.contractedRefGpuHours[t] = contracted * hours;
  cols.utilisation[t] = utilisation;
  cols.deliveredGpus[t] = tally.deliveredToLessors;
  cols.retiredGpus[t] = retired;
  cols.vendorOutputGpus[t] = tally.vendorOutput;
  cols.vendorBacklogGpus[t] = backlog;
  cols.leadTimeMonths[t] = lead;
  cols.ownClusterRefGpuHours[t] = own * hours;
  cols.ownClusterShare[t] = need > 0 ? Math.min(1, own / need) : 0;
  cols.hypeIndex[t] = state.hype;
  cols.cancelledGpus[t] = tally.cancelledGpus;
  cols.awaitingPowerGpus[t] = tally.awaitingPowerGpus;
  cols.retiredUneconomicGpus[t] = tally.retiredUneconomic;
  cols.vendorCapacityMultiple[t] = state.capacityMultiple;
  cols.demandRegime[t] = state.demandRegime;
  cols.activeLessors[t] = active[0] + active[1] + active[2];
  cols.activeLessorsIncumbent[t] = active[0];
  cols.activeLessorsSpecialist[t] = active[1];
  cols.activeLessorsEntrant[t] = active[2];
  cols.activeDevelopers[t] = developers;
  cols.entries[t] = tally.entries;
  cols.exits[t] = tally.exits;
  cols.secondaryGpusResold[t] = tally.secondaryResold;
  cols.secondaryGpusScrapped[t] = tally.secondaryScrapped;
  cols.hhi[t] = hhi;
  cols.revenueCcy[t] = revenue;
  cols.grossMargin[t] = margin(gross, revenue);
  cols.ebitdaMargin[t] = margin(ebitda, revenue);
  cols.netMargin[t] = netMargin;
  cols.grossMarginIncumbent[t] = margin(pnl[0].gross, pnl[0].revenue);
  cols.grossMarginSpecialist[t] = margin(pnl[1].gross, pnl[1].revenue);
  cols.grossMarginEntrant[t] = margin(pnl[2].gross, pnl[2].revenue);
  cols.ebitdaMarginIncumbent[t] = margin(pnl[0].ebitda, pnl[0].revenue);
  cols.ebitdaMarginSpecialist[t] = margin(pnl[1].ebitda, pnl[1].revenue);
  cols.ebitdaMarginEntrant[t] = margin(pnl[2].ebitda, pnl[2].revenue);
  cols.netMarginIncumbent[t] = margin(pnl[0].net, pnl[0].revenue);
  cols.netMarginSpecialist[t] = margin(pnl[1].net, pnl[1].revenue);
  cols.netMarginEntrant[t] = margin(pnl[2].net, pnl[2].revenue);
  cols.cashCcy[t] = cash;
  cols.debtCcy[t] = debt;
  cols.regime[t] = classifyRegime(s.regime, { utilisation, leadTimeMonths: lead, spotRent: spot, fullCost, netMargin });

  view.previousSpotRent = view.spotRent;
  view.spotRent = spot;
  view.contractRent = contract;
  view.utilisation = utilisation;
  view.smoothedRent += s.market.priceSmoothing * (spot - view.smoothedRent);
  view.netMarginHistory.push(netMargin);
  view.trailingNetMargin = trailingMean(view.netMarginHistory, TRAILING_MONTHS);
  generationIndices(state, lt, spot);
  updateListPrices(state);
  for (let g = 0; g < s.generations.length; g++) {
    const launched = t >= state.launchMonth[g];
    gc.spot[g][t] = launched ? view.spotByGen[g] : 0;
    gc.contract[g][t] = launched ? view.contractByGen[g] : 0;
    gc.offtake[g][t] = launched ? view.offtakeByGen[g] : 0;
    gc.list[g][t] = launched ? view.listByGen[g] : 0;
  }
  for (let i = 0; i < probes.length; i++) probeMonths[i].push(probeMonth(state, lt, probes[i], kindCapacity, kindSold, utilisation));
}

/** The lessor kind and generation whose earnings the probe takes. */
export interface ProbeKey {
  kind: number;
  gen: number;
}

/**
 * What a price-taking lessor of the probe's kind earned this month per GPU-hour of the probe's
 * generation, and how busy such GPUs were: from lessors of that kind holding the generation; else
 * from every holder of it; else the generation's spot index at the kind's utilisation.
 */
function probeMonth(state: MarketState, lt: LessorTotals, probe: ProbeKey, kindCapacity: number[], kindSold: number[], utilisation: number): ProbeMonth {
  const s = state.scenario;
  const nGen = s.generations.length;
  const hours = s.hoursPerMonth;
  const { kind, gen } = probe;
  const perf = s.generations[gen].perfRatio;
  const kc = kindCapacity[kind];
  const u = kc > 0 ? Math.min(1, kindSold[kind] / kc) : utilisation;
  const cap = lt.kindGenCapacity[kind * nGen + gen];
  if (cap > 0) return { revenuePerGpuHour: (lt.kindGenRevenue[kind * nGen + gen] / (cap * hours)) * perf, utilisation: u };
  let revenue = 0;
  for (let k = 0; k < 3; k++) revenue += lt.kindGenRevenue[k * nGen + gen];
  if (lt.genCapacity[gen] > 0) return { revenuePerGpuHour: (revenue / (lt.genCapacity[gen] * hours)) * perf, utilisation: u };
  return { revenuePerGpuHour: state.view.spotByGen[gen] * u, utilisation: u };
}

/** Mean of the last `n` entries (or all, if fewer), summed oldest first. */
function trailingMean(xs: number[], n: number): number {
  const from = Math.max(0, xs.length - n);
  let sum = 0;
  for (let i = from; i < xs.length; i++) sum += xs[i];
  return sum / (xs.length - from);
}

export interface ProbeMonth {
  /** Revenue per GPU-hour of the probe's generation, utilisation included. */
  revenuePerGpuHour: number;
  utilisation: number;
}
