/**
 * Testing a thesis: one Monte Carlo batch (Latin hypercube over the scenario's uncertain inputs, or
 * the batch of `gpu-market batch --thesis`, whatever its design) that extracts every monthly value
 * the claims read; then, per claim, its probability (the share
 * of completed runs in which it holds) with a 95 % Wilson interval, the verdict against the
 * required probability, and the input conditions under which it holds, found by PRIM.
 *
 * Verdict: `holds` when the interval's lower end is at least the required probability, `fails`
 * when its upper end is below it, `undecided` when the interval straddles it (more runs narrow
 * the interval). A claim requiring probability 1 can therefore never hold, and one requiring 0
 * always does.
 */
import { cellPlan, valueIn, type Variable } from '../analysis/variables.js';
import type { RentUnit } from '../analysis/rentUnit.js';
import { readingCell, rentGatherer, thesisRentReadings, type RentReading, type ThesisRents } from './thesisRents.js';
import { prim, type PrimOptions, type PrimResult } from '../discovery/prim.js';
import { runBatch } from '../montecarlo/batch.js';
import type { MetricCell, RunFailure, RunRecord } from '../montecarlo/chunk.js';
import { planBatch, type BatchPlan } from '../montecarlo/plan.js';
import { scenarioHash } from '../montecarlo/summary.js';
import type { Scenario } from '../scenario/index.js';
import { wilsonInterval } from '../stats/wilson.js';
import { claimHolds } from './expression.js';
import { expressionContext, type Thesis } from './thesisFile.js';
import type { RunsTaken } from '../montecarlo/runsTaken.js';

export type Verdict = 'holds' | 'fails' | 'undecided';

export interface ThesisRunOptions {
  runs: number;
  seed: number;
  /** Worker threads; 0 runs in this process. */
  workers: number;
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** PRIM settings for the conditions; by default one box (see discovery/prim.ts). */
  prim?: PrimOptions;
  /** Show the rents the claims read per GPU-hour of this generation (see thesisRents.ts). */
  unit?: RentUnit;
}

export interface ClaimResult {
  name: string;
  expr: string;
  description?: string;
  require: number;
  /** Completed runs in which the claim holds, and completed runs. */
  successes: number;
  trials: number;
  /** successes / trials; null when no run completed. */
  probability: number | null;
  /** 95 % Wilson interval. */
  interval: { lower: number; upper: number };
  verdict: Verdict;
  /** Where, in the uncertain inputs, the claim holds (target: the claim is true). */
  conditions: PrimResult;
}

export interface ThesisRunRow {
  index: number;
  inputs: number[];
  /** holds[c]: whether claim c holds in this run. */
  holds: boolean[];
}

export interface ThesisResult extends RunsTaken {
  thesis: string;
  scenario: string;
  /** The hash a batch's summary.json carries for the same scenario, so a report can pair them. */
  scenarioHash: string;
  currency: string;
  claims: ClaimResult[];
  /** One row per completed run, in run-index order. */
  rows: ThesisRunRow[];
  /** With a rent unit: the rents the claims read, in it. */
  rents?: ThesisRents;
}

/** The verdict for an interval against a required probability. */
export function verdictOf(interval: { lower: number; upper: number }, require: number): Verdict {
  if (interval.lower >= require) return 'holds';
  if (interval.upper < require) return 'fails';
  return 'undecided';
}

/**
 * Where a thesis's claims find their variables in a run's record: `positions[c][v]` is where
 * claim c's variable v sits in `RunRecord.extracted` (-1 for an outcome).
 */
export interface ThesisReading {
  thesis: Thesis;
  positions: number[][];
  /** With a rent unit: the claims' rents, and where each finds its value in `RunRecord.extracted` (-1 for an outcome). */
  rents?: { unit: RentUnit; readings: RentReading[]; positions: number[] };
}

/** Refuses a thesis compiled for another scenario: its month variables would name other months. */
function checkCompiledFor(scenario: Scenario, thesis: Thesis): void {
  const ctx = expressionContext(scenario);
  if (ctx.start !== thesis.context.start || ctx.months.length !== thesis.context.months.length) {
    throw new Error(`the thesis ${JSON.stringify(thesis.name)} was compiled for another scenario (its months differ); compile it with this scenario`);
  }
}

/**
 * The monthly cells a batch of `scenario` must extract so that every claim of `theses` can be
 * read, each cell once however many claims share it, and where each thesis's claims find theirs.
 * One batch can then serve several theses. With a rent unit, also the cells of the generation's
 * own indices that show the claims' rents in it.
 */
export function thesisExtraction(scenario: Scenario, theses: readonly Thesis[], unit?: RentUnit): { cells: MetricCell[]; readings: ThesisReading[] } {
  for (const t of theses) checkCompiledFor(scenario, t);
  const variables: Variable[] = theses.flatMap((t) => t.claims.flatMap((c) => c.compiled.variables));
  const rents = theses.map((t) => (unit ? thesisRentReadings([t], scenario, unit) : []));
  const { cells, positions } = cellPlan([...variables.map((v) => (v.kind === 'outcome' ? null : v.cell)), ...rents.flat().map(readingCell)]);
  // Each claim's variables sit at consecutive positions of the flat list, thesis after thesis, and the rents after them all.
  let offset = 0;
  let rentOffset = variables.length;
  const readings = theses.map((thesis, ti): ThesisReading => {
    const claimPositions = thesis.claims.map((c) => {
      const p = positions.slice(offset, offset + c.compiled.variables.length);
      offset += c.compiled.variables.length;
      return p;
    });
    const own = rents[ti];
    const rentPositions = positions.slice(rentOffset, rentOffset + own.length);
    rentOffset += own.length;
    return { thesis, positions: claimPositions, ...(unit ? { rents: { unit, readings: own, positions: rentPositions } } : {}) };
  });
  return { cells, readings };
}

/** Whether each claim holds in run `r`. */
function holdsIn({ thesis, positions }: ThesisReading, r: RunRecord): boolean[] {
  return thesis.claims.map((c, ci) =>
    claimHolds(
      c.compiled,
      c.compiled.variables.map((v, vi) => valueIn(v, positions[ci][vi], r)),
    ),
  );
}

/**
 * A thesis's result over the runs of a finished batch: `runs` are its completed runs' records, in
 * run-index order, each with the cells of `thesisExtraction` extracted; `failures` its failed
 * runs. The thesis command and `batch --thesis` both end here, so a thesis gives the same numbers
 * whichever of them ran its batch.
 */
export function thesisResult(plan: BatchPlan, reading: ThesisReading, runs: Iterable<RunRecord>, failures: readonly RunFailure[], primOptions?: PrimOptions): ThesisResult {
  const { scenario } = plan;
  checkCompiledFor(scenario, reading.thesis);
  const rows: ThesisRunRow[] = [];
  const rents = reading.rents && rentGatherer(reading.rents.unit, scenario.currency, reading.rents.readings, reading.rents.positions);
  for (const r of runs) {
    rows.push({ index: r.index, inputs: r.inputs, holds: holdsIn(reading, r) });
    rents?.add(r);
  }
  const X = rows.map((r) => r.inputs);
  const claims = reading.thesis.claims.map((c, ci): ClaimResult => {
    const y = rows.map((r) => r.holds[ci]);
    const successes = y.filter(Boolean).length;
    const trials = y.length;
    const w = wilsonInterval(successes, trials);
    const interval = { lower: w.lower, upper: w.upper };
    return {
      name: c.name,
      expr: c.expr,
      description: c.description,
      require: c.require,
      successes,
      trials,
      probability: trials > 0 ? successes / trials : null,
      interval,
      verdict: verdictOf(interval, c.require),
      conditions: prim(X, y, plan.paths, primOptions),
    };
  });
  return {
    thesis: reading.thesis.name,
    scenario: scenario.name,
    scenarioHash: scenarioHash(scenario),
    currency: scenario.currency,
    seed: plan.seed,
    runs: plan.runs,
    design: plan.design,
    inputs: plan.paths,
    completedRuns: rows.length,
    failures: [...failures],
    claims,
    rows,
    ...(rents ? { rents: rents.result() } : {}),
  };
}

export async function runThesis(scenario: Scenario, thesis: Thesis, o: ThesisRunOptions): Promise<ThesisResult> {
  const { cells, readings } = thesisExtraction(scenario, [thesis], o.unit);
  const plan = planBatch(scenario, { runs: o.runs, seed: o.seed, design: 'lhs' });
  const batch = await runBatch(plan, {
    workers: o.workers,
    chunkSize: o.chunkSize,
    extract: cells,
    onProgress: o.onProgress,
    signal: o.signal,
  });
  return thesisResult(plan, readings[0], batch.runs, batch.failures, o.prim);
}
