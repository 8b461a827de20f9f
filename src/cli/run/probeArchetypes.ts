/**
 * Why the probe earned what it did: the same probe (deliveries, price, debt) evaluated as each
 * lessor archetype, with the totals that set its IRR side by side. Archetypes differ in the rent
 * their fleets earn on the generation (pricing, contract share, utilisation), in running costs,
 * overhead, tax and debt term, and, without a set holding period, in how long they hold.
 * A CSV for reading in a sheet, and a short table for the terminal.
 */
import { indexToMonth, monthToIndex } from '../../model/calendar.js';
import type { ProbeArchetypeResult, ProbeCashFlows } from '../../model/metrics.js';
import type { Scenario } from '../../scenario/schema.js';
import { csvText } from '../../format/csv.js';
import { formatNumber } from '../../format/formatNumber.js';
import { groupedFixed, percent, significant } from '../../format/textNumber.js';
import { perHourFactor, type RentUnit } from '../../analysis/rentUnit.js';

/** The totals of one archetype's cash flows, in the scenario's currency (per hour: per GPU-hour of the probe's generation). */
export interface ProbeTotals {
  gpuHours: number;
  revenue: number;
  cashCosts: number;
  interest: number;
  tax: number;
  principal: number;
  equityInvested: number;
  exitProceeds: number;
  equityFlow: number;
  /** First and last month held, as indices; -1 without chips. */
  firstMonth: number;
  lastMonth: number;
}

const total = (x: Float64Array): number => x.reduce((a, b) => a + b, 0);

export function probeTotals(t: ProbeCashFlows | null, hoursPerMonth: number): ProbeTotals {
  if (t === null) return { gpuHours: 0, revenue: 0, cashCosts: 0, interest: 0, tax: 0, principal: 0, equityInvested: 0, exitProceeds: 0, equityFlow: 0, firstMonth: -1, lastMonth: -1 };
  let first = -1;
  for (let k = 0; k < t.month.length && first < 0; k++) if (t.gpusInService[k] > 0) first = t.month[k];
  return {
    gpuHours: total(t.gpusInService) * hoursPerMonth,
    revenue: total(t.marketRevenue) + total(t.contractRevenue),
    cashCosts: total(t.cashCosts),
    interest: total(t.interest),
    tax: total(t.tax),
    principal: total(t.principal),
    equityInvested: total(t.equityInvested),
    exitProceeds: total(t.exitProceeds),
    equityFlow: total(t.equityFlow),
    firstMonth: first,
    lastMonth: t.month[t.month.length - 1],
  };
}

const perHour = (money: number, hours: number): number => (hours > 0 ? money / hours : NaN);

export const PROBE_ARCHETYPE_COLUMNS = [
  'archetype',
  'irr',
  'npvCcy',
  'firstMonthHeld',
  'lastMonthHeld',
  'gpuHours',
  'revenueCcy',
  'revenueCcyPerGpuHour',
  'cashCostsCcy',
  'cashCostsCcyPerGpuHour',
  'interestCcy',
  'taxCcy',
  'principalCcy',
  'equityInvestedCcy',
  'exitProceedsCcy',
  'equityFlowCcy',
] as const;

export function probeArchetypesCsv(scenario: Scenario, results: readonly ProbeArchetypeResult[]): string {
  const first = monthToIndex(scenario.start);
  const month = (m: number) => (m < 0 ? '' : indexToMonth(first + m));
  const number = (x: number | null) => (x === null || !Number.isFinite(x) ? '' : formatNumber(x + 0));
  const rows: string[][] = [[...PROBE_ARCHETYPE_COLUMNS]];
  for (const r of results) {
    const t = probeTotals(r.cashFlows, scenario.hoursPerMonth);
    rows.push([
      r.archetype,
      number(r.outcome.irr),
      number(r.outcome.npvCcy),
      month(t.firstMonth),
      month(t.lastMonth),
      number(t.gpuHours),
      number(t.revenue),
      number(perHour(t.revenue, t.gpuHours)),
      number(t.cashCosts),
      number(perHour(t.cashCosts, t.gpuHours)),
      number(t.interest),
      number(t.tax),
      number(t.principal),
      number(t.equityInvested),
      number(t.exitProceeds),
      number(t.equityFlow),
    ]);
  }
  return csvText(rows);
}

/** Money in millions, for a table that must fit a terminal. */
const millions = (x: number): string => `${groupedFixed(x / 1e6, 1)} M`;

/**
 * The factor from money per GPU-hour of the probe's generation to money per GPU-hour of `unit`'s:
 * the probe's figures are its own GPUs' hours, which no index of another generation prices, so they
 * are converted at the two perfRatios (1 where the unit is the probe's generation).
 */
export function probeHourFactor(scenario: Scenario, unit: RentUnit | undefined): number {
  const probe = scenario.probe!;
  if (!unit || unit.generation === probe.generation) return 1;
  const own = scenario.generations.find((g) => g.name === probe.generation)!;
  return perHourFactor(unit, own.perfRatio) ?? 1;
}

/** The terminal's table: one line per archetype, the scenario's own marked with `*`. */
export function probeArchetypesText(scenario: Scenario, results: readonly ProbeArchetypeResult[], unit?: RentUnit): string {
  const probe = scenario.probe!;
  const ccy = scenario.currency;
  const factor = probeHourFactor(scenario, unit);
  const hour = unit ? unit.generation : probe.generation;
  const header = ['archetype', 'IRR', `revenue/GPU-h`, `cash cost/GPU-h`, 'interest', 'tax', 'exit', 'months held'];
  const rows = results.map((r) => {
    const t = probeTotals(r.cashFlows, scenario.hoursPerMonth);
    const held = t.firstMonth < 0 ? 'no chips' : String(t.lastMonth - t.firstMonth + 1);
    return [
      `${r.archetype === probe.archetype ? '* ' : '  '}${r.archetype}`,
      r.outcome.irr === null ? 'n/a' : percent(r.outcome.irr),
      groupedFixed(perHour(t.revenue, t.gpuHours) * factor, 2),
      groupedFixed(perHour(t.cashCosts, t.gpuHours) * factor, 2),
      millions(t.interest),
      millions(t.tax),
      millions(t.exitProceeds),
      held,
    ];
  });
  const all = [header.map((h, i) => (i === 0 ? `  ${h}` : h)), ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const converted = hour === probe.generation ? '' : `, converted from the probe's ${probe.generation}-hours at the perfRatios, ${significant(factor)} ${probe.generation}-hours to the ${hour}-hour`;
  return [
    `The probe as each archetype, with the same deliveries, price and debt (${ccy} per ${hour}-hour${converted}; money in ${ccy}):`,
    ...all.map(line),
    `Each earns the rent its archetype's fleet earned on ${probe.generation} and bears that archetype's running costs, overhead, tax and debt term${probe.holdMonths === undefined ? ', and holds for its depreciation life' : ''}: probe-archetypes.csv has every total.`,
  ].join('\n');
}
