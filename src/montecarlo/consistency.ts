/**
 * What a shard or checkpoint file must agree on with itself before a merge or a resume uses it. A
 * checksum catches an edited file; this catches one that is whole but wrong (written by a bug, or
 * edited and sealed again): it holds each of its runs once and no other, and every completed run
 * adds one value to every metric and month and is counted once by every event.
 */
import { CodecError } from '../stats/codec.js';
import { bandsCodec, type MetricBands } from '../stats/metricBands.js';
import { probabilitiesCodec, type ProbabilityCounts } from '../stats/probability.js';
import { fromWireJSON, toWireJSON, type WireJSON } from '../stats/wireJSON.js';

/** A batch's accumulators; empty ones (see `emptyAccumulators`) are the shape a file's must have. */
export interface Accumulators {
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

/** A file's accumulators, as its JSON holds them (see wireJSON.ts). */
export interface AccumulatorsJSON {
  bands: WireJSON;
  probabilities: WireJSON;
}

export const accumulatorsToJSON = (a: Accumulators): AccumulatorsJSON => ({ bands: toWireJSON(bandsCodec.encode(a.bands)), probabilities: toWireJSON(probabilitiesCodec.encode(a.probabilities)) });

/**
 * A file's accumulators read back, checked against the batch's shape and against the `completed`
 * finished runs the file holds; a string says what is wrong instead.
 */
export function accumulatorsFromJSON(json: Partial<AccumulatorsJSON>, completed: number, template: Accumulators): Accumulators | string {
  let bands: MetricBands;
  let probabilities: ProbabilityCounts;
  try {
    bands = bandsCodec.decode(fromWireJSON(json.bands, 'bands'));
  } catch (err) {
    if (err instanceof CodecError) return `its bands are malformed (${err.message})`;
    throw err;
  }
  const want = template.bands;
  if (!sameList(bands.metrics, want.metrics) || bands.months !== want.months || bands.alpha !== want.alpha || bands.maxBuckets !== want.maxBuckets) {
    return "its bands are not shaped like the batch's (metrics, months or sketch settings differ)";
  }
  if (bands.runs !== completed) return `its bands count ${bands.runs} runs where it holds ${completed} finished runs`;
  const cell = bands.sketches.findIndex((s) => s.count !== completed);
  if (cell >= 0) {
    const metric = want.metrics[Math.floor(cell / want.months)];
    return `its bands hold ${bands.sketches[cell].count} values of ${metric} in month ${cell % want.months}, where it holds ${completed} finished runs`;
  }
  try {
    probabilities = probabilitiesCodec.decode(fromWireJSON(json.probabilities, 'probabilities'));
  } catch (err) {
    if (err instanceof CodecError) return `its event counts are malformed (${err.message})`;
    throw err;
  }
  if (!sameList(probabilities.events, template.probabilities.events) || probabilities.months !== template.probabilities.months) {
    return "its event counts are not shaped like the batch's";
  }
  if (probabilities.total !== completed) return `its event counts count ${probabilities.total} runs where it holds ${completed} finished runs`;
  return { bands, probabilities };
}
