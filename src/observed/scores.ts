/**
 * How well a batch's bands cover what was observed: for each observed metric, the share of
 * observations inside the P5–P95 band and inside the P25–P75 band of their month (bounds
 * included), and the mean CRPS (stats/crps.ts). An interval is inside a band when it overlaps it, a lower
 * bound when the band reaches up to it, an upper bound when the band reaches down to it. The CRPS
 * of an interval or a bound is that of its point nearest the band's median (the median itself
 * when the interval holds it): what was observed is consistent with any point of the interval, and
 * the forecast is given the benefit of the doubt. Every observation counts alike (the weight is for
 * calibration). Rows the reader skipped (another region) and observations in months outside the
 * batch are listed as skipped, with the reason, never dropped unseen.
 */
import type { Observation, ObservedData } from './observation.js';
import type { BatchSummary } from '../montecarlo/summarySchema.js';
import { crpsFromQuantiles } from '../stats/crps.js';
import { BAND_QUANTILES } from '../stats/metricBands.js';

/** The band levels a batch summary keeps, and the summary fields that hold them. */
export const BAND_LEVELS = Object.values(BAND_QUANTILES);
const BAND_FIELDS = Object.keys(BAND_QUANTILES) as (keyof typeof BAND_QUANTILES)[];

export interface ScoredPoint extends Observation {
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  inside90: boolean;
  inside50: boolean;
  /** Where the CRPS is taken: the value, or the interval's or bound's point nearest the median. */
  scoredAt: number;
  crps: number;
}

export interface MetricScore {
  metric: string;
  points: ScoredPoint[];
  /** Share of points inside (or, for an interval or a bound, reaching into) P5–P95. */
  inside90: number;
  /** Share of points inside (or reaching into) P25–P75. */
  inside50: number;
  meanCrps: number;
}

export interface SkippedPoint {
  line: number;
  reason: string;
  /** The observation, where the reader made one of the row. */
  point?: Observation;
}

export interface ObservedScores {
  file: string;
  /** One entry per metric with at least one scored point, in the order the file first names them. */
  metrics: MetricScore[];
  /** In the order of their lines. */
  skipped: SkippedPoint[];
}

/** The observation's lowest and highest possible values: a point's value twice, a bound's open side infinite. */
export function observedRange(o: Observation): [number, number] {
  return [o.low ?? o.value ?? -Infinity, o.high ?? o.value ?? Infinity];
}

export function scoreObserved(data: ObservedData, summary: BatchSummary): ObservedScores {
  const { months } = summary;
  const byMetric = new Map<string, ScoredPoint[]>();
  const skipped: SkippedPoint[] = data.skipped.map(({ line, reason }) => ({ line, reason }));
  for (const point of data.observations) {
    const t = months.indexOf(point.month);
    if (t < 0) {
      skipped.push({ line: point.line, point, reason: `${point.month} is outside the batch's months ${months[0]} to ${months[months.length - 1]}` });
      continue;
    }
    const band = summary.metrics[point.metric];
    const quantiles = band ? BAND_FIELDS.map((f) => band[f][t]) : [];
    if (!band || quantiles.some((q) => q === null)) {
      skipped.push({ line: point.line, point, reason: `the batch has no values of ${point.metric} in ${point.month}` });
      continue;
    }
    const q = quantiles as number[];
    const [p5, , p25, p50, p75, , p95] = q;
    const [low, high] = observedRange(point);
    const scoredAt = Math.min(Math.max(p50, low), high);
    const scored: ScoredPoint = {
      ...point,
      p5,
      p25,
      p50,
      p75,
      p95,
      inside90: low <= p95 && p5 <= high,
      inside50: low <= p75 && p25 <= high,
      scoredAt,
      crps: crpsFromQuantiles(BAND_LEVELS, q, scoredAt),
    };
    const list = byMetric.get(point.metric);
    if (list) list.push(scored);
    else byMetric.set(point.metric, [scored]);
  }
  const metrics = [...byMetric].map(([metric, points]): MetricScore => {
    const share = (test: (p: ScoredPoint) => boolean) => points.filter(test).length / points.length;
    return {
      metric,
      points,
      inside90: share((p) => p.inside90),
      inside50: share((p) => p.inside50),
      meanCrps: points.reduce((s, p) => s + p.crps, 0) / points.length,
    };
  });
  return { file: data.file, metrics, skipped: skipped.sort((a, b) => a.line - b.line) };
}
