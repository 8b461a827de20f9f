/**
 * How well a batch's bands cover what was observed: for each observed metric, the share of points
 * inside the P5–P95 band and inside the P25–P75 band of their month (bounds included), and the mean
 * CRPS (crps.ts). Points in months outside the batch are listed as skipped, with the reason, never
 * dropped unseen.
 */
import type { BatchSummary } from './batchData.js';
import { crpsFromQuantiles } from './crps.js';
import type { ObservedData, ObservedPoint } from './observed.js';

/** The band levels a batch summary keeps, and the summary fields that hold them. */
export const BAND_LEVELS = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95] as const;
const BAND_FIELDS = ['p5', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95'] as const;

export interface ScoredPoint extends ObservedPoint {
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  inside90: boolean;
  inside50: boolean;
  crps: number;
}

export interface MetricScore {
  metric: string;
  points: ScoredPoint[];
  /** Share of points with P5 ≤ value ≤ P95. */
  inside90: number;
  /** Share of points with P25 ≤ value ≤ P75. */
  inside50: number;
  meanCrps: number;
}

export interface SkippedPoint {
  point: ObservedPoint;
  reason: string;
}

export interface ObservedScores {
  file: string;
  /** One entry per metric with at least one scored point, in the order the file first names them. */
  metrics: MetricScore[];
  skipped: SkippedPoint[];
}

export function scoreObserved(data: ObservedData, summary: BatchSummary): ObservedScores {
  const { months } = summary;
  const byMetric = new Map<string, ScoredPoint[]>();
  const skipped: SkippedPoint[] = [];
  for (const point of data.points) {
    const t = months.indexOf(point.month);
    if (t < 0) {
      skipped.push({ point, reason: `${point.month} is outside the batch's months ${months[0]} to ${months[months.length - 1]}` });
      continue;
    }
    const band = summary.metrics[point.metric];
    const quantiles = band ? BAND_FIELDS.map((f) => band[f][t]) : [];
    if (!band || quantiles.some((q) => q === null)) {
      skipped.push({ point, reason: `the batch has no values of ${point.metric} in ${point.month}` });
      continue;
    }
    const q = quantiles as number[];
    const [p5, , p25, p50, p75, , p95] = q;
    const y = point.value;
    const scored: ScoredPoint = {
      ...point,
      p5,
      p25,
      p50,
      p75,
      p95,
      inside90: p5 <= y && y <= p95,
      inside50: p25 <= y && y <= p75,
      crps: crpsFromQuantiles(BAND_LEVELS, q, y),
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
  return { file: data.file, metrics, skipped };
}
