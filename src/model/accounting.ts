/**
 * Settlement. Each lessor books contract and spot revenue (the prepaid part of offtakes is earned
 * without cash: that came in at signing), pays energy (idle GPUs still
 * draw part of full power), data-center space per kW, operations and overhead, interest, debt
 * principal and tax on positive profit. Every movement of cash is recorded in `flows`, so the
 * identity `cash = cashStart + inflows - outflows` can be checked for every lessor every month.
 */
import type { MonthSales } from './market.js';
import { servedTrainingShare } from './developer.js';
import { lessorParams } from './params.js';
import type { Lessor, LessorFlows, MarketState } from './state.js';

/** Cash in: contract revenue less its prepaid part (that cash came in with the prepayment). */
export function cashInflows(f: LessorFlows): number {
  return f.spotRevenue + f.contractRevenue - f.contractPrepaidRevenue + f.prepayments + f.secondarySold + f.equityIn;
}

export function cashOutflows(f: LessorFlows): number {
  return f.energy + f.space + f.ops + f.overhead + f.interest + f.tax + f.principal + f.equityCapex + f.secondaryBought + f.debtRepaidOnExit + f.equityOut;
}

export const revenueOf = (f: LessorFlows): number => f.spotRevenue + f.contractRevenue;
export const cashCostsOf = (f: LessorFlows): number => f.energy + f.space + f.ops + f.overhead;
export const grossProfitOf = (f: LessorFlows): number => revenueOf(f) - f.energy - f.space - f.ops - f.depreciation;
export const ebitdaOf = (f: LessorFlows): number => revenueOf(f) - cashCostsOf(f);
export const netProfitOf = (f: LessorFlows): number => ebitdaOf(f) - f.depreciation - f.interest - f.tax;

/**
 * One lessor's month: sales and revenue by generation (spot from the clearing, contracts from the
 * book, at their prices per reference-GPU-hour), then costs, interest, tax and cash.
 */
function settleLessor(state: MarketState, l: Lessor, sales: MonthSales): void {
  const s = state.scenario;
  const p = lessorParams(s, l.kind);
  const f = l.flows;
  const hours = s.hoursPerMonth;
  const fleet = l.fleet;
  const nGen = s.generations.length;
  const { installed, contracted, contractMoney, utilisation, revenue } = state.lessorRows;
  let spotSold = 0;
  let spotRevenuePerHour = 0;
  for (let g = 0, key = l.index * nGen; g < nGen; g++, key++) {
    if (installed[key] <= 0 && contractMoney[key] === 0) {
      utilisation[key] = 0;
      revenue[key] = 0;
      continue;
    }
    const sold = sales.spotSold[key];
    const money = sales.spotRevenuePerHour[key];
    spotSold += sold;
    spotRevenuePerHour += money;
    const cap = installed[key] * s.generations[g].perfRatio;
    utilisation[key] = cap > 0 ? Math.min(1, (sold + contracted[key]) / cap) : 0;
    revenue[key] = (money + contractMoney[key]) * hours;
  }
  f.spotRevenue = spotRevenuePerHour * hours;
  f.contractRevenue = l.contractRevenuePerHour * hours;
  f.contractPrepaidRevenue = l.contractPrepaidPerHour * hours;
  f.soldRef = l.contractedRef + spotSold;
  const u = fleet.capacityRef > 0 ? Math.min(1, f.soldRef / fleet.capacityRef) : 0;
  const idle = s.market.idlePowerShare;
  f.energy = fleet.kw * p.pue * hours * p.energyCcyPerKwh * (idle + (1 - idle) * u);
  f.space = fleet.kw * p.spaceCcyPerKwMonth;
  f.ops = fleet.gpus * p.opsCcyPerGpuMonth;
  const income = revenueOf(f);
  f.overhead = income * p.overheadShareOfRevenue + p.fixedOverheadCcyPerMonth;
  f.depreciation = fleet.depreciation;
  f.interest = (l.debt * p.debtRate) / 12;
  // The month's revenue (`income`) and cash costs are final from here on; each is summed once.
  const cashCosts = cashCostsOf(f);
  const preTax = income - cashCosts - f.depreciation - f.interest;
  f.tax = Math.max(0, preTax) * p.taxRate;
  f.principal = Math.min(l.debt, l.debt / p.debtTermMonths);
  l.debt -= f.principal;
  l.cash += income - f.contractPrepaidRevenue - cashCosts - f.interest - f.tax - f.principal;
  if (fleet.capacityRef > 0) {
    l.lastUtilisation = u;
    l.negativeMonths = income - cashCosts < 0 && !l.policy ? l.negativeMonths + 1 : 0;
    l.idleMonths = 0;
  } else {
    l.idleMonths = l.pipelineGpus > 0 ? 0 : l.idleMonths + 1;
  }
}

export function settlementPhase(state: MarketState, sales: MonthSales): void {
  const hours = state.scenario.hoursPerMonth;
  for (const l of state.lessors) {
    if (l.active) settleLessor(state, l, sales);
  }
  for (const d of state.activeDevelopers) {
    d.spend = (d.contractSpendPerHour + sales.spotPaidPerHour[d.index]) * hours;
    d.servedRef = d.contractedRef + sales.spotFilled[d.index];
    d.servedTrainingShare = servedTrainingShare(d, state.priceResponse[d.kind]);
  }
}
