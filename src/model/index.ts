export { simulate, step, type SimulateOptions } from './simulate.js';
export { clearingScratch, type ClearingScratch } from './market.js';
export { OUTCOME_COLUMNS, outcomeUnits, outcomeValue, type OutcomeColumn, type OutcomeKind, type OutcomeName } from './outcomeColumns.js';
export { clearMarket, meritOrder, type ClearingResult, type Side } from './clearing.js';
export {
  METRICS,
  REGIMES,
  BLUE,
  TRANSITION,
  RED,
  generationMetricName,
  GENERATION_METRICS,
  generationMetricNames,
  type MetricName,
  type Regime,
  type Outcomes,
  type ProbeOutcome,
  type RunResult,
  type ProbeCashFlows,
} from './metrics.js';
export { monthRange, monthToIndex, indexToMonth, monthOffset } from './calendar.js';
export { createStreams, streamSeed, STREAMS, type Rng, type Streams } from './random.js';
export { irr, npv } from './finance.js';
export type { MarketState, Lessor, Developer, LessorFlows, Cohort, ContractBook } from './state.js';
export { cashInflows, cashOutflows } from './accounting.js';
