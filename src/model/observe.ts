/**
 * Phase 6: observation. Reads the settled month and writes one value per metric into the run's
 * columns, then updates what agents may see next month. Nothing here feeds back into the current
 * month.
 */
import { cashCostsOf, ebitdaOf, grossProfitOf, netProfitOf, revenueOf } from './accounting.js';
import type { MetricName } from './metrics.js';
import { classifyRegime } from './regime.js';
import { generationIndex } from './params.js';
import type { MarketState } from './state.js';
import { leadTime } from './vendor.js';

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

export function observe(state: MarketState, cols: Columns, byGen: Float64Array[], kindProbe: number): ProbeMonth {
  const s = state.scenario;
  const t = state.month;
  const hours = s.hoursPerMonth;
  const tally = state.tally;
  const pnl: Pnl[] = [0, 1, 2].map(() => ({ revenue: 0, gross: 0, ebitda: 0, net: 0 }));
  const active = [0, 0, 0];
  const kindCapacity = [0, 0, 0];
  let capacity = 0;
  let served = 0;
  let contracted = 0;
  let cashCosts = 0;
  let depreciation = 0;
  let interest = 0;
  let cash = 0;
  let debt = 0;
  let installed = 0;
  let askWeighted = 0;
  const gpusByGen = new Float64Array(s.generations.length);
  for (const l of state.lessors) {
    if (!l.active && l.exitMonth !== t) continue;
    const f = l.flows;
    const k = l.kind;
    pnl[k].revenue += revenueOf(f);
    pnl[k].gross += grossProfitOf(f);
    pnl[k].ebitda += ebitdaOf(f);
    pnl[k].net += netProfitOf(f);
    capacity += l.capacityRef;
    kindCapacity[k] += l.capacityRef;
    served += f.soldRef;
    cashCosts += cashCostsOf(f);
    depreciation += f.depreciation;
    interest += f.interest;
    askWeighted += l.ask * l.capacityRef;
    if (!l.active) continue;
    active[k]++;
    contracted += l.contractedRef;
    cash += l.cash;
    debt += l.debt;
    for (const c of l.cohorts) {
      installed += c.count;
      gpusByGen[c.gen] += c.count;
    }
  }
  let hhi = 0;
  let activeCapacity = 0;
  for (const l of state.lessors) if (l.active) activeCapacity += l.capacityRef;
  if (activeCapacity > 0) {
    for (const l of state.lessors) {
      if (!l.active) continue;
      const sh = l.capacityRef / activeCapacity;
      hhi += sh * sh * 10_000;
    }
  }
  let need = 0;
  let own = 0;
  let developers = 0;
  for (const d of state.developers) {
    if (!d.active) continue;
    developers++;
    need += d.need;
    own += d.ownRef;
  }
  let backlog = 0;
  for (const o of state.backlog) backlog += o.remaining;
  let output = 0;
  for (let g = 0; g < s.generations.length; g++) if (state.genAllowed[g]) output += state.genOutput[g];

  const view = state.view;
  const spot =
    tally.spotVolume > 0 ? tally.spotValue / tally.spotVolume : capacity > 0 ? askWeighted / capacity : view.spotRent;
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
  const lead = leadTime(backlog, output);
  const netMargin = margin(net, revenue);

  const set = (name: MetricName, v: number) => {
    cols[name][t] = v;
  };
  set('spotRentCcyPerRefGpuHour', spot);
  set('contractRentCcyPerRefGpuHour', contract);
  set('spotRentCcyPerServerMonth', spot * perServer);
  set('contractRentCcyPerServerMonth', contract * perServer);
  set('realisedRentCcyPerRefGpuHour', served > 0 ? revenue / (served * hours) : 0);
  set('cashCostCcyPerRefGpuHour', cashCost);
  set('fullCostCcyPerRefGpuHour', fullCost);
  set(
    'serverPaybackMonths',
    serverCashMargin > 0 ? Math.min(NEVER_PAYS_BACK_MONTHS, serverPrice / serverCashMargin) : NEVER_PAYS_BACK_MONTHS,
  );
  set('installedGpus', installed);
  set('capacityRefGpuHours', capHours);
  set('demandRefGpuHours', tally.demandRef * hours);
  set('servedRefGpuHours', served * hours);
  set('unmetRefGpuHours', Math.max(0, tally.demandRef - served) * hours);
  set('contractedRefGpuHours', contracted * hours);
  set('utilisation', utilisation);
  set('deliveredGpus', tally.deliveredToLessors);
  set('retiredGpus', state.lessors.reduce((a, l) => a + l.flows.gpusRetired, 0));
  set('vendorOutputGpus', tally.vendorOutput);
  set('vendorBacklogGpus', backlog);
  set('leadTimeMonths', lead);
  set('ownClusterRefGpuHours', own * hours);
  set('ownClusterShare', need > 0 ? Math.min(1, own / need) : 0);
  set('hypeIndex', state.hype);
  set('activeLessors', active[0] + active[1] + active[2]);
  set('activeLessorsIncumbent', active[0]);
  set('activeLessorsSpecialist', active[1]);
  set('activeLessorsEntrant', active[2]);
  set('activeDevelopers', developers);
  set('entries', tally.entries);
  set('exits', tally.exits);
  set('secondaryGpusResold', tally.secondaryResold);
  set('secondaryGpusScrapped', tally.secondaryScrapped);
  set('hhi', hhi);
  set('revenueCcy', revenue);
  set('grossMargin', margin(gross, revenue));
  set('ebitdaMargin', margin(ebitda, revenue));
  set('netMargin', netMargin);
  set('grossMarginIncumbent', margin(pnl[0].gross, pnl[0].revenue));
  set('grossMarginSpecialist', margin(pnl[1].gross, pnl[1].revenue));
  set('grossMarginEntrant', margin(pnl[2].gross, pnl[2].revenue));
  set('ebitdaMarginIncumbent', margin(pnl[0].ebitda, pnl[0].revenue));
  set('ebitdaMarginSpecialist', margin(pnl[1].ebitda, pnl[1].revenue));
  set('ebitdaMarginEntrant', margin(pnl[2].ebitda, pnl[2].revenue));
  set('netMarginIncumbent', margin(pnl[0].net, pnl[0].revenue));
  set('netMarginSpecialist', margin(pnl[1].net, pnl[1].revenue));
  set('netMarginEntrant', margin(pnl[2].net, pnl[2].revenue));
  set('cashCcy', cash);
  set('debtCcy', debt);
  set('regime', classifyRegime(s.regime, { utilisation, leadTimeMonths: lead, spotRent: spot, fullCost, netMargin }));
  for (let g = 0; g < byGen.length; g++) byGen[g][t] = gpusByGen[g];

  view.previousSpotRent = view.spotRent;
  view.spotRent = spot;
  view.contractRent = contract;
  view.utilisation = utilisation;
  view.netMarginHistory.push(netMargin);
  const tail = view.netMarginHistory.slice(-TRAILING_MONTHS);
  view.trailingNetMargin = tail.reduce((a, b) => a + b, 0) / tail.length;

  // What a price-taking lessor of the probe's kind earned per hour of capacity this month.
  const kc = kindCapacity[kindProbe];
  return {
    revenuePerCapacityHour: kc > 0 ? pnl[kindProbe].revenue / (kc * hours) : capHours > 0 ? revenue / capHours : 0,
    utilisation: kc > 0 ? Math.min(1, utilisationOfKind(state, kindProbe, kc)) : utilisation,
  };
}

export interface ProbeMonth {
  revenuePerCapacityHour: number;
  utilisation: number;
}

function utilisationOfKind(state: MarketState, kind: number, capacity: number): number {
  let sold = 0;
  for (const l of state.lessors) if ((l.active || l.exitMonth === state.month) && l.kind === kind) sold += l.flows.soldRef;
  return sold / capacity;
}
