/**
 * Shards: a batch split by run index over machines (a Slurm array, a Kubernetes indexed job). Each
 * shard writes its accumulators, not a summary; `mergeShards` folds them together. Because every
 * accumulator merges exactly and order-independently, the merged summary is byte-identical to the
 * summary of the same batch run in one piece.
 */
import type { BatchSummary } from './summarySchema.js';
import { monthRange } from '../model/calendar.js';
import { ScenarioSchema, type Scenario } from '../scenario/schema.js';
import { bandsCodec } from '../stats/metricBands.js';
import { probabilitiesCodec } from '../stats/probability.js';
import { fromWireJSON } from '../stats/wireJSON.js';
import type { BatchResult } from './batch.js';
import { shardRange, type Shard } from './shardRange.js';
import { sameBatch } from './checkpoint.js';
import { scenarioAccumulators, type RunFailure, type RunRecord } from './chunk.js';
import { accumulatorsFromJSON, accumulatorsToJSON, runsFault, type AccumulatorsJSON } from './consistency.js';
import type { BatchPlan, Design } from './plan.js';
import { outcomeTable, type OutcomeTable } from './outcomesTable.js';
import { batchSummary, scenarioHash } from './summary.js';
import { buildIdentity, sealed, sealFault } from './buildIdentity.js';

export const SHARD_FILE = 'shard.json';
const FORMAT = 'gpu-market-shard/3';

export interface ShardFile extends AccumulatorsJSON {
  format: typeof FORMAT;
  /** The version and code that computed it (see buildIdentity.ts). */
  build: string;
  scenarioHash: string;
  scenario: Scenario;
  seed: number;
  runs: number;
  design: Design;
  paths: string[];
  shard: Shard;
  records: RunRecord[];
  failures: RunFailure[];
  /** SHA-256 of the file's JSON without this field: an edited or damaged file is refused. */
  checksum: string;
}

export function shardFile(plan: BatchPlan, shard: Shard, r: BatchResult): ShardFile {
  const content: Omit<ShardFile, 'checksum'> = {
    format: FORMAT,
    build: buildIdentity(),
    scenarioHash: scenarioHash(plan.scenario),
    scenario: plan.scenario,
    seed: plan.seed,
    runs: plan.runs,
    design: plan.design,
    paths: plan.paths,
    shard,
    ...accumulatorsToJSON(r),
    records: r.runs,
    failures: r.failures,
  };
  return sealed(content);
}

/**
 * The parsed JSON of a shard file, checked before anything uses it: its format, its checksum, the
 * build that wrote it, its scenario against its hash, and that its records cover exactly the runs
 * its shard declares. Throws a ShardMismatch that says what is wrong.
 */
export function verifyShard(json: unknown): ShardFile {
  const s = json as Partial<ShardFile> | null;
  if (s === null || typeof s !== 'object' || Array.isArray(s)) throw new ShardMismatch('not a shard file');
  const format: unknown = s.format;
  if (format !== FORMAT) {
    throw new ShardMismatch(
      typeof format === 'string' && format.startsWith('gpu-market-shard/')
        ? `format: ${format} is a shard file of another version of gpu-market, this one reads ${FORMAT}; run the shard again with this version`
        : 'not a shard file',
    );
  }
  const sealProblem = sealFault(s);
  if (sealProblem !== undefined) throw new ShardMismatch(sealProblem);
  if (scenarioHash(s.scenario!) !== s.scenarioHash) throw new ShardMismatch('its scenario does not match its scenario hash');
  if (!ScenarioSchema.safeParse(s.scenario).success) throw new ShardMismatch('its scenario is not a valid scenario');
  const runs = s.runs!;
  const shard = s.shard!;
  if (!Number.isSafeInteger(runs) || runs < 0 || !Number.isInteger(shard?.count) || shard.count < 1 || !Number.isInteger(shard.index) || shard.index < 0 || shard.index >= shard.count) {
    throw new ShardMismatch('its run count or shard is not valid');
  }
  const { from, to } = shardRange(runs, shard);
  // A string says what is wrong; decoded accumulators, that nothing is.
  const checked =
    runsFault(
      [...s.records!, ...s.failures!],
      (i) => i >= from && i < to,
      `outside its runs ${from} to ${to - 1}`,
      to - from,
      (n) => `it holds ${n} of its ${to - from} runs`,
    ) ?? accumulatorsFromJSON(s, s.records!.length, scenarioAccumulators(s.scenario!));
  if (typeof checked === 'string') throw new ShardMismatch(checked);
  return s as ShardFile;
}

/** A merge that cannot be made: shards of different batches, or missing or repeated run indices. */
export class ShardMismatch extends Error {}

export function mergeShards(shards: readonly ShardFile[]): { summary: BatchSummary; plan: BatchPlan; table: OutcomeTable } {
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

  const { bands, probabilities } = scenarioAccumulators(first.scenario);
  for (const s of shards) {
    bandsCodec.mergeEncoded(bands, fromWireJSON(s.bands, 'bands'));
    probabilitiesCodec.mergeEncoded(probabilities, fromWireJSON(s.probabilities, 'probabilities'));
  }
  const runs = shards.flatMap((s) => s.records).sort((a, b) => a.index - b.index);
  const failures = shards.flatMap((s) => s.failures).sort((a, b) => a.index - b.index);
  const plan: BatchPlan = { scenario: first.scenario, seed: first.seed, runs: first.runs, design: first.design, paths: first.paths, rows: [] };
  const months = monthRange(first.scenario.start, first.scenario.end);
  const table = outcomeTable(runs, runs.length, plan.paths.length);
  return { summary: batchSummary({ plan, months, bands, probabilities, table, failures }), plan, table };
}
