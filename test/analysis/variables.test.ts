import { describe, expect, it } from 'vitest';
import { extractionPlan, parseVariable, UnknownVariable, valueIn } from '../../src/analysis/variables.js';
import { monthRange } from '../../src/model/calendar.js';
import type { RunRecord } from '../../src/montecarlo/chunk.js';

const months = monthRange('2023-01', '2026-12');

const record = (o: Partial<RunRecord['outcomes']>, extracted: number[] = []): RunRecord => ({
  index: 0,
  inputs: [],
  extracted,
  outcomes: {
    startRentCcyPerRefGpuHour: 20,
    peakRentCcyPerRefGpuHour: 25,
    peakMonth: 7,
    troughAfterPeakCcyPerRefGpuHour: 10,
    troughMonth: 30,
    maxFallFromPeak: 0.6,
    redOnsetMonth: -1,
    lessorsAtEnd: 40,
    totalEntries: 10,
    totalExits: 5,
    probe: null,
    ...o,
  },
});

describe('analysis variables', () => {
  it('reads outcomes by column name or alias, with none as null', () => {
    expect(parseVariable('peakRent', months).kind).toBe('outcome');
    const onset = parseVariable('redOnset', months);
    expect(onset).toMatchObject({ kind: 'outcome', name: 'redOnsetMonth', unit: 'month' });
    expect(valueIn(onset, -1, record({}))).toBeNull();
    expect(valueIn(onset, -1, record({ redOnsetMonth: 26 }))).toBe(26);
    expect(valueIn(parseVariable('probe.irr', months), -1, record({}))).toBeNull();
    expect(valueIn(parseVariable('maxFallFromPeak', months), -1, record({}))).toBe(0.6);
  });

  it('reads a metric in a month from the extracted values, sharing repeated cells', () => {
    const vars = ['spotRent@2025-06', 'spotRentCcyPerRefGpuHour@2025-06', 'utilisation@2023-01', 'peakRent'].map((t) => parseVariable(t, months, ['A100']));
    const { cells, positions } = extractionPlan(vars);
    expect(cells).toEqual([
      { metric: 'spotRentCcyPerRefGpuHour', month: 29 },
      { metric: 'utilisation', month: 0 },
    ]);
    expect(positions).toEqual([0, 0, 1, -1]);
    const r = record({}, [12.5, 0.9]);
    expect(vars.map((v, i) => valueIn(v, positions[i], r))).toEqual([12.5, 12.5, 0.9, 25]);
    expect(parseVariable('installedGpus_A100@2024-01', months, ['A100'])).toMatchObject({ cell: { metric: 'installedGpus_A100', month: 12 } });
  });

  it('rejects unknown names with a suggestion, and months outside the scenario', () => {
    expect(() => parseVariable('peakRnt', months)).toThrow(/unknown outcome "peakRnt"; did you mean peakRent/);
    expect(() => parseVariable('spotRnt@2025-06', months)).toThrow(/unknown metric "spotRnt"; did you mean spotRent/);
    expect(() => parseVariable('spotRent@2031-01', months)).toThrow(/outside the scenario's months 2023-01 to 2026-12/);
    expect(() => parseVariable('spotRent@2025-6', months)).toThrow(UnknownVariable);
    expect(() => parseVariable('constructor', months)).toThrow(UnknownVariable);
    expect(() => parseVariable('__proto__@2025-06', months)).toThrow(UnknownVariable);
  });
});
