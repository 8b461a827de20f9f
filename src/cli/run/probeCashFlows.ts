/**
 * The probe's monthly cash-flow table as CSV: one row per month from its order to its exit, the
 * equity holder's flows in the scenario's currency, and a last row of totals. The columns add up:
 * equityFlow = marketRevenue + contractRevenue - cashCosts - interest - tax - principal
 * - equityInvested + exitProceeds.
 */
import { indexToMonth, monthToIndex } from '../../model/calendar.js';
import type { ProbeCashFlows } from '../../model/metrics.js';
import { csvText } from '../../format/csv.js';
import { formatNumber } from '../../format/formatNumber.js';

export const PROBE_CASH_FLOW_COLUMNS = [
  'gpusInService',
  'marketRevenue',
  'contractRevenue',
  'cashCosts',
  'interest',
  'tax',
  'principal',
  'equityInvested',
  'exitProceeds',
  'equityFlow',
] as const satisfies readonly (keyof ProbeCashFlows)[];

export function probeCashFlowsCsv(table: ProbeCashFlows, start: string): string {
  const first = monthToIndex(start);
  const rows: string[][] = [['month', ...PROBE_CASH_FLOW_COLUMNS]];
  for (let k = 0; k < table.month.length; k++) {
    rows.push([indexToMonth(first + table.month[k]), ...PROBE_CASH_FLOW_COLUMNS.map((c) => formatNumber(table[c][k] + 0))]);
  }
  const total = (c: (typeof PROBE_CASH_FLOW_COLUMNS)[number]) => Array.from(table[c]).reduce((a, b) => a + b, 0);
  rows.push(['total', '', ...PROBE_CASH_FLOW_COLUMNS.slice(1).map((c) => formatNumber(total(c) + 0))]);
  return csvText(rows);
}
