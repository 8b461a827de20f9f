/**
 * Evaluating a design's blocks on the model, on the batch worker pool.
 *
 * Common random numbers: a batch's run i draws its random streams from (seed, i). Every block is
 * therefore run as its own batch plan with the same seed and its rows as the plan's rows, so row
 * j of every block is run j of its plan and gets the same streams. (One plan holding all blocks
 * one after another would give row j of block b the run index b·n + j, and every point its own
 * noise.) The plans go to the pool together, so the workers are kept busy across blocks.
 *
 * Probabilities become input values by each input's quantile function. The scenario's
 * correlations between inputs are not imposed: Sobol indices, Morris effects and one-at-a-time
 * swings as computed here all assume independent inputs.
 *
 * Missing values, per run:
 * - an outcome that is a month (red-ocean onset, peak month, probe payback) and did not happen
 *   within the horizon is censored at the horizon's length (the month index just after the last
 *   month), so "never" counts as "later than anything seen"; these are counted as `censored`;
 * - any other outcome the run does not have (no probe, an IRR that does not exist) is null and
 *   counted as `missing`; the estimators leave it out (see each method);
 * - a run that throws (a drawn value outside its field's range) is null and counted in `failures`.
 */
import { monthRange } from '../model/calendar.js';
import { extractionPlan, valueIn, type Variable } from '../analysis/variables.js';
import { defaultChunkSize, runBatch } from '../montecarlo/batch.js';
import type { RunFailure } from '../montecarlo/chunk.js';
import type { BatchPlan } from '../montecarlo/plan.js';
import { quantile } from '../montecarlo/sampling/distributions.js';
import type { UncertainInput } from '../montecarlo/sampling/designs.js';
import type { Scenario } from '../scenario/schema.js';
import type { Block, BlockValues } from './blocks.js';

export interface ModelEvaluatorOptions {
  /** The scenario with defaults and overrides applied. */
  scenario: Scenario;
  /** The design's columns, in order. */
  inputs: readonly UncertainInput[];
  variable: Variable;
  seed: number;
  /** Worker threads; 0 runs everything in this process. */
  workers: number;
  onProgress?: (done: number, total: number) => void;
}

export interface ModelEvaluation {
  values: BlockValues;
  runs: number;
  failures: number;
  /** Runs whose outcome does not exist (after censoring month outcomes). */
  missing: number;
  /** Runs whose month outcome did not happen and was set to the horizon's length. */
  censored: number;
  /** The distinct messages of failed runs, at most a few. */
  failureMessages: string[];
  /** Failed runs whose input was more than the model can hold, and the first failure of all, in block and run order. */
  inputFailures: number;
  firstFailure: RunFailure | null;
}

const MESSAGES_KEPT = 3;

/** Blocks of probabilities as blocks of input values, through each input's quantile function. */
export function blockInputValues(blocks: readonly Block[], inputs: readonly UncertainInput[]): number[][][] {
  return blocks.map((block) => block.map((row) => row.map((u, i) => quantile(inputs[i].dist, u))));
}

export async function evaluateOnModel(blocks: readonly Block[], o: ModelEvaluatorOptions): Promise<ModelEvaluation> {
  const months = monthRange(o.scenario.start, o.scenario.end);
  const { cells, positions } = extractionPlan([o.variable]);
  const paths = o.inputs.map((x) => x.path);
  const censorAt = o.variable.kind === 'outcome' && o.variable.unit === 'month' ? months.length : null;
  const total = blocks.reduce((a, b) => a + b.length, 0);
  // Chunks sized for the whole analysis, not each block, so small blocks are not sent run by run.
  const chunkSize = Math.max(1, Math.min(blocks[0]?.length ?? 1, defaultChunkSize(total, o.workers)));
  const done = blocks.map(() => 0);
  const progress = () =>
    o.onProgress?.(
      done.reduce((a, x) => a + x, 0),
      total,
    );
  const results = await Promise.all(
    blockInputValues(blocks, o.inputs).map((rows, b) => {
      const plan: BatchPlan = { scenario: o.scenario, seed: o.seed, runs: rows.length, design: 'table', paths, rows };
      return runBatch(plan, {
        workers: o.workers,
        chunkSize,
        extract: cells,
        onProgress: (d) => {
          done[b] = d;
          progress();
        },
      });
    }),
  );
  let missing = 0;
  let censored = 0;
  let failures = 0;
  let inputFailures = 0;
  let firstFailure: RunFailure | null = null;
  const messages = new Set<string>();
  const values = results.map((result, b) => {
    const column: (number | null)[] = new Array<number | null>(blocks[b].length).fill(null);
    for (const f of result.failures) {
      failures++;
      if (f.input) inputFailures++;
      firstFailure ??= f;
      if (messages.size < MESSAGES_KEPT) messages.add(f.message);
    }
    for (const r of result.runs) {
      let v = valueIn(o.variable, positions[0], r);
      if (v === null && censorAt !== null) {
        v = censorAt;
        censored++;
      }
      if (v === null) missing++;
      column[r.index] = v;
    }
    return column;
  });
  return { values, runs: total, failures, missing, censored, failureMessages: [...messages], inputFailures, firstFailure };
}
