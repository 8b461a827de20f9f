/**
 * `gpu-market merge <dir>...`: combines the shard.json files of a sharded batch into the
 * summary.json and outcomes.csv the unsharded batch would have written, byte for byte.
 */
import { RESOLVED_SCENARIO_FILE, resolvedScenarioJson } from '../scenario/resolved.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { outcomeTableFiles } from '../montecarlo/outcomesTable.js';
import { samplesFile } from '../montecarlo/samples.js';
import { mergeShards, SHARD_FILE, ShardMismatch, verifyShard, type ShardFile } from '../montecarlo/shard.js';
import { jsonText } from '../format/json.js';
import { UsageError } from './errors.js';
import { BATCH_FILES, checkOutDir, reportWritten, writeOutputs } from './writeOutputs.js';
import { EXIT, type ExitCode } from './exitCodes.js';
import type { CliIo } from './io.js';
import { MERGE_OUT_DIR, parseOutDir } from './options.js';
import { batchHeadline } from './batchHeadline.js';
import { probeTerms } from '../report/headlines.js';

export interface MergeOptions {
  out?: string;
}

function readShard(dir: string): ShardFile {
  const path = join(dir, SHARD_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`${path}: cannot read the shard file (was this folder written by batch --shard?)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`${path}: not valid JSON`);
  }
  try {
    return verifyShard(json);
  } catch (err) {
    if (err instanceof ShardMismatch) throw new UsageError(`${path}: ${err.message}`);
    throw err;
  }
}

export function mergeCommand(dirs: readonly string[], o: MergeOptions, io: CliIo): ExitCode {
  const outDir = o.out === undefined ? MERGE_OUT_DIR : parseOutDir(o.out);
  checkOutDir(outDir);
  const shards = dirs.map(readShard);
  let merged;
  try {
    merged = mergeShards(shards);
  } catch (err) {
    if (err instanceof ShardMismatch) throw new UsageError(`merge: ${err.message}`);
    throw err;
  }
  const { plan } = merged;
  const files = [
    { name: 'summary.json', content: jsonText(merged.summary) },
    ...outcomeTableFiles(merged.table, plan),
    samplesFile(merged.table.samples, plan),
    { name: RESOLVED_SCENARIO_FILE, content: resolvedScenarioJson(plan.scenario) },
  ];
  const written = writeOutputs(outDir, files, BATCH_FILES);
  io.out(batchHeadline({ summary: merged.summary, probe: probeTerms(plan.scenario.probe) }));
  io.out('\n');
  reportWritten(io, written);
  return EXIT.OK;
}
