/** The headline distribution a batch prints: median and P5–P95 of the outcomes investors ask about. */
import { indexToMonth, monthToIndex } from '../model/calendar.js';

type Dist = { count: number; missing: number; p5?: number; p50?: number; p95?: number };

export function batchHeadline(summary: Record<string, unknown>): string {
  const outcomes = summary.outcomes as Record<string, Dist>;
  const months = summary.months as string[];
  const ccy = String(summary.currency);
  const month = (v: number) => indexToMonth(monthToIndex(months[0]) + Math.round(v));
  const line = (label: string, d: Dist, fmt: (v: number) => string, noneLabel = '') => {
    const total = d.count + d.missing;
    if (d.count === 0 || d.p50 === undefined) return `${label.padEnd(24)}${noneLabel || 'n/a'} in all ${total} runs`;
    const none = d.missing > 0 && noneLabel ? `; ${noneLabel} in ${d.missing} of ${total} runs` : '';
    return `${label.padEnd(24)}${fmt(d.p50)} (P5–P95 ${fmt(d.p5!)} – ${fmt(d.p95!)})${none}`;
  };
  const rent = (v: number) => `${v.toFixed(2)} ${ccy}/ref-GPU-h`;
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
  const rows = [
    `Scenario                ${String(summary.scenario)}`,
    `Runs                    ${String(summary.completedRuns)} of ${String(summary.runs)} (${String(summary.failedRuns)} failed), seed ${String(summary.seed)}, design ${String(summary.design)}`,
    line('Peak spot rent', outcomes.peakRent, rent),
    line('Trough after peak', outcomes.troughAfterPeak, rent),
    line('Fall from peak', outcomes.maxFallFromPeak, pct),
    line('Red-ocean onset', outcomes.redOnsetMonth, month, 'none'),
    line('Probe IRR', outcomes.probeIrr, pct, 'no IRR'),
  ];
  const p = summary.probeIrrAboveHurdle;
  if (typeof p === 'number') rows.push(`P(probe IRR > ${pct(Number(summary.probeHurdleIrr))})`.padEnd(24) + p.toFixed(3));
  return `${rows.join('\n')}\n`;
}
