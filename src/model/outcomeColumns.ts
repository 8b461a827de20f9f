/**
 * The output contract of a run's scalar outcomes: one table of names, kinds and units, from which
 * every file and type that carries them is derived (outcomes.json of `run`, outcomes.csv and
 * outcomes.arrow of a batch, the outcome distributions of summary.json, the report, the thesis
 * variables and the library's types). A name is the same everywhere; money names end in `Ccy`,
 * rents in `CcyPerRefGpuHour`, and the unit is also stated beside the values in every file.
 *
 * Kinds: `number` (a real value), `count` (a whole number) and `month` (written `YYYY-MM`; none
 * where the run has no such month). The model computes months as indices from the scenario's
 * start, -1 for none; `outcomeValue` returns those indices, null for none.
 */
import type { Outcomes } from './metrics.js';

export type OutcomeKind = 'number' | 'count' | 'month';

export const OUTCOME_COLUMNS = [
  { name: 'startRentCcyPerRefGpuHour', kind: 'number', unit: '{ccy} per reference-GPU-hour', about: 'the spot rent index in the first month' },
  { name: 'peakRentCcyPerRefGpuHour', kind: 'number', unit: '{ccy} per reference-GPU-hour', about: "the run's highest monthly spot rent index" },
  { name: 'peakMonth', kind: 'month', unit: 'month', about: 'the month of that peak' },
  { name: 'troughAfterPeakCcyPerRefGpuHour', kind: 'number', unit: '{ccy} per reference-GPU-hour', about: 'the lowest spot rent index after the peak' },
  { name: 'troughMonth', kind: 'month', unit: 'month', about: 'the month of that trough' },
  { name: 'maxFallFromPeak', kind: 'number', unit: 'share', about: 'the largest fall from a running peak of the spot rent index to a later month, as a share of that peak' },
  { name: 'redOnsetMonth', kind: 'month', unit: 'month', about: 'the first month of the first red-ocean spell that lasts the scenario’s sustainMonths' },
  { name: 'lessorsAtEnd', kind: 'count', unit: 'lessors', about: 'active lessors in the last month' },
  { name: 'totalEntries', kind: 'count', unit: 'lessors', about: 'lessors that entered over the horizon' },
  { name: 'totalExits', kind: 'count', unit: 'lessors', about: 'lessors that left over the horizon' },
  { name: 'probeIrr', kind: 'number', unit: 'share per year', about: "the yearly IRR of the probe position's equity cash flows (none when they never change sign)" },
  { name: 'probeNpvCcy', kind: 'number', unit: '{ccy}', about: "the probe position's net present value at its discount rate" },
  { name: 'probePaybackMonth', kind: 'month', unit: 'month', about: "the month the probe's cumulative equity cash flow first turns non-negative" },
  { name: 'probeWorstCashCcy', kind: 'number', unit: '{ccy}', about: "the probe's lowest cumulative equity cash flow: the most the holder is out of pocket" },
  { name: 'probeEquityCcy', kind: 'number', unit: '{ccy}', about: 'the equity the probe position put in' },
  { name: 'probeFirstDeliveryMonth', kind: 'month', unit: 'month', about: "the month the probe's first GPUs arrived" },
] as const satisfies readonly { name: string; kind: OutcomeKind; unit: string; about: string }[];

export type OutcomeColumn = (typeof OUTCOME_COLUMNS)[number];
export type OutcomeName = OutcomeColumn['name'];

/** Each outcome's value in a run's outcomes: a number, a month index, or null for none. */
const VALUES: { readonly [K in OutcomeName]: (o: Outcomes) => number | null } = {
  startRentCcyPerRefGpuHour: (o) => o.startRentCcyPerRefGpuHour,
  peakRentCcyPerRefGpuHour: (o) => o.peakRentCcyPerRefGpuHour,
  peakMonth: (o) => o.peakMonth,
  troughAfterPeakCcyPerRefGpuHour: (o) => o.troughAfterPeakCcyPerRefGpuHour,
  troughMonth: (o) => o.troughMonth,
  maxFallFromPeak: (o) => o.maxFallFromPeak,
  redOnsetMonth: (o) => o.redOnsetMonth,
  lessorsAtEnd: (o) => o.lessorsAtEnd,
  totalEntries: (o) => o.totalEntries,
  totalExits: (o) => o.totalExits,
  probeIrr: (o) => o.probe?.irr ?? null,
  probeNpvCcy: (o) => o.probe?.npvCcy ?? null,
  probePaybackMonth: (o) => o.probe?.paybackMonth ?? null,
  probeWorstCashCcy: (o) => o.probe?.worstCashCcy ?? null,
  probeEquityCcy: (o) => o.probe?.equityCcy ?? null,
  probeFirstDeliveryMonth: (o) => o.probe?.firstDeliveryMonth ?? null,
};

/** Outcome `column` of a run: null where the run has none (a month index of -1 included). */
export function outcomeValue(column: OutcomeColumn, o: Outcomes): number | null {
  const v = VALUES[column.name](o);
  return v === null || (column.kind === 'month' && v < 0) ? null : v;
}

/** The unit of an outcome, money in `currency`. */
export const outcomeUnit = (column: OutcomeColumn, currency: string): string => column.unit.replace('{ccy}', currency);

/** Every outcome's unit by name. */
export const outcomeUnits = (currency: string): Record<OutcomeName, string> => Object.fromEntries(OUTCOME_COLUMNS.map((c) => [c.name, outcomeUnit(c, currency)])) as Record<OutcomeName, string>;

export function outcomeColumn(name: string): OutcomeColumn | undefined {
  return OUTCOME_COLUMNS.find((c) => c.name === name);
}
