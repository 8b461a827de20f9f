/**
 * The few numbers a person looks at first after a run, as an aligned two-column text table for
 * the terminal. Not a file format: nothing reads this back.
 */
import type { RunResult } from '../../model/metrics.js';
import type { Scenario } from '../../scenario/schema.js';
import { monthLabel } from './months.js';
import { groupedFixed, percent } from '../../format/textNumber.js';

export function headline(scenario: Scenario, result: RunResult, seed: number | string): string {
  const o = result.outcomes;
  const ccy = scenario.currency;
  const start = result.months[0] ?? scenario.start;
  const month = (index: number) => monthLabel(start, index) ?? 'none';
  const perServer = result.metrics.spotRentCcyPerServerMonth;
  const rent = (perHour: number, at: number) =>
    `${groupedFixed(perHour, 2)} ${ccy}/ref-GPU-hour` + ` (${groupedFixed(perServer[at], 0)} ${ccy} per 8x ${scenario.referenceGeneration} server-month) in ${month(at)}`;

  const rows: [string, string][] = [
    ['Scenario', scenario.name],
    ['Seed', String(seed)],
    ['Peak spot rent', rent(o.peakRentCcyPerRefGpuHour, o.peakMonth)],
    ['Trough after peak', rent(o.troughAfterPeakCcyPerRefGpuHour, o.troughMonth)],
    ['Largest fall from peak', percent(o.maxFallFromPeak)],
    ['Red-ocean onset', month(o.redOnsetMonth)],
    ['Lessors at end', `${groupedFixed(o.lessorsAtEnd)} (${groupedFixed(o.totalEntries)} entries, ${groupedFixed(o.totalExits)} exits)`],
  ];
  const p = o.probe;
  const probe = scenario.probe;
  if (p === null || probe === undefined) {
    rows.push(['Probe', 'n/a (no probe in this scenario)']);
  } else {
    rows.push(
      ['Probe IRR', `${p.irr === null ? 'n/a' : percent(p.irr)} vs hurdle ${percent(probe.hurdleIrr)}`],
      ['Probe NPV', `${groupedFixed(p.npvCcy)} ${ccy} at ${percent(probe.discountRate)} a year`],
      ['Probe payback', month(p.paybackMonth)],
    );
  }
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return rows.map(([label, value]) => `${label.padEnd(width)}${value}`).join('\n') + '\n';
}
