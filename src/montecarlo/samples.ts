/**
 * Sample paths: the whole monthly path of a batch's first few runs. A report draws them thin over
 * the fan so a reader sees that single paths oscillate while the median is smooth. They are the
 * runs with the lowest indices, so the same runs are kept for any worker count, chunk size or shard
 * split, and the file is as deterministic as the summary.
 */
import { roundForFile } from '../format/formatNumber.js';
import { jsonText } from '../format/json.js';
import type { OutputFile } from '../files/writeFiles.js';
import { monthRange } from '../model/calendar.js';
import type { RunRecord } from './chunk.js';
import type { BatchPlan } from './plan.js';
import { scenarioHash } from './summary.js';

/** How many sample paths a CLI batch keeps. */
export const SAMPLE_PATHS = 12;
export const SAMPLES_FILE = 'samples.json';

export interface SamplesJSON {
  format: 'gpu-market-samples/1';
  /** The batch the paths come from, as summary.json names it: a report refuses a folder that mixes batches. */
  batch: { scenarioHash: string; seed: number; runs: number; design: string };
  months: string[];
  paths: string[];
  runs: { run: number; seed: number; inputs: number[]; metrics: Record<string, number[]> }[];
}

export function samplesFile(runs: readonly RunRecord[], plan: BatchPlan): OutputFile {
  const { seed, scenario } = plan;
  const kept = runs.filter((r) => r.path !== undefined).sort((a, b) => a.index - b.index);
  const json: SamplesJSON = {
    format: 'gpu-market-samples/1',
    batch: { scenarioHash: scenarioHash(scenario), seed, runs: plan.runs, design: plan.design },
    months: monthRange(scenario.start, scenario.end),
    paths: [...plan.paths],
    runs: kept.map((r) => ({
      run: r.index,
      seed,
      inputs: r.inputs.map(roundForFile),
      metrics: Object.fromEntries(Object.entries(r.path!).map(([k, v]) => [k, v.map(roundForFile)])),
    })),
  };
  return { name: SAMPLES_FILE, content: jsonText(json) };
}
