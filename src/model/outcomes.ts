/** Per-run scalar outcomes, read off the finished metric columns. */
import type { Scenario } from '../scenario/schema.js';
import type { Outcomes, ProbeOutcome } from './metrics.js';
import type { Columns } from './observe.js';
import { redOnset } from './regime.js';

export function computeOutcomes(s: Scenario, cols: Columns, probe: ProbeOutcome | null): Outcomes {
  const rent = cols.spotRentCcyPerRefGpuHour;
  const T = rent.length;
  let peak = 0;
  for (let t = 1; t < T; t++) if (rent[t] > rent[peak]) peak = t;
  let trough = peak;
  for (let t = peak + 1; t < T; t++) if (rent[t] < rent[trough]) trough = t;
  let runningPeak = rent[0];
  let maxFall = 0;
  for (let t = 0; t < T; t++) {
    runningPeak = Math.max(runningPeak, rent[t]);
    if (runningPeak > 0) maxFall = Math.max(maxFall, (runningPeak - rent[t]) / runningPeak);
  }
  let entries = 0;
  let exits = 0;
  for (let t = 0; t < T; t++) {
    entries += cols.entries[t];
    exits += cols.exits[t];
  }
  return {
    startRentCcyPerRefGpuHour: rent[0],
    peakRentCcyPerRefGpuHour: rent[peak],
    peakMonth: peak,
    troughAfterPeakCcyPerRefGpuHour: rent[trough],
    troughMonth: trough,
    maxFallFromPeak: maxFall,
    redOnsetMonth: redOnset(cols.regime, s.regime.sustainMonths),
    lessorsAtEnd: cols.activeLessors[T - 1],
    totalEntries: entries,
    totalExits: exits,
    probe,
  };
}
