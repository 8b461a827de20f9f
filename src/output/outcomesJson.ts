/**
 * A run's scalar outcomes as JSON, with months written as `YYYY-MM` (null for "none") and a
 * `units` map beside them. The key order is fixed here, not taken from the model's objects, so
 * that the file stays the same when the model's code is reordered.
 */
import type { Outcomes, ProbeOutcome, RunResult } from '../model/metrics.js';
import type { Scenario } from '../scenario/schema.js';
import { roundForFile } from './formatNumber.js';
import { jsonText } from './json.js';
import { monthLabel } from './months.js';

export interface RunIdentity {
  seed: number | string;
  runIndex: number;
}

type Written<T> = { [K in keyof T]: K extends 'probe' ? WrittenProbe | null : number | string | null };
type WrittenProbe = { [K in keyof ProbeOutcome]: number | string | null };
export type OutcomeUnits = { [K in keyof Omit<Outcomes, 'probe'>]: string } & { probe: { [K in keyof ProbeOutcome]: string } };

export interface OutcomesDocument {
  scenario: string;
  currency: string;
  seed: number | string;
  runIndex: number;
  startMonth: string;
  endMonth: string;
  months: number;
  outcomes: Written<Outcomes>;
  units: OutcomeUnits;
}

/** The unit of each outcome field; money in the scenario's currency. */
export function outcomeUnits(currency: string): OutcomeUnits {
  const rent = `${currency} per reference-GPU-hour`;
  const month = 'month';
  return {
    startRentCcyPerRefGpuHour: rent,
    peakRentCcyPerRefGpuHour: rent,
    peakMonth: month,
    troughAfterPeakCcyPerRefGpuHour: rent,
    troughMonth: month,
    maxFallFromPeak: 'share',
    redOnsetMonth: month,
    lessorsAtEnd: 'lessors',
    totalEntries: 'lessors',
    totalExits: 'lessors',
    probe: {
      irr: 'share per year',
      npvCcy: currency,
      paybackMonth: month,
      worstCashCcy: currency,
      equityCcy: currency,
      firstDeliveryMonth: month,
    },
  };
}

export function outcomesDocument(scenario: Scenario, result: RunResult, run: RunIdentity): OutcomesDocument {
  const start = result.months[0] ?? scenario.start;
  const o = result.outcomes;
  const n = roundForFile;
  const m = (index: number) => monthLabel(start, index);
  const p = o.probe;
  const probe: WrittenProbe | null =
    p === null
      ? null
      : {
          irr: p.irr === null ? null : n(p.irr),
          npvCcy: n(p.npvCcy),
          paybackMonth: m(p.paybackMonth),
          worstCashCcy: n(p.worstCashCcy),
          equityCcy: n(p.equityCcy),
          firstDeliveryMonth: m(p.firstDeliveryMonth),
        };
  return {
    scenario: scenario.name,
    currency: scenario.currency,
    seed: run.seed,
    runIndex: run.runIndex,
    startMonth: start,
    endMonth: result.months[result.months.length - 1] ?? scenario.end,
    months: result.months.length,
    outcomes: {
      startRentCcyPerRefGpuHour: n(o.startRentCcyPerRefGpuHour),
      peakRentCcyPerRefGpuHour: n(o.peakRentCcyPerRefGpuHour),
      peakMonth: m(o.peakMonth),
      troughAfterPeakCcyPerRefGpuHour: n(o.troughAfterPeakCcyPerRefGpuHour),
      troughMonth: m(o.troughMonth),
      maxFallFromPeak: n(o.maxFallFromPeak),
      redOnsetMonth: m(o.redOnsetMonth),
      lessorsAtEnd: n(o.lessorsAtEnd),
      totalEntries: n(o.totalEntries),
      totalExits: n(o.totalExits),
      probe,
    },
    units: outcomeUnits(scenario.currency),
  };
}

/** The outcomes document as 2-space JSON with a trailing newline. */
export function outcomesJson(scenario: Scenario, result: RunResult, run: RunIdentity): string {
  return jsonText(outcomesDocument(scenario, result, run));
}
