/**
 * The monthly metrics, one `as const` list that gives both the type and the runtime order.
 * CSV headers, JSON keys and chart fields all come from here. Names carry their unit; `Ccy` is the
 * scenario's currency. The per-generation families (`GENERATION_METRICS`) are the metrics whose
 * names depend on the scenario: `<family>_<generation>` (see `generationMetricName`).
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
  'cancelledGpus',
  'awaitingPowerGpus',
  'retiredUneconomicGpus',
  'vendorCapacityMultiple',
  // demand regime: 0 boom, 1 squeeze, 2 wave
  'demandRegime',
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

/**
 * Per-generation metric families: the metric of generation `G` is named `<family>_G`. Prices are in
 * the scenario's currency per GPU-hour of that generation (not per reference-GPU-hour); before a
 * generation launches its prices are 0.
 */
export const GENERATION_METRICS = ['installedGpus', 'spotRentCcyPerGpuHour', 'contractRentCcyPerGpuHour', 'offtakeRentCcyPerGpuHour', 'listRentCcyPerGpuHour'] as const;
export type GenerationMetric = (typeof GENERATION_METRICS)[number];

export const generationMetricName = (generation: string, family: GenerationMetric = 'installedGpus'): string => `${family}_${generation}`;

/** Every per-generation metric name of a scenario, family by family, generations in scenario order. */
export const generationMetricNames = (generations: readonly string[]): string[] => GENERATION_METRICS.flatMap((f) => generations.map((g) => generationMetricName(g, f)));

/** Whether `name` is a per-generation metric of one of `generations`. */
export const isGenerationMetric = (name: string, generations: readonly string[]): boolean => GENERATION_METRICS.some((f) => name.startsWith(`${f}_`) && generations.includes(name.slice(f.length + 1)));

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

/** The probe's month-by-month cash flows, as the equity holder sees them (money in the scenario's currency). */
export interface ProbeCashFlows {
  /** Month indices from the probe's entry to its exit. */
  month: Int32Array;
  gpusInService: Float64Array;
  marketRevenue: Float64Array;
  contractRevenue: Float64Array;
  cashCosts: Float64Array;
  interest: Float64Array;
  tax: Float64Array;
  principal: Float64Array;
  /** Equity paid for GPUs delivered in the month. */
  equityInvested: Float64Array;
  /** Sale of the GPUs at exit, less the debt repaid then. */
  exitProceeds: Float64Array;
  /** What the equity holder receives (negative: pays in). */
  equityFlow: Float64Array;
}

export interface RunResult {
  months: string[];
  /** One column per metric, one value per month. */
  metrics: Record<MetricName, Float64Array>;
  /** Per-generation metrics by full name (`installedGpus_A100`, `spotRentCcyPerGpuHour_H100`, …), in `generationMetricNames` order. */
  byGeneration: Record<string, Float64Array>;
  outcomes: Outcomes;
  /** The probe's cash-flow table; null without a probe or when it never got its chips. */
  probeCashFlows: ProbeCashFlows | null;
  /** With `SimulateOptions.probeArchetypes`: the probe as each archetype, in the order incumbent, specialist, entrant. */
  probeArchetypes?: ProbeArchetypeResult[];
}

/**
 * The probe had it been a lessor of another archetype, with the same deliveries, price and financing:
 * what changes is the rent that archetype earned on the generation, its costs, overhead, tax, debt
 * term and (without a set holding period) how long it holds. It explains a probe's result.
 */
export interface ProbeArchetypeResult {
  archetype: 'incumbent' | 'specialist' | 'entrant';
  outcome: ProbeOutcome;
  cashFlows: ProbeCashFlows | null;
}
