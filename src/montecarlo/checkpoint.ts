/**
 * Checkpoints of a batch in progress: the accumulators of the chunks finished so far and which
 * chunks those were. Merging is exact and order-independent, so a batch resumed from a checkpoint
 * ends with the summary of an uninterrupted batch, byte for byte. A checkpoint is only ever
 * written whole (temporary name, then rename), so an interruption at any moment leaves either the
 * previous checkpoint or the new one.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { processAlive } from '../output/writeRun.js';
import { join } from 'node:path';
import { bandsFromJSON, bandsToJSON, type MetricBands, type MetricBandsJSON } from '../stats/metricBands.js';
import type { ProbabilityCounts } from '../stats/probability.js';
import type { Shard } from './batch.js';
import type { RunFailure, RunRecord } from './chunk.js';
import type { BatchPlan, Design } from './plan.js';
import { scenarioHash } from './summary.js';

export const CHECKPOINT_FILE = 'checkpoint.json';
const FORMAT = 'gpu-market-checkpoint/1';

/** What identifies a batch: a checkpoint only resumes the batch it came from. */
export interface BatchIdentity {
  scenarioHash: string;
  seed: number;
  runs: number;
  design: Design;
  shard: Shard;
  chunkSize: number;
}

/** The state of a batch in progress, in memory. */
export interface Progress {
  identity: BatchIdentity;
  /** First run index of every chunk already folded in, ascending. */
  doneChunks: number[];
  bands: MetricBands;
  probabilities: ProbabilityCounts;
  runs: RunRecord[];
  failures: RunFailure[];
}

interface CheckpointJSON extends Omit<Progress, 'bands'> {
  format: typeof FORMAT;
  bands: MetricBandsJSON;
}

/** Whether two descriptions are of the same batch: same scenario, seed, number of runs and design. */
export function sameBatch(
  a: Pick<BatchIdentity, 'scenarioHash' | 'seed' | 'runs' | 'design'>,
  b: Pick<BatchIdentity, 'scenarioHash' | 'seed' | 'runs' | 'design'>,
): boolean {
  return a.scenarioHash === b.scenarioHash && a.seed === b.seed && a.runs === b.runs && a.design === b.design;
}

export function batchIdentity(plan: BatchPlan, shard: Shard, chunkSize: number): BatchIdentity {
  return { scenarioHash: scenarioHash(plan.scenario), seed: plan.seed, runs: plan.runs, design: plan.design, shard, chunkSize };
}

export function writeCheckpoint(dir: string, p: Progress): void {
  mkdirSync(dir, { recursive: true });
  const json: CheckpointJSON = { format: FORMAT, ...p, doneChunks: [...p.doneChunks].sort((a, b) => a - b), bands: bandsToJSON(p.bands) };
  const tmp = join(dir, `${CHECKPOINT_FILE}.tmp-${process.pid}`);
  try {
    writeFileSync(tmp, JSON.stringify(json));
    renameSync(tmp, join(dir, CHECKPOINT_FILE));
  } catch (err) {
    // A full disk must not leave a half-written temporary file behind to fill it further.
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** A checkpoint that cannot resume this batch. */
export class CheckpointMismatch extends Error {
  constructor(
    message: string,
    /** The checkpoint is a good one, of another batch. */
    readonly otherBatch = false,
  ) {
    super(message);
  }
}

export function readCheckpoint(dir: string, expected: Omit<BatchIdentity, 'chunkSize'>): Progress {
  const path = join(dir, CHECKPOINT_FILE);
  let json: CheckpointJSON;
  try {
    json = JSON.parse(readFileSync(path, 'utf8')) as CheckpointJSON;
  } catch {
    throw new CheckpointMismatch(`${path}: no readable checkpoint to resume from`);
  }
  if (json.format !== FORMAT) throw new CheckpointMismatch(`${path}: not a checkpoint of this version`);
  const id = json.identity;
  const same = sameBatch(id, expected) && id.shard.index === expected.shard.index && id.shard.count === expected.shard.count;
  if (!same) throw new CheckpointMismatch(`${path}: it belongs to a different batch (scenario, seed, runs, design or shard differ)`, true);
  return { ...json, bands: bandsFromJSON(json.bands) };
}

/** Removes the checkpoints' temporary files in `dir` that processes no longer running left behind. */
export function removeStaleCheckpointTemps(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^checkpoint\.json\.tmp-(\d+)$/.exec(name);
    if (m && !processAlive(Number(m[1]))) rmSync(join(dir, name), { force: true });
  }
}

export function removeCheckpoint(dir: string): void {
  rmSync(join(dir, CHECKPOINT_FILE), { force: true });
}
