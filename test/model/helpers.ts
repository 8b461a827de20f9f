import { loadScenario } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { simulate, type SimulateOptions } from '../../src/model/simulate.js';
import type { MetricName, RunResult } from '../../src/model/metrics.js';
import type { Lessor, MarketState } from '../../src/model/state.js';
import { LESSOR_NUMBERS, RECORD_FIELDS } from '../../src/model/lessorNumbers.js';

export const BASELINE = 'scenarios/baseline.yaml';

/** The baseline with `--set`-style overrides, exactly as the CLI would load it. */
export const baseline = (...overrides: string[]): Scenario => loadScenario(BASELINE, overrides);

/** Overrides that hold the demand regime at the boom: no random squeeze or wave. */
export const CALM = ['demand.switchPerMonth.boom.squeeze=0', 'demand.switchPerMonth.boom.wave=0'] as const;

/** The baseline held at the boom (see CALM), with further overrides. */
export const calmBaseline = (...overrides: string[]): Scenario => baseline(...CALM, ...overrides);

/** Runs seeds 1..n of a scenario. */
export function runSeeds(s: Scenario, n: number, options: SimulateOptions = {}): RunResult[] {
  return Array.from({ length: n }, (_, i) => simulate(s, i + 1, options));
}

export function median(xs: readonly number[]): number {
  const a = [...xs].sort((x, y) => x - y);
  const m = a.length >> 1;
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
}

export function mean(xs: ArrayLike<number>, from = 0, to = xs.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += xs[i];
  return s / (to - from);
}

/** Per-seed mean of a metric over a window of months. */
export const windowMeans = (runs: RunResult[], metric: MetricName, from: number, to: number): number[] => runs.map((r) => mean(r.metrics[metric], from, to));

/** Share of paired seeds in which `a[i] < b[i]`. */
export function shareLower(a: readonly number[], b: readonly number[]): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] < b[i]) n++;
  return n / a.length;
}

/**
 * Whether each of a lessor's by-generation arrays is its own row of the state's `lessorRows`, and
 * its own numbers and flows are read from its row of `lessorRows.numbers` (its cash and its
 * opening cash, the first slot of each, are what the row holds there).
 */
export function rowsAttached(state: Readonly<MarketState>, l: Lessor): boolean {
  const nGen = state.scenario.generations.length;
  const rows = state.lessorRows;
  const pairs: [Float64Array, Float64Array][] = [
    [l.asks, rows.asks],
    [l.expectedRent, rows.expectedRent],
    [l.rentTrend, rows.rentTrend],
    [l.utilisationByGen, rows.utilisation],
    [l.contractedByGen, rows.contracted],
    [l.contractMoneyByGen, rows.contractMoney],
    [l.revenueByGen, rows.revenue],
    [l.fleet.byGeneration, rows.installed],
  ];
  const numbers = rows.numbers.subarray(l.index * LESSOR_NUMBERS, (l.index + 1) * LESSOR_NUMBERS);
  const ownNumbers = Object.is(numbers[0], l.cash) && Object.is(numbers[RECORD_FIELDS], l.flows.cashStart);
  return ownNumbers && pairs.every(([view, all]) => view.buffer === all.buffer && view.byteOffset === all.byteOffset + l.index * nGen * 8 && view.length === nGen);
}
