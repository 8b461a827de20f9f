/**
 * compare.json: the comparison for programs. The batches, the months they share, the metrics left
 * out, how the intervals are computed, and for each batch against the first its pairing and its
 * table of differences; beside them the median of every metric all batches have, at each year end
 * of the common months. Numbers are rounded as in every output file and keys come in a fixed order,
 * so the same batches give the same bytes.
 */
import { jsonText } from '../../format/json.js';
import { roundForFile } from '../../format/formatNumber.js';
import { indexToMonth } from '../../model/calendar.js';
import { BOOTSTRAP_REPLICATES } from '../../stats/differences.js';
import { metricLabel } from '../metricUnits.js';
import type { ComparedBatch } from './compareInput.js';
import { redOceanMonths, type Comparison, type DifferenceRow, type Side } from './comparison.js';

export const COMPARE_FORMAT = 'gpu-market-compare/1';

const r = (v: number | null): number | null => (v === null ? null : roundForFile(v));

/** Metrics some batches have and others not, with the letters of those that have them, by name. */
export function skippedMetrics(batches: readonly ComparedBatch[]): { metric: string; in: string[] }[] {
  const all = [...new Set(batches.flatMap((b) => Object.keys(b.batch.summary.metrics)))].sort();
  return all.map((metric) => ({ metric, in: batches.filter((b) => Object.hasOwn(b.batch.summary.metrics, metric)).map((b) => b.key) })).filter((m) => m.in.length < batches.length);
}

function sideJson(row: DifferenceRow, s: Side) {
  if (row.kind === 'share') return { runs: s.runs, share: r(s.mean) };
  const value = (v: number | null) => (v === null ? null : row.kind === 'month' ? indexToMonth(Math.round(v)) : roundForFile(v));
  return { runs: s.runs, withValue: s.withValue, median: value(s.median), mean: value(s.mean) };
}

function differenceJson(row: DifferenceRow) {
  const share = row.kind === 'share';
  if (row.paired !== null) {
    const d = row.paired;
    return { pairs: d.pairs, ...(share ? {} : { median: r(d.median), p5: r(d.p5), p95: r(d.p95) }), mean: r(d.mean), meanLow: r(d.meanLow), meanHigh: r(d.meanHigh) };
  }
  const d = row.unpaired;
  if (d === null) return null;
  return { ...(share ? {} : { median: r(d.median), medianLow: r(d.medianLow), medianHigh: r(d.medianHigh) }), mean: r(d.mean), meanLow: r(d.meanLow), meanHigh: r(d.meanHigh) };
}

function rowJson(row: DifferenceRow) {
  return {
    name: row.name,
    kind: row.kind,
    unit: row.unit,
    differenceUnit: row.kind === 'month' ? 'months' : row.unit,
    a: sideJson(row, row.a),
    b: sideJson(row, row.b),
    difference: differenceJson(row),
  };
}

export function compareJson(batches: readonly ComparedBatch[], months: readonly string[], comparisons: readonly Comparison[]): string {
  const ends = redOceanMonths(months);
  const common = Object.keys(batches[0].batch.summary.metrics)
    .filter((m) => batches.every((b) => Object.hasOwn(b.batch.summary.metrics, m)))
    .sort();
  const currency = batches[0].batch.summary.currency;
  return jsonText({
    format: COMPARE_FORMAT,
    batches: batches.map((b) => {
      const s = b.batch.summary;
      return {
        key: b.key,
        folder: b.batch.dir,
        scenario: s.scenario,
        scenarioHash: s.scenarioHash,
        seed: s.seed,
        runs: s.runs,
        completedRuns: s.completedRuns,
        design: s.design,
        inputs: s.inputs.map((i) => i.path),
        months: [s.months[0], s.months[s.months.length - 1]],
      };
    }),
    currency,
    months: [months[0], months[months.length - 1]],
    skippedMetrics: skippedMetrics(batches),
    intervals: {
      level: 0.9,
      paired: 'per-run differences b - a over the runs both batches completed with a value: median, p5 and p95 of the differences; mean with mean ± 1.645 standard errors',
      unpaired: `difference of medians with a percentile bootstrap interval (${BOOTSTRAP_REPLICATES} resamples of each batch, seeded by the batches' letters and the row's name); difference of means with a Welch normal interval`,
    },
    comparisons: comparisons.map((c) => ({
      a: c.a.key,
      b: c.b.key,
      paired: c.pairing.paired,
      reasons: c.pairing.reasons,
      pairing: c.pairing.sentence,
      rows: [...c.redOcean, ...c.outcomes].map(rowJson),
    })),
    medians: {
      months: ends,
      metrics: common.map((metric) => ({
        metric,
        unit: metricLabel(metric, currency).unit,
        ...Object.fromEntries(batches.map((b) => [b.key, ends.map((m) => r(b.batch.summary.metrics[metric].p50[b.batch.summary.months.indexOf(m)] ?? null))])),
      })),
    },
  });
}
