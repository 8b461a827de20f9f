/**
 * Shards: a batch split by run index over machines (a Slurm array, a Kubernetes indexed job). Each
 * shard writes its accumulators, not a summary; `mergeShards` folds them together. Because every
 * accumulator merges exactly and order-independently, the merged summary is byte-identical to the
 * summary of the same batch run in one piece.
 */
import { monthRange } from '../model/calendar.js';
import type { Scenario } from '../scenario/schema.js';
import { bandsFromJSON, bandsToJSON, mergeBands, type MetricBandsJSON } from '../stats/metricBands.js';
import { mergeProbabilities, type ProbabilityCounts } from '../stats/probability.js';
import { shardRange, type BatchResult, type Shard } from './batch.js';
import { sameBatch } from './checkpoint.js';
import type { RunFailure, RunRecord } from './chunk.js';
import type { BatchPlan, Design } from './plan.js';
import { batchSummary, scenarioHash } from './summary.js';

export const SHARD_FILE = 'shard.json';
const FORMAT = 'gpu-market-shard/1';

export interface ShardFile {
  format: typeof FORMAT;
  scenarioHash: string;
  scenario: Scenario;
  seed: number;
  runs: number;
  design: Design;
  paths: string[];
  shard: Shard;
  bands: MetricBandsJSON;
  probabilities: ProbabilityCounts;
  records: RunRecord[];
  failures: RunFailure[];
}

export function shardFile(plan: BatchPlan, shard: Shard, r: BatchResult): ShardFile {
  return {
    format: FORMAT,
    scenarioHash: scenarioHash(plan.scenario),
    scenario: plan.scenario,
    seed: plan.seed,
    runs: plan.runs,
    design: plan.design,
    paths: plan.paths,
    shard,
    bands: bandsToJSON(r.bands),
    probabilities: r.probabilities,
    records: r.runs,
    failures: r.failures,
  };
}

/** A merge that cannot be made: shards of different batches, or missing or repeated run indices. */
export class ShardMismatch extends Error {}

export function mergeShards(shards: readonly ShardFile[]): { summary: Record<string, unknown>; plan: BatchPlan; runs: RunRecord[] } {
  if (shards.length === 0) throw new ShardMismatch('no shards to merge');
  const first = shards[0];
  for (const s of shards) {
    if (s.format !== FORMAT) throw new ShardMismatch(`not a shard file of this version (format ${String(s.format)})`);
    if (!sameBatch(s, first)) throw new ShardMismatch('shards come from different batches (scenario, seed, runs or design differ)');
  }
  // Every run index must be covered exactly once.
  const covered = new Uint8Array(first.runs);
  for (const s of shards) {
    const { from, to } = shardRange(s.runs, s.shard);
    for (let i = from; i < to; i++) {
      if (covered[i]) throw new ShardMismatch(`run ${i} is in more than one shard (shard ${s.shard.index}/${s.shard.count})`);
      covered[i] = 1;
    }
  }
  const missing = covered.indexOf(0);
  if (missing >= 0) throw new ShardMismatch(`run ${missing} is in no shard`);

  const bands = bandsFromJSON(first.bands);
  const probabilities = structuredClone(first.probabilities);
  for (const s of shards.slice(1)) {
    mergeBands(bands, bandsFromJSON(s.bands));
    mergeProbabilities(probabilities, s.probabilities);
  }
  const runs = shards.flatMap((s) => s.records).sort((a, b) => a.index - b.index);
  const failures = shards.flatMap((s) => s.failures).sort((a, b) => a.index - b.index);
  const plan: BatchPlan = { scenario: first.scenario, seed: first.seed, runs: first.runs, design: first.design, paths: first.paths, rows: [] };
  const months = monthRange(first.scenario.start, first.scenario.end);
  return { summary: batchSummary({ plan, months, bands, probabilities, runs, failures }), plan, runs };
}
