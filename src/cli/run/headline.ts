/**
 * The few numbers a person looks at first after a run, as an aligned two-column text table for
 * the terminal. Not a file format: nothing reads this back. Rents are the market-wide spot index
 * per ref-GPU-hour, or with a rent unit that generation's own spot index.
 */
import type { RunResult } from '../../model/metrics.js';
import type { Scenario } from '../../scenario/schema.js';
import { monthLabel } from './months.js';
import { groupedFixed, percent } from '../../format/textNumber.js';
import { ownIndex, rentUnitWords, type RentUnit } from '../../analysis/rentUnit.js';

/** The peak, the trough after it and the largest fall from a running peak of a rent series, over the months it has a rent. */
function turn(rent: ArrayLike<number>): { peak: number; trough: number; fall: number } | null {
  let peak = -1;
  for (let t = 0; t < rent.length; t++) if (rent[t] > 0 && (peak < 0 || rent[t] > rent[peak])) peak = t;
  if (peak < 0) return null;
  let trough = peak;
  for (let t = peak + 1; t < rent.length; t++) if (rent[t] > 0 && rent[t] < rent[trough]) trough = t;
  let running = 0;
  let fall = 0;
  for (let t = 0; t < rent.length; t++) {
    if (!(rent[t] > 0)) continue;
    running = Math.max(running, rent[t]);
    fall = Math.max(fall, (running - rent[t]) / running);
  }
  return { peak, trough, fall };
}

/**
 * The rent's rows in a generation's unit: its own spot index (0 before it launches, which is no
 * rent), read as the run's outcomes read the market-wide one; a server is 8 of its GPUs.
 */
function unitRentRows(scenario: Scenario, result: RunResult, unit: RentUnit, month: (index: number) => string): [string, string][] {
  const g = unit.generation;
  const ccy = scenario.currency;
  const rent = result.byGeneration[ownIndex(unit, 'spotRentCcyPerGpuHour')];
  const words: [string, string] = ['Rents', `${rentUnitWords(ccy, unit)}: the ${g}'s own spot index`];
  const found = rent && turn(rent);
  if (!found) return [words, [`Peak ${g} spot rent`, `none (no ${g} spot trade within the run)`]];
  const at = (t: number) => `${groupedFixed(rent[t], 2)} ${ccy}/${g}-hour (${groupedFixed(rent[t] * 8 * scenario.hoursPerMonth, 0)} ${ccy} per 8x ${g} server-month) in ${month(t)}`;
  return [words, [`Peak ${g} spot rent`, at(found.peak)], ['Trough after peak', at(found.trough)], ['Largest fall from peak', percent(found.fall)]];
}

export function headline(scenario: Scenario, result: RunResult, seed: number | string, unit?: RentUnit): string {
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
    ...(unit
      ? unitRentRows(scenario, result, unit, month)
      : ([
          ['Peak spot rent', rent(o.peakRentCcyPerRefGpuHour, o.peakMonth)],
          ['Trough after peak', rent(o.troughAfterPeakCcyPerRefGpuHour, o.troughMonth)],
          ['Largest fall from peak', percent(o.maxFallFromPeak)],
        ] as [string, string][])),
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
