/**
 * The unit of every monthly metric in words, as files state it beside the values (the table of
 * docs/outputs.md#monthly-metrics). A record over `MetricName`, so that a new metric cannot be
 * added without its unit. `{ccy}` stands for the scenario's currency.
 */
import { GENERATION_METRICS, type GenerationMetric, type MetricName } from './metrics.js';

const RENT = '{ccy} per reference-GPU-hour';
const HOURS = 'reference-GPU-hours per month';
const MARGIN = 'share of revenue';

const UNITS: { readonly [K in MetricName]: string } = {
  spotRentCcyPerRefGpuHour: RENT,
  contractRentCcyPerRefGpuHour: RENT,
  spotRentCcyPerServerMonth: '{ccy} per 8-GPU server-month',
  contractRentCcyPerServerMonth: '{ccy} per 8-GPU server-month',
  realisedRentCcyPerRefGpuHour: RENT,
  cashCostCcyPerRefGpuHour: '{ccy} per reference-GPU-hour sold',
  fullCostCcyPerRefGpuHour: '{ccy} per reference-GPU-hour sold',
  serverPaybackMonths: 'months',
  installedGpus: 'GPUs',
  capacityRefGpuHours: HOURS,
  demandRefGpuHours: HOURS,
  servedRefGpuHours: HOURS,
  unmetRefGpuHours: HOURS,
  contractedRefGpuHours: HOURS,
  utilisation: 'share',
  deliveredGpus: 'GPUs per month',
  retiredGpus: 'GPUs per month',
  vendorOutputGpus: 'GPUs per month',
  vendorBacklogGpus: 'GPUs',
  leadTimeMonths: 'months',
  ownClusterRefGpuHours: HOURS,
  ownClusterShare: 'share',
  hypeIndex: 'index, 1 = the 2023 frenzy',
  cancelledGpus: 'GPUs per month',
  awaitingPowerGpus: 'GPUs',
  retiredUneconomicGpus: 'GPUs per month',
  vendorCapacityMultiple: 'multiple of the scheduled ramp',
  demandRegime: 'code: 0 boom, 1 squeeze, 2 wave',
  activeLessors: 'lessors',
  activeLessorsIncumbent: 'lessors',
  activeLessorsSpecialist: 'lessors',
  activeLessorsEntrant: 'lessors',
  activeDevelopers: 'developers',
  entries: 'lessors per month',
  exits: 'lessors per month',
  secondaryGpusResold: 'GPUs per month',
  secondaryGpusScrapped: 'GPUs per month',
  hhi: 'HHI, 0 to 10,000',
  revenueCcy: '{ccy} per month',
  grossMargin: MARGIN,
  ebitdaMargin: MARGIN,
  netMargin: MARGIN,
  grossMarginIncumbent: MARGIN,
  grossMarginSpecialist: MARGIN,
  grossMarginEntrant: MARGIN,
  ebitdaMarginIncumbent: MARGIN,
  ebitdaMarginSpecialist: MARGIN,
  ebitdaMarginEntrant: MARGIN,
  netMarginIncumbent: MARGIN,
  netMarginSpecialist: MARGIN,
  netMarginEntrant: MARGIN,
  cashCcy: '{ccy}',
  debtCcy: '{ccy}',
  regime: 'code: 0 blue, 1 transition, 2 red',
};

/** Per generation G: rents are per GPU-hour of G itself, not per reference-GPU-hour. */
const GENERATION_UNITS: { readonly [K in GenerationMetric]: (generation: string) => string } = {
  installedGpus: () => 'GPUs',
  spotRentCcyPerGpuHour: (g) => `{ccy} per ${g}-hour`,
  contractRentCcyPerGpuHour: (g) => `{ccy} per ${g}-hour`,
  offtakeRentCcyPerGpuHour: (g) => `{ccy} per ${g}-hour`,
  listRentCcyPerGpuHour: (g) => `{ccy} per ${g}-hour`,
};

/**
 * The unit of `metric` (one of METRICS, or `<family>_<generation>`) with the currency filled in;
 * undefined for a name that is neither.
 */
export function metricUnit(metric: string, currency: string): string | undefined {
  const withCurrency = (unit: string) => unit.replace('{ccy}', currency);
  if (Object.hasOwn(UNITS, metric)) return withCurrency(UNITS[metric as MetricName]);
  const family = GENERATION_METRICS.find((f) => metric.startsWith(`${f}_`) && metric.length > f.length + 1);
  return family === undefined ? undefined : withCurrency(GENERATION_UNITS[family](metric.slice(family.length + 1)));
}
