/**
 * One simulated path. `step` runs the month's phases in order; `simulate` loops it over the horizon
 * and returns the metric columns and outcomes. An optional observer sees the state after each month
 * (tests use it to check identities); the model keeps no collectors of its own.
 */
import type { Scenario } from '../scenario/schema.js';
import { settlementPhase } from './accounting.js';
import { monthOffset, monthRange } from './calendar.js';
import { industryPhase } from './industry.js';
import { initialState } from './init.js';
import { clearingPhase, intentsPhase } from './market.js';
import { generationMetricName, METRICS, type RunResult } from './metrics.js';
import { observe, type Columns, type ProbeMonth } from './observe.js';
import { computeOutcomes } from './outcomes.js';
import { generationIndex } from './params.js';
import { evaluateProbe, PROBE_KINDS, type ProbeEntryFacts } from './probe.js';
import { createStreams } from './random.js';
import { resetFlows, resetTally, type MarketState } from './state.js';
import { supplyPhase } from './supply.js';

export interface SimulateOptions {
  /** Index of this run within a batch; streams are derived from (seed, runIndex, stream name). */
  runIndex?: number;
  /** Called after every month with the settled state; must not mutate it. */
  onMonth?: (state: Readonly<MarketState>) => void;
}

function hypeAt(s: Scenario, month: number): number {
  const h = s.market.hype;
  return h.floor + (h.initial - h.floor) * Math.pow(0.5, month / h.halfLifeMonths);
}

export function step(state: MarketState): void {
  resetTally(state.tally);
  state.hype = hypeAt(state.scenario, state.month);
  for (const l of state.lessors) if (l.active) resetFlows(l.flows, l.cash, l.fleet.gpus);
  supplyPhase(state);
  intentsPhase(state);
  const sales = clearingPhase(state);
  settlementPhase(state, sales);
  industryPhase(state);
}

export function simulate(scenario: Scenario, seed: number | string, options: SimulateOptions = {}): RunResult {
  const streams = createStreams(seed, options.runIndex ?? 0);
  const state = initialState(scenario, streams);
  const T = state.months;
  // Built in one go: adding 49 properties one by one under computed keys leaves V8 a slow
  // dictionary-mode object, and observe writes every column every month.
  const cols = Object.fromEntries(METRICS.map((m) => [m, new Float64Array(T)])) as Columns;
  const byGen: Float64Array[] = [];
  for (let g = 0; g < scenario.generations.length; g++) byGen.push(new Float64Array(T));
  const probe = scenario.probe;
  const probeKind = probe ? PROBE_KINDS[probe.archetype] : 0;
  const probeEntry = probe ? monthOffset(scenario.start, probe.entry) : -1;
  let entryFacts: ProbeEntryFacts | null = null;
  const probeMonths: ProbeMonth[] = [];
  for (let t = 0; t < T; t++) {
    state.month = t;
    step(state);
    if (t === probeEntry) {
      const g = generationIndex(scenario, probe!.generation);
      entryFacts = { leadTimeMonths: state.genLeadTime[g], pricePerGpu: state.genPrice[g], allowed: state.genAllowed[g] === 1 };
    }
    probeMonths.push(observe(state, cols, byGen, probeKind));
    options.onMonth?.(state);
  }
  const installedByGeneration: Record<string, Float64Array> = {};
  for (let g = 0; g < byGen.length; g++) installedByGeneration[scenario.generations[g].name] = byGen[g];
  const probeOutcome = probe && entryFacts ? evaluateProbe(scenario, state.costs, probe, entryFacts, probeMonths) : null;
  return {
    months: monthRange(scenario.start, scenario.end),
    metrics: cols,
    installedByGeneration,
    outcomes: computeOutcomes(scenario, cols, probeOutcome),
  };
}

export { generationMetricName };
