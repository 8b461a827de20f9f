/**
 * How a metric is labelled on a chart: a short name read off the metric's name, and its unit from
 * the model's table of units (src/model/metricUnit.ts, the words paths.arrow and docs/outputs.md
 * use), with "reference-GPU" shortened to "ref-GPU" to fit an axis. Names that are not monthly
 * metrics (an observed series' own name) get a unit read off their suffix.
 */
import { metricUnit } from '../model/metricUnit.js';

export interface MetricLabel {
  /** For example "spot rent". */
  name: string;
  /** For example "CNY per ref-GPU-hour"; "share" for margins and shares. */
  unit: string;
  /** Shares are drawn as per cent. */
  isShare: boolean;
}

const SUFFIXES: readonly [RegExp, (ccy: string) => string][] = [
  [/CcyPerRefGpuHour$/, (ccy) => `${ccy} per ref-GPU-hour`],
  [/CcyPerServerMonth$/, (ccy) => `${ccy} per 8-GPU server-month`],
  [/RefGpuHours$/, () => 'ref-GPU-hours per month'],
  [/Ccy$/, (ccy) => ccy],
  [/Months$/, () => 'months'],
  [/Gpus$/, () => 'GPUs'],
];

/** Units drawn as per cent. */
const SHARES = new Set(['share', 'share of revenue']);

export function metricLabel(metric: string, currency: string): MetricLabel {
  // A per-generation metric (`spotRentCcyPerGpuHour_H100`): its family's label, per GPU-hour of that generation.
  const perGeneration = /^(.+)CcyPerGpuHour_(.+)$/.exec(metric);
  if (perGeneration) return { name: `${words(perGeneration[1])} ${perGeneration[2]}`, unit: `${currency} per ${perGeneration[2]}-hour`, isShare: false };
  const installed = /^installedGpus_(.+)$/.exec(metric);
  if (installed) return { name: `installed ${installed[1]}`, unit: 'GPUs', isShare: false };
  const suffix = SUFFIXES.find(([re]) => re.test(metric));
  const name = (suffix && words(metric.replace(suffix[0], ''))) || words(metric);
  const unit = metricUnit(metric, currency)?.replace(/reference-GPU/g, 'ref-GPU');
  if (unit !== undefined) return { name, unit, isShare: SHARES.has(unit) };
  if (/Margin/.test(metric)) return { name, unit: 'share of revenue', isShare: true };
  return { name, unit: suffix ? suffix[1](currency) : 'value', isShare: false };
}

/** `spotRent` → "spot rent", `grossMarginEntrant` → "gross margin entrant". */
function words(name: string): string {
  return name
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
}

/** An axis title: "spot rent (CNY per ref-GPU-hour)". */
export const axisTitle = (label: MetricLabel): string => `${label.name} (${label.unit})`;
