/**
 * The unit of an analysis variable, for labels and charts: outcomes from the output contract
 * (model/outcomeColumns.ts), metrics from the unit their name carries (`…CcyPerRefGpuHour`, `…Gpus`, `…Margin`).
 * Null where the name says nothing.
 */
import type { Variable } from '../analysis/variables.js';
import { outcomeColumn, outcomeUnit as contractUnit } from '../model/outcomeColumns.js';

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
    const column = outcomeColumn(v.name);
    return column === undefined ? null : contractUnit(column, currency);
  }
  for (const [pattern, unit] of METRIC_UNITS) if (pattern.test(v.name)) return unit(currency);
  return null;
}
