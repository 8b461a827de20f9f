/**
 * sensitivity.json: everything a report needs to draw a tornado chart or a bar chart of Sobol
 * indices with their intervals (or a μ*–σ plot of Morris effects), and to say what was done:
 * the scenario, the outcome and its unit, the method and its sample size, the runs, how missing
 * values were treated, and per input its distribution and the method's values. Inputs are listed
 * in the order of the method's ranking (largest effect first).
 *
 * Numbers are rounded as in every output file (12 significant digits), and every sum is taken in
 * run-index order, so the file is byte-identical for any number of workers.
 */
import type { Variable } from '../analysis/variables.js';
import { indexToMonth, monthRange, monthToIndex } from '../model/calendar.js';
import { describe, summary } from '../montecarlo/sampling/distributions.js';
import { scenarioHash } from '../montecarlo/summary.js';
import type { UncertainInput } from '../montecarlo/sampling/designs.js';
import { roundForFile } from '../format/formatNumber.js';
import type { Correlation } from '../scenario/distribution.js';
import type { Scenario } from '../scenario/schema.js';
import type { SensitivityDesign, SensitivityResult } from './analysis.js';
import type { ModelEvaluation } from './modelEvaluator.js';
import { MORRIS_STEP } from './morris.js';
import { outcomeUnit } from './outcomeUnit.js';

export interface SensitivityContext {
  scenario: Scenario;
  scenarioFile: string;
  inputs: readonly UncertainInput[];
  /** The outcome as the user wrote it, and as it was resolved. */
  outcomeText: string;
  variable: Variable;
  seed: number;
  design: SensitivityDesign;
  result: SensitivityResult;
  evaluation: Omit<ModelEvaluation, 'values'>;
}

type Num = number | null;
const num = (v: number | null): Num => (v === null || !Number.isFinite(v) ? null : roundForFile(v));

export interface InputInfo {
  path: string;
  distribution: string;
  p10: number;
  median: number;
  p90: number;
}

export interface TornadoSection {
  statistic: 'mean over replicates';
  replicates: number;
  lowProbability: number;
  highProbability: number;
  base: { value: Num; missing: number };
  bars: {
    path: string;
    lowInput: number;
    highInput: number;
    low: Num;
    high: Num;
    lowMissing: number;
    highMissing: number;
    swing: Num;
    swingStandardError: Num;
  }[];
}

export interface SobolSection {
  firstOrderEstimator: string;
  totalEstimator: string;
  baseSample: string;
  baseSampleSize: number;
  rowsUsed: number;
  confidence: number;
  resamples: number;
  interval: string;
  mean: Num;
  variance: Num;
  sumFirstOrder: Num;
  /** Share of variance that the run's random stream alone explains (first order). */
  stream: { value: Num; low: Num; high: Num } | null;
  indices: { path: string; firstOrder: Num; firstOrderLow: Num; firstOrderHigh: Num; total: Num; totalLow: Num; totalHigh: Num }[];
}

export interface MorrisSection {
  trajectories: number;
  levels: number;
  step: number;
  effectUnit: string;
  effects: { path: string; mu: Num; muStar: Num; sigma: Num; effects: number }[];
}

export interface SensitivityDocument {
  scenario: string;
  /** The hash a batch's summary.json carries for the same scenario, so a report can pair them. */
  scenarioHash: string;
  scenarioFile: string;
  currency: string;
  startMonth: string;
  endMonth: string;
  months: number;
  outcome: {
    name: string;
    variable: string;
    kind: 'outcome' | 'metric';
    /** For a metric: the month it is read in. */
    month?: string;
    unit: string | null;
    /** For month outcomes: values are month indices, 0 = this month. */
    monthZero?: string;
    missing: string;
  };
  method: 'tornado' | 'sobol' | 'morris';
  seed: number;
  samples: number;
  samplesMeaning: string;
  runs: number;
  failedRuns: number;
  missingValues: number;
  censoredValues: number;
  failureMessages: string[];
  commonRandomNumbers: string;
  independence: string;
  ignoredCorrelations: Correlation[];
  inputs: InputInfo[];
  tornado?: TornadoSection;
  sobol?: SobolSection;
  morris?: MorrisSection;
}

const SAMPLES_MEANING = {
  tornado: 'replicates per point; runs = samples × (2 × inputs + 1)',
  sobol: 'base sample size N; runs = N × (inputs + 2)',
  morris: 'trajectories; runs = samples × (inputs + 1)',
} as const;

const CRN = {
  tornado: 'replicate j of every point runs with the random stream j',
  sobol: 'row j of A, B and every AB_i runs with the random stream j',
  morris: 'every point of trajectory t runs with the random stream t',
} as const;

const LEFT_OUT = {
  tornado: 'are left out of their point’s mean',
  sobol: 'have their base row dropped from every matrix',
  morris: 'leave out the effects that need them',
} as const;

function missingRule(v: Variable, method: SensitivityDesign['method'], months: number, start: string): string {
  if (v.kind === 'outcome' && v.unit === 'month') {
    return `a month that does not occur within the horizon counts as ${months} (${indexToMonth(monthToIndex(start) + months)}, the month after the last)`;
  }
  return `runs without a value, and failed runs, ${LEFT_OUT[method]}`;
}

export function sensitivityDocument(c: SensitivityContext): SensitivityDocument {
  const { scenario, design, result, variable: v, evaluation: e } = c;
  const months = monthRange(scenario.start, scenario.end);
  const inputs = c.inputs.map((x) => {
    const s = summary(x.dist);
    return { path: x.path, distribution: describe(x.dist), p10: roundForFile(s.p10), median: roundForFile(s.median), p90: roundForFile(s.p90) };
  });
  const path = (i: number) => c.inputs[i].path;
  const doc: SensitivityDocument = {
    scenario: scenario.name,
    scenarioHash: scenarioHash(scenario),
    scenarioFile: c.scenarioFile,
    currency: scenario.currency,
    startMonth: scenario.start,
    endMonth: scenario.end,
    months: months.length,
    outcome: {
      name: c.outcomeText,
      variable: v.name,
      kind: v.kind,
      month: v.kind === 'metric' ? v.month : undefined,
      unit: outcomeUnit(v, scenario.currency),
      monthZero: v.kind === 'outcome' && v.unit === 'month' ? scenario.start : undefined,
      missing: missingRule(v, design.method, months.length, scenario.start),
    },
    method: design.method,
    seed: c.seed,
    samples: design.method === 'sobol' ? design.n : design.r,
    samplesMeaning: SAMPLES_MEANING[design.method],
    runs: e.runs,
    failedRuns: e.failures,
    missingValues: e.missing,
    censoredValues: e.censored,
    failureMessages: e.failureMessages,
    commonRandomNumbers: CRN[design.method],
    independence: 'inputs are varied independently of each other; correlations between them are not imposed',
    ignoredCorrelations: scenario.correlations,
    inputs,
  };
  if (result.method === 'tornado') {
    doc.tornado = {
      statistic: 'mean over replicates',
      replicates: result.r,
      lowProbability: result.lowProbability,
      highProbability: result.highProbability,
      base: { value: num(result.base.value), missing: result.base.missing },
      bars: result.bars.map((b) => ({
        path: path(b.input),
        lowInput: inputs[b.input].p10,
        highInput: inputs[b.input].p90,
        low: num(b.low.value),
        high: num(b.high.value),
        lowMissing: b.low.missing,
        highMissing: b.high.missing,
        swing: num(b.swing),
        swingStandardError: num(b.swingStandardError),
      })),
    };
  } else if (result.method === 'sobol') {
    const indices =
      result.indices === null
        ? c.inputs.map((_, input) => ({ input, firstOrder: null, total: null, firstOrderInterval: null, totalInterval: null }))
        : [...result.indices].sort((a, b) => b.total - a.total || a.input - b.input);
    doc.sobol = {
      firstOrderEstimator: 'Saltelli et al. 2010: mean f(B)·(f(AB_i) − f(A)) / V',
      totalEstimator: 'Jansen 1999: mean (f(A) − f(AB_i))² / (2V)',
      baseSample: 'Latin hypercube in 2k dimensions, split into A and B',
      baseSampleSize: result.n,
      rowsUsed: result.rowsUsed,
      confidence: result.confidence,
      resamples: result.resamples,
      interval: 'percentile bootstrap over the base rows',
      mean: num(result.mean),
      variance: num(result.variance),
      sumFirstOrder: result.indices === null ? null : num(result.indices.reduce((a, x) => a + x.firstOrder, 0)),
      stream: result.stream === null ? null : { value: num(result.stream.value), low: num(result.stream.interval.low), high: num(result.stream.interval.high) },
      indices: indices.map((x) => ({
        path: path(x.input),
        firstOrder: num(x.firstOrder),
        firstOrderLow: num(x.firstOrderInterval?.low ?? null),
        firstOrderHigh: num(x.firstOrderInterval?.high ?? null),
        total: num(x.total),
        totalLow: num(x.totalInterval?.low ?? null),
        totalHigh: num(x.totalInterval?.high ?? null),
      })),
    };
  } else if (result.method === 'morris') {
    const ranked = [...result.effects].sort((a, b) => (b.muStar ?? -1) - (a.muStar ?? -1) || a.input - b.input);
    doc.morris = {
      trajectories: result.r,
      levels: result.levels,
      step: MORRIS_STEP,
      effectUnit: 'change of the outcome per unit of the input’s probability (an elementary effect is the change for a step of ½, times 2)',
      effects: ranked.map((x) => ({ path: path(x.input), mu: num(x.mu), muStar: num(x.muStar), sigma: num(x.sigma), effects: x.effects })),
    };
  }
  return doc;
}
