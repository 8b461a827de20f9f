/** The headline distribution a batch prints: median and P5–P95 of the outcomes investors ask about. */
import type { BatchSummary, OutcomeDistribution } from '../montecarlo/summarySchema.js';

export function batchHeadline(summary: BatchSummary): string {
  const o = summary.outcomes;
  const line = <V>(label: string, d: OutcomeDistribution<V>, fmt: (v: V) => string, noneLabel = '') => {
    const total = d.count + d.missing;
    if (d.count === 0 || d.p50 === undefined) return `${label.padEnd(24)}${noneLabel || 'n/a'} in all ${total} runs`;
    const none = d.missing > 0 && noneLabel ? `; ${noneLabel} in ${d.missing} of ${total} runs` : '';
    return `${label.padEnd(24)}${fmt(d.p50)} (P5–P95 ${fmt(d.p5!)} – ${fmt(d.p95!)})${none}`;
  };
  const rent = (v: number) => `${v.toFixed(2)} ${summary.currency}/ref-GPU-h`;
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
  const month = (v: string) => v;
  const rows = [
    `Scenario                ${summary.scenario}`,
    `Runs                    ${summary.completedRuns} of ${summary.runs} (${summary.failedRuns} failed), seed ${summary.seed}, design ${summary.design}`,
    line('Peak spot rent', o.peakRentCcyPerRefGpuHour, rent),
    line('Trough after peak', o.troughAfterPeakCcyPerRefGpuHour, rent),
    line('Fall from peak', o.maxFallFromPeak, pct),
    line('Red-ocean onset', o.redOnsetMonth, month, 'none'),
    line('Probe IRR', o.probeIrr, pct, 'no IRR'),
  ];
  const p = summary.probeIrrAboveHurdle;
  if (p !== null) rows.push(`P(probe IRR > ${pct(Number(summary.probeHurdleIrr))})`.padEnd(24) + p.toFixed(3));
  return `${rows.join('\n')}\n`;
}
