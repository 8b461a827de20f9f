import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { GENERATION_METRICS, generationMetricName, METRICS, type MetricName, type Outcomes, type RunResult } from '../../../src/model/metrics.js';
import { loadScenario, type Scenario } from '../../../src/scenario/index.js';

export const BASELINE = 'scenarios/baseline.yaml';
export const baseline = (): Scenario => loadScenario(BASELINE);

/** A hand-made three-month result, so the formatting tests do not depend on the model. */
export function fakeResult(changes: { outcomes?: Partial<Outcomes>; metric?: Partial<Record<MetricName, number[]>> } = {}): RunResult {
  const months = ['2023-01', '2023-02', '2023-03'];
  const metrics = {} as Record<MetricName, Float64Array>;
  METRICS.forEach((name, i) => (metrics[name] = Float64Array.from(changes.metric?.[name] ?? [i, i + 0.5, 1 / 3])));
  metrics.regime = Float64Array.from(changes.metric?.regime ?? [0, 1, 2]);
  const byGeneration: Record<string, Float64Array> = {};
  const installed = { A100: [100, 90, 80], H800: [0, 8, 16] };
  for (const family of GENERATION_METRICS) {
    for (const [g, values] of Object.entries(installed)) {
      byGeneration[generationMetricName(g, family)] = Float64Array.from(family === 'installedGpus' ? values : values.map((v) => v / 40));
    }
  }
  const outcomes: Outcomes = {
    startRentCcyPerRefGpuHour: 22.84,
    peakRentCcyPerRefGpuHour: 30.123456789012345,
    peakMonth: 1,
    troughAfterPeakCcyPerRefGpuHour: 12.5,
    troughMonth: 2,
    maxFallFromPeak: 0.585,
    redOnsetMonth: -1,
    lessorsAtEnd: 17,
    totalEntries: 3,
    totalExits: 5,
    probe: { irr: 0.1234, npvCcy: -1234567.891, paybackMonth: -1, worstCashCcy: -5e7, equityCcy: 7e7, firstDeliveryMonth: 2 },
    ...changes.outcomes,
  };
  return { months, metrics, byGeneration, outcomes, probeCashFlows: null };
}

/** A fresh temporary folder per test, removed afterwards. */
export function useTempDir(): () => string {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  return () => (dir ??= mkdtempSync(join(tmpdir(), 'gpu-market-output-')));
}

/** Names in `dir` that look like writeRun's temporary folders. */
export const tempLeftovers = (dir: string): string[] => readdirSync(dir).filter((n) => n.includes('.tmp-'));
