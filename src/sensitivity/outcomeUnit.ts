/**
 * The unit of an analysis variable, for labels and charts: outcomes from the outcome files' unit
 * table, metrics from the unit their name carries (`…CcyPerRefGpuHour`, `…Gpus`, `…Margin`).
 * Null where the name says nothing.
 */
import type { Variable } from '../analysis/variables.js';
import { outcomeUnits } from '../output/outcomesJson.js';

/** Outcome-table columns whose field in the outcome files has another name. */
const PROBE_FIELDS: Readonly<Record<string, string>> = {
  probeIrr: 'irr',
  probeNpvCcy: 'npvCcy',
  probePaybackMonth: 'paybackMonth',
  probeWorstCashCcy: 'worstCashCcy',
};

const METRIC_UNITS: readonly [RegExp, (ccy: string) => string][] = [
  [/CcyPerRefGpuHour$/, (ccy) => `${ccy} per reference-GPU-hour`],
  [/CcyPerGpuHour_(.+)$/, (ccy) => `${ccy} per GPU-hour of the generation`],
  [/CcyPerServerMonth$/, (ccy) => `${ccy} per 8-GPU server-month`],
  [/^revenueCcy$/, (ccy) => `${ccy} per month`],
  [/Ccy$/, (ccy) => ccy],
  [/RefGpuHours$/, () => 'reference-GPU-hours per month'],
  [/^(delivered|retired|vendorOutput|secondaryGpus)/, () => 'GPUs per month'],
  [/^(installedGpus|vendorBacklogGpus|awaitingPowerGpus)/, () => 'GPUs'],
  [/^(cancelledGpus|retiredUneconomicGpus)/, () => 'GPUs per month'],
  [/Months$/, () => 'months'],
  [/(Margin|Share|^utilisation)/, () => 'share'],
  [/^(entries|exits)$/, () => 'lessors per month'],
  [/^activeLessors/, () => 'lessors'],
  [/^activeDevelopers$/, () => 'developers'],
  [/^hhi$/, () => 'Herfindahl–Hirschman index (0–10,000)'],
  [/^regime$/, () => 'regime (0 blue, 1 transition, 2 red)'],
  [/^hypeIndex$/, () => 'index (1 = the 2023 frenzy)'],
];

export function outcomeUnit(v: Variable, currency: string): string | null {
  if (v.kind === 'outcome') {
    const units = outcomeUnits(currency);
    const probeField = Object.hasOwn(PROBE_FIELDS, v.name) ? PROBE_FIELDS[v.name] : undefined;
    if (probeField !== undefined) return units.probe[probeField as keyof typeof units.probe];
    return Object.hasOwn(units, v.name) ? String(units[v.name as keyof typeof units]) : null;
  }
  for (const [pattern, unit] of METRIC_UNITS) if (pattern.test(v.name)) return unit(currency);
  return null;
}
