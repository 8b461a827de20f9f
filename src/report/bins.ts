/**
 * Histogram bins for a per-run outcome whose tails can be extreme (an IRR of 900 % in a lucky run):
 * equal-width bins on a round step (1, 2, 2.5 or 5 × 10^k) spanning the 1st to the 99th
 * percentile (type 7) of the values, with one bin edge on `anchor` (the hurdle, or zero) so that no
 * bin straddles it. Values beyond the span are counted in the end bins, and their number is
 * returned so the chart can say so.
 */
import { roundForFile } from '../format/formatNumber.js';
import { quantileSorted } from '../stats/quantile.js';

export interface Bin {
  start: number;
  end: number;
  runs: number;
}

export interface Binned {
  bins: Bin[];
  /** Values below the first bin's start, counted in the first bin. */
  clippedLow: number;
  /** Values at or above the last bin's end, counted in the last bin. */
  clippedHigh: number;
}

export function histogramBins(values: readonly number[], anchor: number, maxBins = 40): Binned {
  if (values.length === 0) return { bins: [], clippedLow: 0, clippedHigh: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const lo = quantileSorted(sorted, 0.01);
  const hi = quantileSorted(sorted, 0.99);
  const span = hi - lo;
  const step = niceStep(span > 0 ? span / maxBins : Math.max(Math.abs(lo) * 0.1, 1e-6));
  const first = Math.floor((lo - anchor) / step);
  let last = Math.ceil((hi - anchor) / step);
  if (last <= first) last = first + 1;
  const edge = (k: number) => roundForFile(anchor + k * step);
  const bins: Bin[] = [];
  for (let k = first; k < last; k++) bins.push({ start: edge(k), end: edge(k + 1), runs: 0 });
  const start = bins[0].start;
  const end = bins[bins.length - 1].end;
  let clippedLow = 0;
  let clippedHigh = 0;
  for (const v of sorted) {
    if (v < start) clippedLow++;
    if (v >= end) clippedHigh++;
    const k = Math.min(bins.length - 1, Math.max(0, Math.floor((v - start) / step)));
    bins[k].runs++;
  }
  return { bins, clippedLow, clippedHigh };
}

/** The smallest of 1, 2, 2.5, 5 × 10^k that is at least `x`. */
export function niceStep(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x * (1 - 1e-12)) return roundForFile(m * p);
  return 10 * p;
}
