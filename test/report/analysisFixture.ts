/**
 * Analyses of the fixture batch's scenario, made up in memory and frozen: a thesis of three claims
 * (one with a PRIM box and its peeling trajectory) and a tornado, a Sobol and a Morris analysis of
 * three inputs. Their strings can be replaced by hostile ones.
 */
import type { SensitivityDoc, SensitivityInput, ThesisDoc, ThesisInput } from '../../src/report/analysisData.js';
import { fixtureSummary } from './fixture.js';

export const INPUTS = ['vendor.outputScale', 'market.hype.halfLifeMonths', 'entrants.baseMonthlyProbability'];

export function fixtureThesis(): ThesisDoc {
  return {
    thesis: 'Fixture thesis',
    scenario: 'Fixture market',
    scenarioHash: fixtureSummary().scenarioHash,
    currency: 'CNY',
    runs: 200,
    seed: 1,
    design: 'lhs',
    completedRuns: 200,
    failedRuns: 0,
    inputs: [...INPUTS],
    verdictRule: 'holds: …',
    claims: [
      {
        name: 'rent-halves',
        expr: 'spotRent@2024-06 < 0.5 * spotRent@2023-09',
        description: 'The spot rent halves.',
        require: 0.5,
        successes: 130,
        trials: 200,
        probability: 0.65,
        interval: { lower: 0.581, upper: 0.713 },
        verdict: 'holds',
        conditions: {
          found: true,
          stopReason: 'found the 1 box asked for',
          cases: 200,
          casesWhereItHolds: 130,
          boxes: [
            {
              coverage: 0.8,
              density: 0.945,
              mass: 0.55,
              cases: 110,
              casesWhereItHolds: 104,
              restrictions: [
                { input: 'vendor.outputScale', lower: 0.91, upper: null, quasiP: 0.0001 },
                { input: 'market.hype.halfLifeMonths', lower: 12.5, upper: 26.25, quasiP: 0.012 },
              ],
              selectedStep: 3,
              trajectory: [
                { coverage: 1, density: 0.65, mass: 1, restricted: [] },
                { coverage: 0.97, density: 0.7, mass: 0.9, restricted: ['vendor.outputScale'] },
                { coverage: 0.92, density: 0.8, mass: 0.75, restricted: ['vendor.outputScale'] },
                { coverage: 0.85, density: 0.9, mass: 0.61, restricted: ['vendor.outputScale', 'market.hype.halfLifeMonths'] },
                { coverage: 0.6, density: 0.95, mass: 0.41, restricted: ['vendor.outputScale', 'market.hype.halfLifeMonths'] },
              ],
            },
          ],
        },
      },
      {
        name: 'early-red',
        expr: 'redOnset <= 2024-01',
        require: 0.3,
        successes: 40,
        trials: 200,
        probability: 0.2,
        interval: { lower: 0.15, upper: 0.262 },
        verdict: 'fails',
        conditions: { found: false, stopReason: 'no restriction is significant (quasi-p-value ≤ 0.05)', cases: 200, casesWhereItHolds: 40, boxes: [] },
      },
      {
        name: 'irr-over-15',
        expr: 'probe.irr > 0.15',
        require: 0.5,
        successes: 96,
        trials: 200,
        probability: 0.48,
        interval: { lower: 0.412, upper: 0.549 },
        verdict: 'undecided',
        conditions: { found: false, stopReason: 'no restriction is significant (quasi-p-value ≤ 0.05)', cases: 200, casesWhereItHolds: 96, boxes: [] },
      },
    ],
  };
}

function sensitivityBase(method: SensitivityDoc['method']): SensitivityDoc {
  return {
    scenario: 'Fixture market',
    scenarioHash: fixtureSummary().scenarioHash,
    scenarioFile: 'scenarios/fixture.yaml',
    currency: 'CNY',
    startMonth: '2023-01',
    endMonth: '2024-12',
    months: 24,
    outcome: { name: 'peakRent', variable: 'peakRentCcyPerRefGpuHour', kind: 'outcome', unit: 'CNY per reference-GPU-hour', missing: 'runs without a value, and failed runs, are left out' },
    method,
    seed: 1,
    samples: 4,
    runs: 100,
    failedRuns: 0,
    missingValues: 0,
    censoredValues: 0,
    independence: 'inputs are varied independently of each other',
    ignoredCorrelations: [{ a: 'market.hype.halfLifeMonths', b: 'entrants.baseMonthlyProbability', rho: 0.5 }],
    inputs: INPUTS.map((path, i) => ({ path, distribution: 'uniform 0–1', p10: 0.1 * (i + 1), median: 0.5, p90: 0.9 })),
  };
}

export function fixtureTornado(): SensitivityDoc {
  return {
    ...sensitivityBase('tornado'),
    tornado: {
      replicates: 4,
      lowProbability: 0.1,
      highProbability: 0.9,
      base: { value: 30, missing: 0 },
      bars: [
        { path: INPUTS[0], lowInput: 0.7, highInput: 1.4, low: 34, high: 27, lowMissing: 0, highMissing: 0, swing: -7, swingStandardError: 0.4 },
        { path: INPUTS[1], lowInput: 12, highInput: 24, low: 29, high: 32.5, lowMissing: 0, highMissing: 0, swing: 3.5, swingStandardError: 0.3 },
        { path: INPUTS[2], lowInput: 0.007, highInput: 0.021, low: 30.2, high: 30.9, lowMissing: 0, highMissing: 0, swing: 0.7, swingStandardError: 0.2 },
      ],
    },
  };
}

export function fixtureSobol(): SensitivityDoc {
  return {
    ...sensitivityBase('sobol'),
    sobol: {
      firstOrderEstimator: 'Saltelli et al. 2010',
      totalEstimator: 'Jansen 1999',
      baseSampleSize: 64,
      rowsUsed: 64,
      confidence: 0.95,
      resamples: 1000,
      interval: 'percentile bootstrap over the base rows',
      mean: 30,
      variance: 9,
      sumFirstOrder: 0.7,
      stream: { value: 0.12, low: 0.05, high: 0.2 },
      indices: [
        { path: INPUTS[0], firstOrder: 0.5, firstOrderLow: 0.38, firstOrderHigh: 0.61, total: 0.62, totalLow: 0.5, totalHigh: 0.75 },
        { path: INPUTS[1], firstOrder: 0.18, firstOrderLow: 0.08, firstOrderHigh: 0.3, total: 0.25, totalLow: 0.17, totalHigh: 0.34 },
        { path: INPUTS[2], firstOrder: 0.02, firstOrderLow: -0.05, firstOrderHigh: 0.09, total: 0.03, totalLow: 0.01, totalHigh: 0.06 },
      ],
    },
  };
}

export function fixtureMorris(): SensitivityDoc {
  return {
    ...sensitivityBase('morris'),
    morris: {
      trajectories: 10,
      levels: 4,
      step: 0.5,
      effectUnit: 'change of the outcome per unit of the input’s probability',
      effects: [
        { path: INPUTS[0], mu: -8, muStar: 8, sigma: 1.5, effects: 10 },
        { path: INPUTS[1], mu: 3, muStar: 3.4, sigma: 2.2, effects: 10 },
        { path: INPUTS[2], mu: 0.2, muStar: 0.6, sigma: 0.5, effects: 10 },
      ],
    },
  };
}

export const thesisInput = (doc = fixtureThesis()): ThesisInput => ({ file: 'runs/thesis.json', doc });
export const sensitivityInput = (doc: SensitivityDoc, file = 'runs/sensitivity.json'): SensitivityInput => ({ file, doc });
