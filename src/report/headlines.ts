/**
 * The headline findings at the top of the report (and printed by the command), each sentence
 * written from computed numbers: the rent's rise and fall on the median path and the run-by-run
 * fall from peak, P(red ocean) by year ends, the regimes, the industry's net margin, the probe
 * investment, and how the observed data sit in the bands.
 */
import type { BatchData } from './batchData.js';
import { money, num, pct, prob } from './format.js';
import { metricLabel } from './metricUnits.js';
import type { ObservedScores } from '../observed/scores.js';

export function headlines(batch: BatchData, observed?: ObservedScores): string[] {
  const lines = [rentLine(batch), redLine(batch), regimeLine(batch), marginLine(batch), probeLine(batch)].filter((l): l is string => l !== undefined);
  const s = batch.summary;
  if (s.failedRuns > 0) lines.push(`${s.failedRuns} of ${s.runs} runs failed and are left out of every figure (see summary.json).`);
  if (observed) lines.push(...observedLines(observed, s.currency));
  return lines;
}

/** Index and value of the largest (or smallest) non-null value of `values` from index `from`. */
function extreme(values: readonly (number | null)[], from: number, larger: boolean): { t: number; v: number } | undefined {
  let best: { t: number; v: number } | undefined;
  for (let t = from; t < values.length; t++) {
    const v = values[t];
    if (v === null) continue;
    if (best === undefined || (larger ? v > best.v : v < best.v)) best = { t, v };
  }
  return best;
}

function rentLine(batch: BatchData): string | undefined {
  const s = batch.summary;
  const median = s.metrics.spotRentCcyPerRefGpuHour.p50;
  const peak = extreme(median, 0, true);
  if (!peak) return undefined;
  const unit = `${s.currency} per ref-GPU-hour`;
  const trough = extreme(median, peak.t + 1, false);
  const f = s.outcomes.maxFallFromPeak;
  const perRun =
    f && typeof f.p50 === 'number' && typeof f.p5 === 'number' && typeof f.p95 === 'number'
      ? `; run by run, the largest fall from a running peak is ${pct(f.p50)} at the median (P5–P95: ${pct(f.p5).replace(' %', '')}–${pct(f.p95)})`
      : '';
  if (!trough || trough.v >= peak.v) {
    return `The median spot rent rises to ${money(peak.v)} ${unit} by ${s.months[peak.t]} and does not fall below that peak within the horizon${perRun}.`;
  }
  const end = trough.t === s.months.length - 1 ? ', the end of the horizon' : ', its low point';
  return `The median spot rent peaks at ${money(peak.v)} ${unit} in ${s.months[peak.t]} and falls ${pct(1 - trough.v / peak.v)} from that peak by ${s.months[trough.t]}${end} (${money(trough.v)})${perRun}.`;
}

/** December of every year in the horizon, plus the last month; at most four, around the turn. */
function yearMarks(months: readonly string[], p: (month: string) => number): string[] {
  const last = months[months.length - 1];
  const marks = months.filter((m) => m.endsWith('-12') && m !== last);
  if (marks.length <= 3) return [...marks, last];
  let first = marks.findIndex((m) => p(m) >= 0.005);
  if (first < 0) first = marks.length - 3;
  first = Math.max(0, Math.min(first - 1, marks.length - 3));
  return [...marks.slice(first, first + 3), last];
}

function redLine(batch: BatchData): string | undefined {
  const s = batch.summary;
  const total = batch.outcomes.length;
  if (total === 0) return undefined;
  const onsets = batch.outcomes.map((r) => r.redOnsetMonth).filter((m): m is string => m !== null);
  const p = (month: string) => onsets.filter((m) => m <= month).length / total;
  const last = s.months[s.months.length - 1];
  if (onsets.length === 0) return `No run turns red by ${last}, the end of the horizon (${total} runs).`;
  const marks = yearMarks(s.months, p);
  const parts = marks.map((m, i) => `${i === 0 ? `P(red ocean by ${m})` : `by ${m}`} = ${prob(p(m))}`);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
  const never = (total - onsets.length) / total;
  const d = s.outcomes.redOnsetMonth;
  const when = d.p50 !== undefined && d.p5 !== undefined && d.p95 !== undefined ? ` Where it comes, the median onset is ${d.p50} (P5–P95: ${d.p5} to ${d.p95}).` : '';
  return `${list}; ${pct(never)} of runs never turn red.${when}`;
}

function regimeLine(batch: BatchData): string | undefined {
  const s = batch.summary;
  const blue = s.probabilities.blue;
  const red = s.probabilities.red;
  const maxBlue = extreme(blue, 0, true);
  const maxRed = extreme(red, 0, true);
  if (!maxBlue || !maxRed) return undefined;
  const fades = blue.findIndex((v, t) => t > maxBlue.t && v !== null && v < 0.05);
  const bluePart =
    maxBlue.v < 0.05
      ? `Fewer than 5 % of runs are ever in the blue ocean`
      : `The share of runs in the blue ocean is highest in ${s.months[maxBlue.t]} (${pct(maxBlue.v)})${fades >= 0 ? ` and below 5 % from ${s.months[fades]}` : ''}`;
  const redPart = maxRed.v > 0 ? `the red-ocean share peaks at ${pct(maxRed.v)} in ${s.months[maxRed.t]}` : 'no run is ever in the red ocean';
  return `${bluePart}; ${redPart}.`;
}

function marginLine(batch: BatchData): string | undefined {
  const s = batch.summary;
  const net = s.metrics.netMargin?.p50;
  if (!net) return undefined;
  const below = s.probabilities.netMarginBelowZero;
  const maxBelow = below ? extreme(below, 0, true) : undefined;
  const pPart = maxBelow && maxBelow.v > 0 ? `; P(net margin < 0) peaks at ${prob(maxBelow.v)} in ${s.months[maxBelow.t]}` : '';
  const first = net.findIndex((v) => v !== null && v < 0);
  if (first >= 0) return `The median industry net margin first turns negative in ${s.months[first]}${pPart}.`;
  const low = extreme(net, 0, false);
  return low ? `The median industry net margin stays positive, lowest at ${pct(low.v)} in ${s.months[low.t]}${pPart}.` : undefined;
}

function probeLine(batch: BatchData): string | undefined {
  const s = batch.summary;
  const irr = s.outcomes.probeIrr;
  const npv = s.outcomes.probeNpvCcy;
  if (s.probeHurdleIrr === null || s.probeIrrAboveHurdle === null || !irr || irr.count === 0) return undefined;
  const parts = [`Probe investment: P(IRR > ${pct(s.probeHurdleIrr)}) = ${prob(s.probeIrrAboveHurdle)}`];
  if (typeof irr.p50 === 'number' && typeof irr.p5 === 'number' && typeof irr.p95 === 'number') {
    parts.push(`median IRR ${pct(irr.p50)} (P5–P95: ${pct(irr.p5)} to ${pct(irr.p95)})`);
  }
  if (npv && typeof npv.p50 === 'number' && typeof npv.p5 === 'number' && typeof npv.p95 === 'number') {
    const m = (v: number) => num(v / 1e6);
    parts.push(`median NPV ${m(npv.p50)} million ${s.currency} (P5–P95: ${m(npv.p5)} to ${m(npv.p95)})`);
  }
  if (irr.missing > 0) parts.push(`${irr.missing} of ${irr.count + irr.missing} runs ${irr.missing === 1 ? 'has' : 'have'} no IRR`);
  return `${parts.join('; ')}.`;
}

function observedLines(o: ObservedScores, currency: string): string[] {
  const lines = o.metrics.map((m) => {
    const n = m.points.length;
    const label = metricLabel(m.metric, currency);
    const crps = label.isShare ? `${num(m.meanCrps * 100)} percentage points` : `${num(m.meanCrps)} ${label.unit}`;
    const count = (share: number) => `${Math.round(share * n)} of ${n}`;
    return `Observed ${m.metric}: ${count(m.inside90)} point${n === 1 ? '' : 's'} inside P5–P95, ${count(m.inside50)} inside P25–P75, mean CRPS ${crps}.`;
  });
  if (o.skipped.length > 0) {
    // Rows skipped for one reason (a whole region of a market history) are named together.
    const byReason = new Map<string, number[]>();
    for (const k of o.skipped) byReason.set(k.reason, [...(byReason.get(k.reason) ?? []), k.line]);
    const groups = [...byReason].map(([reason, at]) => `line${at.length === 1 ? '' : 's'} ${at.join(', ')}, ${reason}`);
    lines.push(`${o.skipped.length} observed point${o.skipped.length === 1 ? ' was' : 's were'} skipped: ${groups.join('; ')}.`);
  }
  return lines;
}
