/**
 * One simulated path. `step` runs the month's phases in order; `simulate` loops it over the horizon
 * and returns the metric columns and outcomes. An optional observer sees the state after each month
 * (tests use it to check identities); the model keeps no collectors of its own.
 */
import type { ProbeParams, Scenario } from '../scenario/schema.js';
import { settlementPhase } from './accounting.js';
import { monthOffset, monthRange } from './calendar.js';
import { demandPhase, regimeSchedule } from './demand.js';
import { industryPhase } from './industry.js';
import { initialState } from './init.js';
import { clearingPhase, intentsPhase, releaseClearingScratch, takeClearingScratch, type ClearingScratch } from './market.js';
import { GENERATION_METRICS, generationMetricName, METRICS, type ProbeCashFlows, type RunResult } from './metrics.js';
import { observe, type Columns, type GenerationColumns, type ProbeKey, type ProbeMonth } from './observe.js';
import { computeOutcomes } from './outcomes.js';
import { generationIndex, lessorParams } from './params.js';
import { policyPhase } from './policy.js';
import { evaluateProbe, NO_CHIPS, PROBE_KINDS } from './probe.js';
import { createRng, createStreams, streamSeed } from './random.js';
import { resetTally, type MarketState } from './state.js';
import { placeOrder } from './vendor.js';
import { requireFinite } from './divergence.js';
import { supplyPhase } from './supply.js';

const ARCHETYPES = Object.keys(PROBE_KINDS) as ProbeParams['archetype'][];

export interface SimulateOptions {
  /** Index of this run within a batch; streams are derived from (seed, runIndex, stream name). */
  runIndex?: number;
  /** Called after every month with the settled state; must not mutate it. */
  onMonth?: (state: Readonly<MarketState>) => void;
  /** Also evaluate the probe as each archetype (see ProbeArchetypeResult); off in batches, where nothing reads it. */
  probeArchetypes?: boolean;
}

function hypeAt(s: Scenario, month: number): number {
  const h = s.market.hype;
  return h.floor + (h.initial - h.floor) * Math.pow(0.5, month / h.halfLifeMonths);
}

/**
 * One month. `scheduledRegime` is the demand regime the scenario sets this month (-1: none); in
 * the probe's entry month, once the vendor's month is known, the probe joins the queue.
 */
export function step(state: MarketState, scratch: ClearingScratch, scheduledRegime = -1, probeEntry = -1): void {
  resetTally(state.tally);
  state.hype = hypeAt(state.scenario, state.month);
  for (const l of state.lessors) if (l.active) l.flows.reset(l.cash, l.fleet.gpus);
  demandPhase(state, scheduledRegime, state.streams.demand);
  supplyPhase(state);
  if (state.month === probeEntry) placeProbeOrder(state);
  intentsPhase(state);
  policyPhase(state);
  const sales = clearingPhase(state, scratch);
  settlementPhase(state, sales);
  industryPhase(state);
}

/** The probe joins the vendor's queue in its entry month, as a shadow order (see probe.ts). */
function placeProbeOrder(state: MarketState): void {
  const probe = state.scenario.probe!;
  const g = generationIndex(state.scenario, probe.generation);
  if (!state.genAllowed[g]) return;
  state.probeOrder = placeOrder(state, {
    gen: g,
    priority: lessorParams(state.scenario, PROBE_KINDS[probe.archetype]).priorityClass,
    buyerIsLessor: false,
    buyer: -1,
    remaining: probe.gpus,
    pricePerGpu: state.genPrice[g],
    debtPerGpu: 0,
    equityPerGpu: 0,
    shadow: true,
  });
}

/** The per-generation columns by full metric name, in `generationMetricNames` order. */
function generationColumns(s: Scenario, gc: GenerationColumns): Record<string, Float64Array> {
  const families: Record<(typeof GENERATION_METRICS)[number], Float64Array[]> = {
    installedGpus: gc.installed,
    spotRentCcyPerGpuHour: gc.spot,
    contractRentCcyPerGpuHour: gc.contract,
    offtakeRentCcyPerGpuHour: gc.offtake,
    listRentCcyPerGpuHour: gc.list,
  };
  const out: Record<string, Float64Array> = {};
  for (const f of GENERATION_METRICS) s.generations.forEach((g, i) => (out[generationMetricName(g.name, f)] = families[f][i]));
  return out;
}

/** Whether month `t` of every column is finite: `x * 0` is 0 for a finite `x` and NaN for any other. */
function monthFinite(columns: Float64Array[], t: number): boolean {
  let zero = 0;
  for (let i = 0; i < columns.length; i++) zero += columns[i][t] * 0;
  return zero === 0;
}

/** Every value of the probe's cash-flow table must be finite, as every metric must. */
function requireFiniteCashFlows(state: MarketState, table: ProbeCashFlows): void {
  for (const [name, column] of Object.entries(table)) {
    if (name === 'month') continue;
    const values = column as Float64Array;
    const quantity = () => `the probe's ${name}`;
    for (let i = 0; i < values.length; i++) requireFinite(state, quantity, values[i], table.month[i]);
  }
}

export function simulate(scenario: Scenario, seed: number | string, options: SimulateOptions = {}): RunResult {
  const streams = createStreams(seed, options.runIndex ?? 0);
  const state = initialState(scenario, streams);
  const scratch = takeClearingScratch();
  const T = state.months;
  const nGen = scenario.generations.length;
  // Every column a view of one block: a hundred arrays of this size, each allocated on its own
  // outside V8's heap, cost a run more than some of its months.
  const block = new Float64Array(T * (METRICS.length + GENERATION_METRICS.length * nGen));
  let used = 0;
  const column = (): Float64Array => block.subarray(used, (used += T));
  // Built in one go: adding every metric one by one under computed keys leaves V8 a slow
  // dictionary-mode object, and observe writes every column every month.
  const cols = Object.fromEntries(METRICS.map((m) => [m, column()])) as Columns;
  const perGen = () => Array.from({ length: nGen }, column);
  const gc: GenerationColumns = { installed: perGen(), spot: perGen(), contract: perGen(), offtake: perGen(), list: perGen() };
  const probe = scenario.probe;
  const gen = probe ? generationIndex(scenario, probe.generation) : 0;
  const archetypes = probe ? (options.probeArchetypes ? ARCHETYPES : [probe.archetype]) : [];
  const probeKeys: ProbeKey[] = archetypes.map((a) => ({ kind: PROBE_KINDS[a], gen }));
  const probeEntry = probe ? monthOffset(scenario.start, probe.entry) : -1;
  const schedule = regimeSchedule(scenario, T);
  const probeMonths: ProbeMonth[][] = probeKeys.map(() => []);
  const byGeneration = generationColumns(scenario, gc);
  // Every metric column with its name: each month's values must be finite.
  const checkedNames = [...METRICS, ...Object.keys(byGeneration)];
  const checked = [...METRICS.map((m) => cols[m]), ...Object.values(byGeneration)];
  for (let t = 0; t < T; t++) {
    state.month = t;
    step(state, scratch, schedule[t], probeEntry);
    observe(state, cols, gc, probeKeys, probeMonths);
    if (!monthFinite(checked, t)) for (let i = 0; i < checked.length; i++) requireFinite(state, checkedNames[i], checked[i][t]);
    options.onMonth?.(state);
  }
  releaseClearingScratch(scratch);
  const order = state.probeOrder;
  const evaluateAs = (archetype: ProbeParams['archetype']) =>
    probe && order
      ? evaluateProbe(
          scenario,
          state.costs,
          { ...probe, archetype },
          { arrivals: state.probeArrivals, pricePerGpu: order.pricePerGpu },
          probeMonths[archetypes.indexOf(archetype)],
          createRng(streamSeed(seed, options.runIndex ?? 0, 'probe')),
        )
      : null;
  const evaluated = probe ? evaluateAs(probe.archetype) : null;
  if (evaluated?.table) requireFiniteCashFlows(state, evaluated.table);
  const probeOutcome = probe ? (evaluated?.outcome ?? NO_CHIPS) : null;
  return {
    months: monthRange(scenario.start, scenario.end),
    metrics: cols,
    byGeneration,
    outcomes: computeOutcomes(scenario, cols, probeOutcome),
    probeCashFlows: evaluated?.table ?? null,
    ...(probe && options.probeArchetypes
      ? {
          probeArchetypes: ARCHETYPES.map((archetype) => {
            const e = archetype === probe.archetype ? evaluated : evaluateAs(archetype);
            return { archetype, outcome: e?.outcome ?? NO_CHIPS, cashFlows: e?.table ?? null };
          }),
        }
      : {}),
  };
}

export { generationMetricName };
