/**
 * The calibration's simulator: a round of particles as one table-design batch on the worker
 * pool (records only: no bands), each particle run `replicates` times, each run reporting the observed months of the
 * observed metrics (`extract`), and each particle scored by its distance (distance.ts).
 *
 * A round's runs draw their random streams from (round seed, run index). The round seed comes
 * from the calibration's seed, generation and round, so every round's runs have their own noise
 * and the same calibration makes the same runs however many workers run them.
 */
import { createHash } from 'node:crypto';
import { cellPlan } from '../analysis/variables.js';
import { runRecords } from '../montecarlo/batch.js';
import type { MetricCell, RunRecord } from '../montecarlo/chunk.js';
import type { BatchPlan } from '../montecarlo/plan.js';
import type { Observation } from '../observed/observation.js';
import type { Scenario } from '../scenario/schema.js';
import type { RoundKey, Simulate } from './abcSmc.js';
import { distance, seriesShares, type Target } from './distance.js';

/** An observation the model is held against: what to compare, and where the runs report it. */
export interface CellTarget extends Target {
  /** The row in the observed file, and its month (YYYY-MM). */
  line: number;
  month: string;
  /** Month index from the scenario's start. */
  monthIndex: number;
}

export interface ModelSimulatorOptions {
  scenario: Scenario;
  /** The calibrated inputs' paths, in the particles' order. */
  paths: readonly string[];
  targets: readonly CellTarget[];
  replicates: number;
  seed: number;
  /** Worker threads; 0 runs in this process. */
  workers: number;
  /** Runs finished in the current round, of its total. */
  onRuns?: (done: number, total: number) => void;
}

/** What a round's runs gave: each particle's replicates' values of every target (NaN where a run failed). */
export interface RoundValues {
  /** values[p][r][i]: particle p, replicate r, target i. */
  values: Float64Array[][];
  failures: number;
  /** The first failed run's message, if any. */
  firstFailure: string | null;
}

/** Observations as targets of a scenario with these months (every observation's month must be one of them). */
export const cellTargets = (observations: readonly Observation[], months: readonly string[]): CellTarget[] => observations.map((x) => ({ ...x, monthIndex: months.indexOf(x.month) }));

/** The cells the runs must report, and each target's position among them. */
export const targetCells = (targets: readonly CellTarget[]): { cells: MetricCell[]; positions: number[] } => cellPlan(targets.map((t) => ({ metric: t.metric, month: t.monthIndex })));

/** A batch seed of its own for every round of every generation. */
export function roundSeed(seed: number, key: RoundKey, purpose = 'round'): number {
  const digest = createHash('sha256').update(`gpu-market/calibrate/${seed}/${purpose}/${key.generation}/${key.round}`).digest();
  return digest.readUInt32BE(0);
}

/** Runs particles (input values aligned with `paths`) `replicates` times each. */
export async function runParticles(particles: readonly (readonly number[])[], seed: number, o: ModelSimulatorOptions): Promise<RoundValues> {
  const R = o.replicates;
  const rows: number[][] = [];
  for (const p of particles) for (let r = 0; r < R; r++) rows.push([...p]);
  const { cells, positions } = targetCells(o.targets);
  const plan: BatchPlan = { scenario: o.scenario, seed, runs: rows.length, design: 'table', paths: [...o.paths], rows };
  const result = await runRecords(plan, { workers: o.workers, extract: cells, onProgress: o.onRuns });
  const values = particles.map(() => Array.from({ length: R }, () => new Float64Array(o.targets.length).fill(Number.NaN)));
  const fill = (r: RunRecord) => {
    const row = values[Math.floor(r.index / R)][r.index % R];
    positions.forEach((pos, i) => (row[i] = r.extracted![pos]));
  };
  for (const r of result.runs) fill(r);
  return { values, failures: result.failures.length, firstFailure: result.failures[0]?.message ?? null };
}

/**
 * The simulator ABC-SMC calls. A particle with a failed run (its values outside what a field
 * allows, or a run the model could not hold) is never accepted.
 */
export function modelSimulator(o: ModelSimulatorOptions, onFailures?: (count: number, first: string) => void): Simulate {
  const shares = seriesShares(o.targets);
  return async (particles, key) => {
    const round = await runParticles(particles, roundSeed(o.seed, key), o);
    if (round.failures > 0) onFailures?.(round.failures, round.firstFailure!);
    return round.values.map((replicates) => (replicates.some((v) => v.some(Number.isNaN)) ? Infinity : distance(o.targets, shares, replicates)));
  };
}
