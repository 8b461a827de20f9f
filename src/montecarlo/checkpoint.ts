/**
 * Checkpoints of a batch in progress: the accumulators of the chunks finished so far and which
 * chunks those were. Merging is exact and order-independent, so a batch resumed from a checkpoint
 * ends with the summary of an uninterrupted batch, byte for byte. A checkpoint is only ever
 * written whole (temporary name, then rename), so an interruption at any moment leaves either the
 * previous checkpoint or the new one.
 */
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { removeOrphans, writeFileAtomic } from '../files/writeFiles.js';
import { join } from 'node:path';
import type { MetricBands } from '../stats/metricBands.js';
import type { ProbabilityCounts } from '../stats/probability.js';
import { shardRange, type Shard } from './shardRange.js';
import { buildIdentity, sealed, sealFault } from './buildIdentity.js';
import { accumulatorsFromJSON, accumulatorsToJSON, runsFault, type Accumulators, type AccumulatorsJSON } from './consistency.js';
import type { MetricCell, RunFailure, RunRecord } from './chunk.js';
import type { BatchPlan, Design } from './plan.js';
import { RecordSpill, removeSpill, SpillMismatch, type SpillMark } from './recordSpill.js';
import { scenarioHash } from './summary.js';

export const CHECKPOINT_FILE = 'checkpoint.json';
const FORMAT = 'gpu-market-checkpoint/4';

/** What identifies a batch: a checkpoint only resumes the batch it came from. */
export interface BatchIdentity {
  scenarioHash: string;
  seed: number;
  runs: number;
  design: Design;
  shard: Shard;
  chunkSize: number;
  /**
   * The monthly values each run extracts (see `BatchOptions.extract`), where there are any: its
   * records hold those and no others, so only a batch that extracts the same ones can go on from them.
   */
  extract?: MetricCell[];
}

/** The state of a batch in progress, in memory. */
export interface Progress {
  identity: BatchIdentity;
  /** First run index of every chunk already folded in, ascending. */
  doneChunks: number[];
  bands: MetricBands;
  probabilities: ProbabilityCounts;
  /** Finished runs' records held in memory (all of them, unless `spill` holds them). */
  runs: RunRecord[];
  failures: RunFailure[];
  /** The records file that holds the finished runs' records instead (see recordSpill.ts). */
  spill?: RecordSpill;
}

/** Finished runs of a batch in progress, in memory and in its records file. */
export const completedRuns = (p: Progress): number => p.runs.length + (p.spill?.runs ?? 0);

interface CheckpointJSON extends Omit<Progress, 'bands' | 'probabilities' | 'spill'>, AccumulatorsJSON {
  format: typeof FORMAT;
  /** The part of the records file the checkpoint covers, or null when its records are in `runs`. */
  spilled: SpillMark | null;
  /** The version and code that computed it (see buildIdentity.ts). */
  build: string;
  /** SHA-256 of the file's JSON without this field. */
  checksum: string;
}

/** Whether two descriptions are of the same batch: same scenario, seed, number of runs and design. */
export function sameBatch(a: Pick<BatchIdentity, 'scenarioHash' | 'seed' | 'runs' | 'design'>, b: Pick<BatchIdentity, 'scenarioHash' | 'seed' | 'runs' | 'design'>): boolean {
  return a.scenarioHash === b.scenarioHash && a.seed === b.seed && a.runs === b.runs && a.design === b.design;
}

export function batchIdentity(plan: BatchPlan, shard: Shard, chunkSize: number, extract: readonly MetricCell[] = []): BatchIdentity {
  const identity: BatchIdentity = { scenarioHash: scenarioHash(plan.scenario), seed: plan.seed, runs: plan.runs, design: plan.design, shard, chunkSize };
  // Left out when empty, so that a batch that extracts nothing has the checkpoint it always had.
  if (extract.length > 0) identity.extract = extract.map((c) => ({ metric: c.metric, month: c.month }));
  return identity;
}

/** Whether two batches extract the same monthly values from their runs, in the same order. */
export function sameExtract(a: readonly MetricCell[] = [], b: readonly MetricCell[] = []): boolean {
  return a.length === b.length && a.every((c, i) => c.metric === b[i].metric && c.month === b[i].month);
}

export function writeCheckpoint(dir: string, p: Progress): void {
  mkdirSync(dir, { recursive: true });
  const content: Omit<CheckpointJSON, 'checksum'> = {
    format: FORMAT,
    build: buildIdentity(),
    identity: p.identity,
    doneChunks: [...p.doneChunks].sort((a, b) => a - b),
    ...accumulatorsToJSON(p),
    runs: p.runs,
    failures: p.failures,
    spilled: p.spill?.mark() ?? null,
  };
  const json: CheckpointJSON = sealed(content);
  writeFileAtomic(join(dir, CHECKPOINT_FILE), JSON.stringify(json));
}

/** A checkpoint that cannot resume this batch. */
export class CheckpointMismatch extends Error {
  constructor(
    path: string,
    /** What is wrong with it, without the file's name. */
    readonly reason: string,
    /** The checkpoint is a good one, of another batch. */
    readonly otherBatch = false,
    /** It was written by another version of gpu-market: only that version can resume it. */
    readonly otherVersion = false,
  ) {
    super(`${path}: ${reason}`);
  }
}

export function readCheckpoint(dir: string, expected: Omit<BatchIdentity, 'chunkSize'>, template: Accumulators): Progress {
  const path = join(dir, CHECKPOINT_FILE);
  let json: CheckpointJSON;
  try {
    json = JSON.parse(readFileSync(path, 'utf8')) as CheckpointJSON;
  } catch {
    throw new CheckpointMismatch(path, `no readable checkpoint to resume from`);
  }
  const format: unknown = json?.format;
  if (json === null || typeof json !== 'object' || format !== FORMAT) {
    const other = typeof format === 'string' && format.startsWith('gpu-market-checkpoint/');
    throw new CheckpointMismatch(path, other ? `format: ${format} is a checkpoint of another version of gpu-market, this one reads ${FORMAT}` : 'not a checkpoint', false, other);
  }
  const sealProblem = sealFault(json);
  if (sealProblem !== undefined) throw new CheckpointMismatch(path, sealProblem);
  const id = json.identity;
  const same = sameBatch(id, expected) && id.shard.index === expected.shard.index && id.shard.count === expected.shard.count;
  if (!same) throw new CheckpointMismatch(path, `it belongs to a different batch (scenario, seed, runs, design or shard differ)`, true);
  if (!sameExtract(id.extract, expected.extract)) {
    throw new CheckpointMismatch(path, `it belongs to a batch that extracted other monthly values from its runs (for other theses)`, true);
  }
  let spilled: { spill: RecordSpill; indices: number[] } | undefined;
  if (json.spilled !== null) {
    try {
      spilled = RecordSpill.resume(dir, json.spilled);
    } catch (err) {
      if (err instanceof SpillMismatch) throw new CheckpointMismatch(err.path, err.reason);
      throw err;
    }
  }
  const held = spilled ? [...spilled.indices.map((index) => ({ index })), ...json.runs] : json.runs;
  const accumulators = progressFault(json, held) ?? accumulatorsFromJSON(json, held.length, template);
  if (typeof accumulators === 'string') {
    spilled?.spill.close();
    throw new CheckpointMismatch(path, accumulators);
  }
  return { identity: json.identity, doneChunks: json.doneChunks, runs: json.runs, failures: json.failures, ...accumulators, spill: spilled?.spill };
}

/**
 * What is inconsistent in a checkpoint's progress, or undefined: its chunk size must fit its runs,
 * its finished chunks must be chunks of this batch, each once, and its records must be exactly the
 * runs of those chunks.
 */
function progressFault(p: Omit<CheckpointJSON, 'bands' | 'probabilities' | 'checksum'>, held: readonly { index: number }[]): string | undefined {
  const { from, to } = shardRange(p.identity.runs, p.identity.shard);
  const size = p.identity.chunkSize;
  if (!Number.isSafeInteger(size) || size < 1 || size > Math.max(1, to - from)) return `its chunk size ${String(size)} does not fit its ${to - from} runs`;
  const chunks = new Set<number>();
  let expected = 0;
  for (const c of p.doneChunks) {
    if (!Number.isInteger(c) || c < from || c >= to || (c - from) % size !== 0) return `it lists a chunk at run ${String(c)}, which is not a chunk of this batch`;
    if (chunks.has(c)) return `it lists the chunk at run ${c} twice`;
    chunks.add(c);
    expected += Math.min(size, to - c);
  }
  const inFinishedChunk = (i: number) => i >= from && i < to && chunks.has(from + Math.floor((i - from) / size) * size);
  return runsFault([...held, ...p.failures], inFinishedChunk, 'which is in none of its finished chunks', expected, (n) => `it holds ${n} runs where its finished chunks have ${expected}`);
}

/**
 * Removes the checkpoints' temporary files in `dir` that processes no longer running left behind:
 * a batch's and a calibration's (`calibration-checkpoint.json`).
 */
export function removeStaleCheckpointTemps(dir: string): void {
  removeOrphans(dir, /^(?:calibration-)?checkpoint\.json\.tmp-(\d+)$/);
}

/** Whether `dir` holds a checkpoint file (good or not). */
export const hasCheckpoint = (dir: string): boolean => statSync(join(dir, CHECKPOINT_FILE), { throwIfNoEntry: false })?.isFile() === true;

/** Removes the checkpoint in `dir` and its records file. */
export function removeCheckpoint(dir: string): void {
  rmSync(join(dir, CHECKPOINT_FILE), { force: true });
  removeSpill(dir);
}
