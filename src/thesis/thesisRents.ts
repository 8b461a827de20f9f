/**
 * The rents a thesis's claims read, in a generation's unit (`thesis --unit H100`). The claims
 * themselves keep their meaning: `spotRent@2024-12 < 0.8 * spotRent@2023-06` is still tested on
 * the market-wide index per ref-GPU-hour, and its verdict does not depend on the unit. Beside the
 * verdicts, each rent-valued variable a claim reads is shown over the runs in the unit, as the
 * report shows rents: where the model prices the generation on its own (the spot and contract
 * indices in a month) the generation's own index in that month, and otherwise (costs, the realised
 * rent, the per-run rent outcomes, another generation's index) the variable converted at the
 * perfRatios, and said to be.
 */
import { isMarketRentIndex, perHourFactor, rentIndexIn, rentUnitWords, type RentUnit } from '../analysis/rentUnit.js';
import type { Variable } from '../analysis/variables.js';
import type { MetricCell, RunRecord } from '../montecarlo/chunk.js';
import type { Scenario } from '../scenario/schema.js';
import { quantileSorted } from '../stats/quantile.js';
import type { Thesis } from './thesisFile.js';

/** A rent-valued variable of the claims, and how it is read in the unit. */
export interface RentReading {
  /** The variable as the claims read it: `spotRentCcyPerRefGpuHour@2024-06`, `peakRentCcyPerRefGpuHour`. */
  variable: string;
  /** What the figure in the unit is. */
  shown: string;
  /** The cell read in the unit (the own index), or null where the variable itself is read and multiplied by `factor`. */
  cell: MetricCell | null;
  factor: number;
  /** The variable, where it is read itself. */
  source: Variable;
  /** A generation's own index, 0 before the generation launches: no trade, so no rent. */
  zeroIsNone: boolean;
}

/** One row of the rents: the median and P5–P95 over the runs that have the value, in the unit. */
export interface ThesisRent {
  variable: string;
  shown: string;
  runs: number;
  p5: number | null;
  p50: number | null;
  p95: number | null;
}

/** The unit the rents of a thesis result are in, and the rents. */
export interface ThesisRents {
  unit: RentUnit;
  /** "USD per H100-hour". */
  words: string;
  rows: ThesisRent[];
}

/** How a variable reads in the unit; undefined for one that is no rent (a share, a count, a month). */
function reading(v: Variable, unit: RentUnit, scenario: Scenario): RentReading | undefined {
  const g = unit.generation;
  const label = v.kind === 'metric' ? `${v.name}@${v.month}` : v.name;
  const converted = (factor: number, from: string) => ({
    variable: label,
    shown: `converted from per ${from}-hour at ${from === 'ref-GPU' ? `the ${g}'s perfRatio` : 'the perfRatios'}, ×${Number(factor.toPrecision(4))}`,
    cell: null,
    factor,
    source: v,
    zeroIsNone: true,
  });
  if (v.kind === 'metric' && isMarketRentIndex(v.name)) {
    const metric = rentIndexIn(v.name, unit);
    return {
      variable: label,
      shown: `the ${g}'s own ${v.name.startsWith('spot') ? 'spot' : 'contract'} index in ${v.month} (${metric})`,
      cell: { metric, month: v.cell.month },
      factor: 1,
      source: v,
      zeroIsNone: true,
    };
  }
  const perGeneration = /CcyPerGpuHour_(.+)$/.exec(v.name);
  if (perGeneration) {
    if (perGeneration[1] === g) return { variable: label, shown: `the claim's own variable, already per ${g}-hour`, cell: null, factor: 1, source: v, zeroIsNone: true };
    const other = scenario.generations.find((x) => x.name === perGeneration[1]);
    const factor = other === undefined ? null : perHourFactor(unit, other.perfRatio);
    return factor === null ? undefined : converted(factor, perGeneration[1]);
  }
  if (!/CcyPerRefGpuHour$/.test(v.name)) return undefined;
  const factor = perHourFactor(unit, 1);
  return factor === null ? undefined : { ...converted(factor, 'ref-GPU'), zeroIsNone: false };
}

/** The cell each reading reads (its own index's, or its variable's), or null for an outcome. */
export const readingCell = (r: RentReading): MetricCell | null => r.cell ?? (r.source.kind === 'metric' ? r.source.cell : null);

/** The rent-valued variables of the theses' claims, each once, in order of first appearance. */
export function thesisRentReadings(theses: readonly Thesis[], scenario: Scenario, unit: RentUnit): RentReading[] {
  const seen = new Set<string>();
  const out: RentReading[] = [];
  for (const v of theses.flatMap((t) => t.claims.flatMap((c) => c.compiled.variables))) {
    const r = reading(v, unit, scenario);
    if (r === undefined || seen.has(r.variable)) continue;
    seen.add(r.variable);
    out.push(r);
  }
  return out;
}

/**
 * Gathers the rents run by run, so that the runs are read once, with the claims. `positions[i]` is
 * where reading i finds its value in a run's extracted cells (its own cell, or its variable's). A
 * generation's own index is 0 before it launches, which is no rent: such runs are left out of that
 * row.
 */
export function rentGatherer(unit: RentUnit, currency: string, readings: readonly RentReading[], positions: readonly number[]): { add: (run: RunRecord) => void; result: () => ThesisRents } {
  const values = readings.map((): number[] => []);
  return {
    add: (run) =>
      readings.forEach((r, i) => {
        const raw = r.cell === null && r.source.kind === 'outcome' ? r.source.get(run) : run.extracted?.[positions[i]];
        if (raw === null || raw === undefined || !Number.isFinite(raw) || (r.zeroIsNone && raw === 0)) return;
        values[i].push(raw * r.factor);
      }),
    result: () => ({
      unit,
      words: rentUnitWords(currency, unit),
      rows: readings.map((r, i): ThesisRent => {
        const sorted = [...values[i]].sort((a, b) => a - b);
        const q = (p: number) => (sorted.length === 0 ? null : quantileSorted(sorted, p));
        return { variable: r.variable, shown: r.shown, runs: sorted.length, p5: q(0.05), p50: q(0.5), p95: q(0.95) };
      }),
    }),
  };
}
