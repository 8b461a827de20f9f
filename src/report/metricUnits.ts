/**
 * How a metric is labelled on a chart: a short name and its unit, both read off the metric's name
 * (names carry their units, src/model/metrics.ts), with `Ccy` replaced by the scenario's currency.
 */

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

const SPECIAL: Readonly<Record<string, Omit<MetricLabel, 'name'>>> = {
  utilisation: { unit: 'share', isShare: true },
  ownClusterShare: { unit: 'share', isShare: true },
  hhi: { unit: 'HHI, 0–10,000', isShare: false },
  hypeIndex: { unit: 'index, 1 = the 2023 frenzy', isShare: false },
  regime: { unit: '0 blue, 1 transition, 2 red', isShare: false },
  entries: { unit: 'lessors per month', isShare: false },
  exits: { unit: 'lessors per month', isShare: false },
};

export function metricLabel(metric: string, currency: string): MetricLabel {
  // A per-generation metric (`spotRentCcyPerGpuHour_H100`): its family's label, per GPU-hour of that generation.
  const perGeneration = /^(.+)CcyPerGpuHour_(.+)$/.exec(metric);
  if (perGeneration) return { name: `${words(perGeneration[1])} ${perGeneration[2]}`, unit: `${currency} per ${perGeneration[2]}-hour`, isShare: false };
  const installed = /^installedGpus_(.+)$/.exec(metric);
  if (installed) return { name: `installed ${installed[1]}`, unit: 'GPUs', isShare: false };
  const special = SPECIAL[metric];
  if (special) return { name: words(metric), ...special };
  if (/Margin/.test(metric)) return { name: words(metric), unit: 'share of revenue', isShare: true };
  if (/^active/.test(metric)) return { name: words(metric), unit: 'count', isShare: false };
  for (const [re, unit] of SUFFIXES) {
    if (re.test(metric)) return { name: words(metric.replace(re, '')) || words(metric), unit: unit(currency), isShare: false };
  }
  return { name: words(metric), unit: 'value', isShare: false };
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
