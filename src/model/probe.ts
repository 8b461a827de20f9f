/**
 * The probe investment: a position the user wants to evaluate. It orders its GPUs in its entry
 * month and queues at the vendor like any buyer of its archetype (same priority class): it gets
 * chips when its turn comes and output is there, in as many deliveries as that takes, and none if
 * the generation is barred. It is a price-taker: its turn takes nothing from the market's output,
 * and its GPUs add nothing to the market's capacity.
 *
 * From delivery it earns what lessors of its archetype earned per GPU-hour of its generation in
 * that run, month by month, at its own costs. Part of its fleet may be let on a fixed-price
 * contract; the counterparty may default (a monthly chance from the yearly one), after which that
 * part earns the market rent. At the end of the holding period (or of the horizon, whichever is
 * first) it sells its GPUs at the secondary market's price and repays its remaining debt. Each
 * delivery is paid on arrival, a debt share borrowed and amortised in equal instalments over the
 * archetype's debt term. Cash flows are the equity holder's.
 */
import type { ProbeParams, Scenario } from '../scenario/schema.js';
import { monthOffset } from './calendar.js';
import { cashCostPerGpuMonth } from './costs.js';
import type { CostTable } from './state.js';
import { irr, npv } from './finance.js';
import type { ProbeCashFlows, ProbeOutcome } from './metrics.js';
import type { ProbeMonth } from './observe.js';
import { generationIndex, lessorParams } from './params.js';
import type { Rng } from './random.js';
import { ENTRANT, INCUMBENT, SPECIALIST, type LessorKind } from './kinds.js';

export const PROBE_KINDS: Record<ProbeParams['archetype'], LessorKind> = { incumbent: INCUMBENT, specialist: SPECIALIST, entrant: ENTRANT };

/** What the run tells the probe: its GPUs by the month they become rentable, and the price it ordered at. */
export interface ProbeSupply {
  arrivals: ArrayLike<number>;
  pricePerGpu: number;
}

/** The probe's outcome when it never got its chips. */
export const NO_CHIPS: ProbeOutcome = { irr: null, npvCcy: 0, paybackMonth: -1, worstCashCcy: 0, equityCcy: 0, firstDeliveryMonth: -1 };

/** Month (index from `from`) in which the contract's counterparty defaults, or -1 if it never does within `months`. */
export function defaultMonth(yearly: number, months: number, rng: Rng): number {
  const monthly = 1 - Math.pow(1 - yearly, 1 / 12);
  for (let k = 0; k < months; k++) if (rng() < monthly) return k;
  return -1;
}

function emptyTable(n: number): ProbeCashFlows {
  const f = () => new Float64Array(n);
  return {
    month: new Int32Array(n),
    gpusInService: f(),
    marketRevenue: f(),
    contractRevenue: f(),
    cashCosts: f(),
    interest: f(),
    tax: f(),
    principal: f(),
    equityInvested: f(),
    exitProceeds: f(),
    equityFlow: f(),
  };
}

export function evaluateProbe(s: Scenario, costs: CostTable, probe: ProbeParams, supply: ProbeSupply, months: ProbeMonth[], rng: Rng): { outcome: ProbeOutcome; table: ProbeCashFlows | null } {
  const kind = PROBE_KINDS[probe.archetype];
  const p = lessorParams(s, kind);
  const gen = generationIndex(s, probe.generation);
  const e = monthOffset(s.start, probe.entry);
  const T = months.length;
  let d = -1;
  for (let m = e; m < T; m++) {
    if (supply.arrivals[m] > 0) {
      d = m;
      break;
    }
  }
  if (d < 0) return { outcome: NO_CHIPS, table: null };
  const hold = probe.holdMonths ?? p.depreciationMonths;
  const last = Math.min(d + hold, T) - 1;
  const hours = s.hoursPerMonth;
  const price = supply.pricePerGpu;
  const c = probe.contract;
  const contractEnd = c ? d + c.months : d;
  const defaulted = c ? defaultMonth(c.defaultProbabilityPerYear, c.months, rng) : -1;
  const table = emptyTable(last - e + 1);
  let gpus = 0;
  let debt = 0;
  let capex = 0;
  let bookValue = 0;
  let instalment = 0;
  for (let m = e; m <= last; m++) {
    const k = m - e;
    table.month[k] = m;
    const arriving = supply.arrivals[m];
    if (arriving > 0) {
      const cost = arriving * price;
      gpus += arriving;
      capex += cost;
      bookValue += cost;
      debt += probe.debtShare * cost;
      instalment += (probe.debtShare * cost) / p.debtTermMonths;
      table.equityInvested[k] = (1 - probe.debtShare) * cost;
    }
    table.gpusInService[k] = gpus;
    if (gpus > 0) {
      const pm = months[m];
      const onContract = c && m < contractEnd && (defaulted < 0 || m - d < defaulted) ? c.share * gpus : 0;
      table.contractRevenue[k] = onContract * hours * (c ? c.priceCcyPerGpuHour : 0);
      table.marketRevenue[k] = (gpus - onContract) * hours * pm.revenuePerGpuHour;
      const revenue = table.contractRevenue[k] + table.marketRevenue[k];
      // Contracted GPUs run full time; the rest as busy as the kind's fleet.
      const u = gpus > 0 ? (onContract + (gpus - onContract) * pm.utilisation) / gpus : 0;
      table.cashCosts[k] = gpus * cashCostPerGpuMonth(costs, kind, gen, u) + revenue * p.overheadShareOfRevenue;
      table.interest[k] = (debt * probe.debtRate) / 12;
      table.principal[k] = Math.min(debt, instalment);
      const depreciation = Math.min(bookValue, capex / p.depreciationMonths);
      bookValue -= depreciation;
      table.tax[k] = Math.max(0, revenue - table.cashCosts[k] - depreciation - table.interest[k]) * p.taxRate;
      debt -= table.principal[k];
    }
  }
  table.exitProceeds[last - e] = s.market.secondaryPriceShare * bookValue - debt;
  const flows = table.equityFlow;
  for (let k = 0; k < flows.length; k++) {
    flows[k] = table.marketRevenue[k] + table.contractRevenue[k] - table.cashCosts[k] - table.interest[k] - table.tax[k] - table.principal[k] - table.equityInvested[k] + table.exitProceeds[k];
  }
  let cumulative = 0;
  let worst = 0;
  let payback = -1;
  let equity = 0;
  for (let k = 0; k < flows.length; k++) {
    cumulative += flows[k];
    equity += table.equityInvested[k];
    worst = Math.min(worst, cumulative);
    if (payback < 0 && k >= d - e && cumulative >= 0) payback = e + k;
  }
  const outcome = { irr: irr(flows), npvCcy: npv(flows, probe.discountRate), paybackMonth: payback, worstCashCcy: worst, equityCcy: equity, firstDeliveryMonth: d };
  return { outcome, table };
}
