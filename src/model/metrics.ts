/**
 * The monthly metrics, one `as const` list that gives both the type and the runtime order.
 * CSV headers, JSON keys and chart fields all come from here. Names carry their unit; `Ccy` is the
 * scenario's currency. Installed GPUs by generation are the one family whose names depend on the
 * scenario: `installedGpus_<generation>` (see `generationMetricName`).
 */
export const METRICS = [
  // prices
  'spotRentCcyPerRefGpuHour',
  'contractRentCcyPerRefGpuHour',
  'spotRentCcyPerServerMonth',
  'contractRentCcyPerServerMonth',
  'realisedRentCcyPerRefGpuHour',
  'cashCostCcyPerRefGpuHour',
  'fullCostCcyPerRefGpuHour',
  'serverPaybackMonths',
  // quantities
  'installedGpus',
  'capacityRefGpuHours',
  'demandRefGpuHours',
  'servedRefGpuHours',
  'unmetRefGpuHours',
  'contractedRefGpuHours',
  'utilisation',
  'deliveredGpus',
  'retiredGpus',
  'vendorOutputGpus',
  'vendorBacklogGpus',
  'leadTimeMonths',
  'ownClusterRefGpuHours',
  'ownClusterShare',
  'hypeIndex',
  // industry
  'activeLessors',
  'activeLessorsIncumbent',
  'activeLessorsSpecialist',
  'activeLessorsEntrant',
  'activeDevelopers',
  'entries',
  'exits',
  'secondaryGpusResold',
  'secondaryGpusScrapped',
  'hhi',
  // finance
  'revenueCcy',
  'grossMargin',
  'ebitdaMargin',
  'netMargin',
  'grossMarginIncumbent',
  'grossMarginSpecialist',
  'grossMarginEntrant',
  'ebitdaMarginIncumbent',
  'ebitdaMarginSpecialist',
  'ebitdaMarginEntrant',
  'netMarginIncumbent',
  'netMarginSpecialist',
  'netMarginEntrant',
  'cashCcy',
  'debtCcy',
  // regime: 0 blue, 1 transition, 2 red
  'regime',
] as const;

export type MetricName = (typeof METRICS)[number];

export const REGIMES = ['blue', 'transition', 'red'] as const;
export type Regime = (typeof REGIMES)[number];
export const BLUE = 0;
export const TRANSITION = 1;
export const RED = 2;

export const GENERATION_METRIC_PREFIX = 'installedGpus_';
export const generationMetricName = (generation: string): string => `${GENERATION_METRIC_PREFIX}${generation}`;

/** Per-run scalar outcomes. Months are indices into the run's month list; -1 means "none". */
export interface ProbeOutcome {
  /** Yearly IRR of the equity cash flows; null when the flows never change sign. */
  irr: number | null;
  npvCcy: number;
  /** Month index at which cumulative equity cash flow first turns non-negative, or -1. */
  paybackMonth: number;
  worstCashCcy: number;
  equityCcy: number;
  firstDeliveryMonth: number;
}

export interface Outcomes {
  startRentCcyPerRefGpuHour: number;
  peakRentCcyPerRefGpuHour: number;
  peakMonth: number;
  troughAfterPeakCcyPerRefGpuHour: number;
  troughMonth: number;
  /** Largest fall from a running peak to a later month, as a share of that peak. */
  maxFallFromPeak: number;
  redOnsetMonth: number;
  lessorsAtEnd: number;
  totalEntries: number;
  totalExits: number;
  probe: ProbeOutcome | null;
}

export interface RunResult {
  months: string[];
  /** One column per metric, one value per month. */
  metrics: Record<MetricName, Float64Array>;
  /** Installed GPUs by generation, keyed by generation name, in scenario order. */
  installedByGeneration: Record<string, Float64Array>;
  outcomes: Outcomes;
}
