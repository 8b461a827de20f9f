/**
 * Invariants that must hold in every month of every run, whatever the seed and within the
 * plausible range of the main causes. fast-check draws the seed and the causes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cashInflows, cashOutflows } from '../../src/model/accounting.js';
import { METRICS, type RunResult } from '../../src/model/metrics.js';
import { simulate } from '../../src/model/simulate.js';
import type { MarketState } from '../../src/model/state.js';
import { baseline, rowsAttached } from './helpers.js';

const causes = fc.record({
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  outputScale: fc.double({ min: 0, max: 3, noNaN: true }),
  contractMonths: fc.integer({ min: 1, max: 36 }),
  entryProbability: fc.double({ min: 0, max: 0.1, noNaN: true }),
  hype: fc.double({ min: 0, max: 3, noNaN: true }),
  months: fc.integer({ min: 12, max: 96 }),
});

interface Violation {
  month: number;
  what: string;
}

/** Runs one path and checks every lessor after every month. */
function runChecked(c: Parameters<typeof scenarioFor>[0] & { seed: number }): {
  result: RunResult;
  violations: Violation[];
} {
  const violations: Violation[] = [];
  const seen = new Map<number, number>();
  const onMonth = (state: Readonly<MarketState>) => {
    let installed = 0;
    for (const l of state.lessors) {
      if (!l.active && l.exitMonth !== state.month) continue;
      const f = l.flows;
      const cashEnd = f.cashStart + cashInflows(f) - cashOutflows(f);
      const scale = Math.max(1, Math.abs(f.cashStart), cashInflows(f), cashOutflows(f));
      if (Math.abs(cashEnd - l.cash) > 1e-9 * scale) {
        violations.push({ month: state.month, what: `cash identity of lessor ${l.index}: ${cashEnd} vs ${l.cash}` });
      }
      const gpus = l.cohorts.reduce((a, x) => a + x.count, 0);
      const expected = f.gpusStart + f.gpusDelivered + f.gpusBoughtSecondHand - f.gpusRetired - f.gpusScrapped - f.gpusSold;
      if (gpus !== expected) violations.push({ month: state.month, what: `GPUs of lessor ${l.index}: ${gpus} vs ${expected}` });
      if (seen.has(l.index) && f.gpusStart !== seen.get(l.index)) {
        violations.push({ month: state.month, what: `lessor ${l.index} began the month with ${f.gpusStart}, ended the last with ${seen.get(l.index)}` });
      }
      seen.set(l.index, gpus);
      if (l.active) installed += gpus;
      if (l.contractedRef > l.capacityRef + 1e-6) violations.push({ month: state.month, what: `lessor ${l.index} contracted beyond capacity` });
      if (!rowsAttached(state, l)) violations.push({ month: state.month, what: `lessor ${l.index}'s by-generation arrays are not its row` });
    }
    if (installed < 0) violations.push({ month: state.month, what: 'negative installed base' });
  };
  const result = simulate(scenarioFor(c), c.seed, { onMonth });
  return { result, violations };
}

function scenarioFor(c: { outputScale: number; contractMonths: number; entryProbability: number; hype: number; months: number }) {
  const s = baseline(`vendor.outputScale=${c.outputScale}`, `market.contractMonths=${c.contractMonths}`, `entrants.baseMonthlyProbability=${c.entryProbability}`, `market.hype.initial=${c.hype}`);
  const [y, m] = s.start.split('-').map(Number);
  const endIndex = y * 12 + m - 1 + c.months - 1;
  s.end = `${Math.floor(endIndex / 12)}-${String((endIndex % 12) + 1).padStart(2, '0')}`;
  return s;
}

const RUNS = Number(process.env.PROPERTY_RUNS ?? 25);

describe('every month of every run', () => {
  it('keeps each lessor’s cash identity and conserves its GPUs', () => {
    fc.assert(
      fc.property(causes, (c) => {
        const { violations } = runChecked(c);
        expect(violations.slice(0, 3)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('conserves the installed base: installed = delivered + bought second-hand − retired − scrapped − sold', () => {
    fc.assert(
      fc.property(causes, (c) => {
        const { result } = runChecked(c);
        const m = result.metrics;
        // Industry-wide, second-hand GPUs move between lessors: only scrapped ones leave, net of the
        // exiting lessors' fleets that went to buyers.
        for (let t = 1; t < result.months.length; t++) {
          const change = m.installedGpus[t] - m.installedGpus[t - 1];
          const flows = m.deliveredGpus[t] - m.retiredGpus[t] - m.secondaryGpusScrapped[t];
          expect(change).toBe(flows);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('has no NaN or infinity in any metric or outcome', () => {
    fc.assert(
      fc.property(causes, (c) => {
        const { result } = runChecked(c);
        for (const name of METRICS) for (const v of result.metrics[name]) expect(Number.isFinite(v)).toBe(true);
        for (const col of Object.values(result.byGeneration)) for (const v of col) expect(Number.isFinite(v)).toBe(true);
        const walk = (x: unknown): void => {
          if (typeof x === 'number') expect(Number.isFinite(x)).toBe(true);
          else if (x && typeof x === 'object') Object.values(x).forEach(walk);
        };
        walk(result.outcomes);
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps rents non-negative, utilisation in [0, 1] and served within demand and capacity', () => {
    fc.assert(
      fc.property(causes, (c) => {
        const { result } = runChecked(c);
        const m = result.metrics;
        for (let t = 0; t < result.months.length; t++) {
          expect(m.spotRentCcyPerRefGpuHour[t]).toBeGreaterThanOrEqual(0);
          expect(m.contractRentCcyPerRefGpuHour[t]).toBeGreaterThanOrEqual(0);
          expect(m.utilisation[t]).toBeGreaterThanOrEqual(0);
          expect(m.utilisation[t]).toBeLessThanOrEqual(1);
          const cap = Math.min(m.demandRefGpuHours[t], m.capacityRefGpuHours[t]);
          expect(m.servedRefGpuHours[t]).toBeLessThanOrEqual(cap * (1 + 1e-9) + 1e-6);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
