/**
 * What a shard or checkpoint file must agree on with itself before a merge or a resume uses it. A
 * checksum catches an edited file; this catches one that is whole but wrong (written by a bug, or
 * edited and sealed again): it holds each of its runs once and no other, and every completed run
 * adds one value to every metric and month and is counted once by every event.
 */
import { bandsFromJSON, type MetricBands, type MetricBandsJSON } from '../stats/metricBands.js';
import type { ProbabilityCounts } from '../stats/probability.js';

/** The accumulators a batch starts from (see `emptyAccumulators`): their shape is what a file's must have. */
export interface AccumulatorTemplate {
  bands: MetricBands;
  probabilities: ProbabilityCounts;
}

const sameList = (a: readonly unknown[], b: readonly unknown[]): boolean => Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * What is wrong with the runs a file holds, finished and failed, or undefined: each one that
 * `belongs` accepts (else it holds it "`where`"), none twice, and `expected` in all (else
 * `countFault` says what is wrong with the count it holds).
 */
export function runsFault(held: readonly { index: number }[], belongs: (index: number) => boolean, where: string, expected: number, countFault: (count: number) => string): string | undefined {
  const seen = new Set<number>();
  for (const r of held) {
    const i = r?.index;
    if (!Number.isInteger(i) || !belongs(i)) return `it holds run ${String(i)}, ${where}`;
    if (seen.has(i)) return `it holds run ${i} twice`;
    seen.add(i);
  }
  return seen.size === expected ? undefined : countFault(seen.size);
}

/** What is wrong with the accumulators of a file that holds `completed` finished runs, or undefined. */
export function accumulatorFault(bands: MetricBandsJSON, probabilities: ProbabilityCounts, completed: number, template: AccumulatorTemplate): string | undefined {
  if (bands === null || typeof bands !== 'object') return 'its bands are missing';
  const want = template.bands;
  if (!sameList(bands.metrics, want.metrics) || bands.months !== want.months || bands.alpha !== want.alpha || bands.maxBuckets !== want.maxBuckets) {
    return "its bands are not shaped like the batch's (metrics, months or sketch settings differ)";
  }
  try {
    bandsFromJSON(bands);
  } catch (err) {
    return `its bands are malformed (${(err as Error).message})`;
  }
  if (bands.runs !== completed) return `its bands count ${String(bands.runs)} runs where it holds ${completed} finished runs`;
  const cell = bands.sketches.findIndex((s) => s.count !== completed);
  if (cell >= 0) {
    const metric = want.metrics[Math.floor(cell / want.months)];
    return `its bands hold ${bands.sketches[cell].count} values of ${metric} in month ${cell % want.months}, where it holds ${completed} finished runs`;
  }
  const p = probabilities;
  if (p === null || typeof p !== 'object' || !sameList(p.events, template.probabilities.events) || p.months !== template.probabilities.months) {
    return "its event counts are not shaped like the batch's";
  }
  if (p.total !== completed) return `its event counts count ${String(p.total)} runs where it holds ${completed} finished runs`;
  const fits = (row: unknown) => Array.isArray(row) && row.length === p.months && row.every((n) => Number.isInteger(n) && n >= 0 && n <= completed);
  if (!Array.isArray(p.hits) || p.hits.length !== p.events.length || !p.hits.every(fits)) {
    return `its event counts are not whole numbers of runs between 0 and ${completed}, month by month`;
  }
  return undefined;
}
