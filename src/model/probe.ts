/**
 * The probe investment: a price-taking position the user wants to evaluate. It orders its GPUs in
 * its entry month, waits out the lead time seen then (plus shipping and installation), pays its
 * equity on delivery, and from then earns what lessors of its archetype earned per hour of
 * capacity in that run, month by month, at its own costs. It does not move the market. At the end
 * of the holding period (or of the horizon, whichever is first) it sells its GPUs at the secondary
 * market's price and repays its remaining debt. Its loan amortises in equal instalments over the
 * archetype's debt term. Cash flows are the equity holder's.
 */
import type { ProbeParams, Scenario } from '../scenario/schema.js';
import { monthOffset } from './calendar.js';
import { cashCostPerGpuMonth, type CostTable } from './costs.js';
import { irr, npv } from './finance.js';
import type { ProbeOutcome } from './metrics.js';
import type { ProbeMonth } from './observe.js';
import { generationIndex, lessorParams } from './params.js';
import type { LessorKind } from './state.js';

export interface ProbeEntryFacts {
  leadTimeMonths: number;
  pricePerGpu: number;
  allowed: boolean;
}

export const PROBE_KINDS: Record<ProbeParams['archetype'], LessorKind> = { incumbent: 0, specialist: 1, entrant: 2 };

export function evaluateProbe(
  s: Scenario,
  costs: CostTable,
  probe: ProbeParams,
  entry: ProbeEntryFacts,
  months: ProbeMonth[],
): ProbeOutcome {
  const kind = PROBE_KINDS[probe.archetype];
  const p = lessorParams(s, kind);
  const gen = generationIndex(s, probe.generation);
  const g = s.generations[gen];
  const e = monthOffset(s.start, probe.entry);
  const d = e + Math.ceil(entry.leadTimeMonths) + s.vendor.shippingMonths + s.market.installMonths;
  const T = months.length;
  if (!entry.allowed || d >= T) {
    return { irr: null, npvCcy: 0, paybackMonth: -1, worstCashCcy: 0, equityCcy: 0, firstDeliveryMonth: -1 };
  }
  const n = probe.gpus;
  const capex = n * entry.pricePerGpu;
  let debt = probe.debtShare * capex;
  const equity = capex - debt;
  const hold = probe.holdMonths ?? p.depreciationMonths;
  const last = Math.min(d + hold, T) - 1;
  const hours = s.hoursPerMonth;
  const depreciation = capex / p.depreciationMonths;
  const flows = new Float64Array(last - e + 1);
  flows[d - e] -= equity;
  for (let m = d; m <= last; m++) {
    const pm = months[m];
    const revenue = n * g.perfRatio * hours * pm.revenuePerCapacityHour;
    const cashCost = n * cashCostPerGpuMonth(costs, kind, gen, pm.utilisation) + revenue * p.overheadShareOfRevenue;
    const interest = (debt * probe.debtRate) / 12;
    const principal = Math.min(debt, (probe.debtShare * capex) / p.debtTermMonths);
    const tax = Math.max(0, revenue - cashCost - depreciation - interest) * p.taxRate;
    debt -= principal;
    flows[m - e] += revenue - cashCost - interest - tax - principal;
  }
  const age = last - d + 1;
  const book = capex * Math.max(0, 1 - age / p.depreciationMonths);
  flows[last - e] += s.market.secondaryPriceShare * book - debt;

  let cumulative = 0;
  let worst = 0;
  let payback = -1;
  for (let k = 0; k < flows.length; k++) {
    cumulative += flows[k];
    worst = Math.min(worst, cumulative);
    if (payback < 0 && k >= d - e && cumulative >= 0) payback = e + k;
  }
  return { irr: irr(flows), npvCcy: npv(flows, probe.discountRate), paybackMonth: payback, worstCashCcy: worst, equityCcy: equity, firstDeliveryMonth: d };
}
