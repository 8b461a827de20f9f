/**
 * The names by which theses, sensitivity analyses and scenario discovery refer to what a run
 * produced: a per-run outcome (`peakRent`, `probe.irr`, `redOnset`), or a monthly metric in one
 * month (`spotRent@2025-06`). One table serves every consumer, so a name means the same thing in a
 * thesis file as on the sensitivity command line.
 */
import { MONTH } from '../model/calendar.js';
import { generationMetricNames, isGenerationMetric, METRICS } from '../model/metrics.js';
import type { MetricCell, RunRecord } from '../montecarlo/chunk.js';
import { OUTCOME_COLUMNS, outcomeValue, type OutcomeKind } from '../model/outcomeColumns.js';

/** Short names for metrics, besides their full names. */
export const METRIC_ALIASES: Readonly<Record<string, string>> = {
  spotRent: 'spotRentCcyPerRefGpuHour',
  contractRent: 'contractRentCcyPerRefGpuHour',
  realisedRent: 'realisedRentCcyPerRefGpuHour',
  cashCost: 'cashCostCcyPerRefGpuHour',
  fullCost: 'fullCostCcyPerRefGpuHour',
  capacity: 'capacityRefGpuHours',
  demand: 'demandRefGpuHours',
  served: 'servedRefGpuHours',
};

/**
 * Short names for per-generation metrics: `spotRent_H100` is `spotRentCcyPerGpuHour_H100`, and so
 * on for `contractRent_`, `offtakeRent_`, `listRent_` and `installed_`.
 */
export const GENERATION_METRIC_ALIASES: Readonly<Record<string, string>> = {
  spotRent_: 'spotRentCcyPerGpuHour_',
  contractRent_: 'contractRentCcyPerGpuHour_',
  offtakeRent_: 'offtakeRentCcyPerGpuHour_',
  listRent_: 'listRentCcyPerGpuHour_',
  installed_: 'installedGpus_',
};

/** The full name of a metric written as a name or an alias (per-generation aliases included). */
function fullMetricName(name: string): string {
  if (Object.hasOwn(METRIC_ALIASES, name)) return METRIC_ALIASES[name];
  for (const [short, full] of Object.entries(GENERATION_METRIC_ALIASES)) if (name.startsWith(short)) return full + name.slice(short.length);
  return name;
}

/** Short names for outcomes, besides the outcome table's column names. */
export const OUTCOME_ALIASES: Readonly<Record<string, string>> = {
  startRent: 'startRentCcyPerRefGpuHour',
  peakRent: 'peakRentCcyPerRefGpuHour',
  troughAfterPeak: 'troughAfterPeakCcyPerRefGpuHour',
  fallFromPeak: 'maxFallFromPeak',
  redOnset: 'redOnsetMonth',
  'probe.irr': 'probeIrr',
  'probe.npv': 'probeNpvCcy',
  'probe.npvCcy': 'probeNpvCcy',
  'probe.paybackMonth': 'probePaybackMonth',
  'probe.payback': 'probePaybackMonth',
  'probe.worstCash': 'probeWorstCashCcy',
  'probe.worstCashCcy': 'probeWorstCashCcy',
};

/**
 * A per-run outcome (model/outcomeColumns.ts). `unit: 'month'` values are month indices from the
 * scenario start. `get` returns null where the run has none (no red-ocean onset, no probe, an IRR
 * that does not exist).
 */
export interface OutcomeVariable {
  kind: 'outcome';
  /** The outcome table's column name. */
  name: string;
  unit: OutcomeKind;
  get: (r: RunRecord) => number | null;
}

/** A monthly metric in one month; its value comes from `RunRecord.extracted`. */
export interface MetricVariable {
  kind: 'metric';
  /** The metric's full name. */
  name: string;
  cell: MetricCell;
  /** The month as YYYY-MM. */
  month: string;
}

export type Variable = OutcomeVariable | MetricVariable;

/** A name that is not a variable; the message lists the closest known names. */
export class UnknownVariable extends Error {}

const OUTCOMES = new Map<string, (typeof OUTCOME_COLUMNS)[number]>(OUTCOME_COLUMNS.map((c) => [c.name, c]));

export function outcomeNames(): string[] {
  return [...OUTCOMES.keys(), ...Object.keys(OUTCOME_ALIASES)];
}

export function metricNames(generations: readonly string[] = []): string[] {
  const aliases = Object.keys(GENERATION_METRIC_ALIASES).flatMap((short) => generations.map((g) => short + g));
  return [...METRICS, ...generationMetricNames(generations), ...Object.keys(METRIC_ALIASES), ...aliases];
}

/** The outcome named `name` (a column name or an alias). */
export function outcomeVariable(name: string): OutcomeVariable {
  const column = OUTCOMES.get(aliasOf(OUTCOME_ALIASES, name));
  if (!column) throw new UnknownVariable(`unknown outcome ${JSON.stringify(name)}${suggest(name, outcomeNames())}`);
  return { kind: 'outcome', name: column.name, unit: column.kind, get: (r: RunRecord) => outcomeValue(column, r.outcomes) };
}

/** Own keys only, so that `constructor` or `__proto__` never reach Object.prototype. */
const aliasOf = (aliases: Readonly<Record<string, string>>, name: string): string => (Object.hasOwn(aliases, name) ? aliases[name] : name);

/** The metric `name` (full name or alias) in `month` (YYYY-MM), which must be one of `months`. */
export function metricVariable(name: string, month: string, months: readonly string[], generations: readonly string[] = []): MetricVariable {
  const full = fullMetricName(name);
  const known = (METRICS as readonly string[]).includes(full) || isGenerationMetric(full, generations);
  if (!known) throw new UnknownVariable(`unknown metric ${JSON.stringify(name)}${suggest(name, metricNames(generations))}`);
  const index = months.indexOf(month);
  if (index < 0) throw new UnknownVariable(`month ${month} is outside the scenario's months ${months[0]} to ${months[months.length - 1]}`);
  return { kind: 'metric', name: full, cell: { metric: full, month: index }, month };
}

/**
 * A variable written as `name` or `name@YYYY-MM`. Names are case-sensitive; an unknown name
 * throws UnknownVariable.
 */
export function parseVariable(text: string, months: readonly string[], generations: readonly string[] = []): Variable {
  const at = text.indexOf('@');
  if (at < 0) return outcomeVariable(text.trim());
  const month = text.slice(at + 1).trim();
  if (!MONTH.test(month)) throw new UnknownVariable(`${JSON.stringify(text)}: expected a month as YYYY-MM after @`);
  return metricVariable(text.slice(0, at).trim(), month, months, generations);
}

/**
 * The cells a batch must extract so that every metric variable can be read, and for each
 * variable its position in `RunRecord.extracted` (-1 for outcomes).
 */
export function extractionPlan(variables: readonly Variable[]): { cells: MetricCell[]; positions: number[] } {
  return cellPlan(variables.map((v) => (v.kind === 'outcome' ? null : v.cell)));
}

/** Each distinct cell once, and for each wanted cell its position among them (-1 for null). */
export function cellPlan(wanted: readonly (MetricCell | null)[]): { cells: MetricCell[]; positions: number[] } {
  const cells: MetricCell[] = [];
  const key = new Map<string, number>();
  const positions = wanted.map((c) => {
    if (c === null) return -1;
    const k = `${c.metric}@${c.month}`;
    let i = key.get(k);
    if (i === undefined) {
      i = cells.length;
      cells.push(c);
      key.set(k, i);
    }
    return i;
  });
  return { cells, positions };
}

/** A variable's value in one run; null where the run has none. */
export function valueIn(v: Variable, position: number, r: RunRecord): number | null {
  if (v.kind === 'outcome') return v.get(r);
  const x = r.extracted?.[position];
  if (x === undefined) throw new Error(`run ${r.index} has no extracted value for ${v.name}@${v.month}`);
  return Number.isFinite(x) ? x : null;
}

function suggest(name: string, known: readonly string[]): string {
  const lower = name.toLowerCase();
  const close = known
    .map((k) => ({ k, d: distance(lower, k.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(name.length / 3)) || x.k.toLowerCase().includes(lower))
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, 3)
    .map((x) => x.k);
  return close.length > 0 ? `; did you mean ${close.join(', ')}?` : '';
}

/** Levenshtein distance, for suggestions only. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
