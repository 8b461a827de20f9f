import { describe, expect, it } from 'vitest';
import { OUTCOME_COLUMNS } from '../../../src/model/outcomeColumns.js';
import { outcomesJson } from '../../../src/cli/run/outcomesJson.js';
import { baseline, fakeResult } from './helpers.js';

const run = { seed: 7, runIndex: 0 };
const parse = (text: string) => JSON.parse(text) as Record<string, any>;

describe('the outcomes JSON', () => {
  const s = baseline();

  it('names the scenario, currency, seed, run and horizon first, in a fixed order', () => {
    const doc = parse(outcomesJson(s, fakeResult(), run));
    expect(Object.keys(doc)).toEqual(['scenario', 'currency', 'seed', 'runIndex', 'startMonth', 'endMonth', 'months', 'outcomes', 'units']);
    expect(doc).toMatchObject({ scenario: s.name, currency: 'CNY', seed: 7, runIndex: 0, startMonth: '2023-01', endMonth: '2023-03', months: 3 });
  });

  it('writes month indexes as YYYY-MM, counted from the run start', () => {
    const doc = parse(outcomesJson(s, fakeResult(), run));
    expect(doc.outcomes.peakMonth).toBe('2023-02');
    expect(doc.outcomes.troughMonth).toBe('2023-03');
    expect(doc.outcomes.probeFirstDeliveryMonth).toBe('2023-03');
  });

  it('writes a month index of -1 as null', () => {
    const doc = parse(outcomesJson(s, fakeResult({ outcomes: { redOnsetMonth: -1 } }), run));
    expect(doc.outcomes.redOnsetMonth).toBeNull();
    expect(doc.outcomes.probePaybackMonth).toBeNull();
  });

  it('counts months past December into the next year', () => {
    const doc = parse(outcomesJson(s, fakeResult({ outcomes: { redOnsetMonth: 13 } }), run));
    expect(doc.outcomes.redOnsetMonth).toBe('2024-02');
  });

  it('keeps a missing probe and a missing IRR as null', () => {
    const noProbe = parse(outcomesJson(s, fakeResult({ outcomes: { probe: null } }), run)).outcomes;
    for (const name of ['probeIrr', 'probeNpvCcy', 'probePaybackMonth', 'probeWorstCashCcy', 'probeEquityCcy', 'probeFirstDeliveryMonth']) expect(noProbe[name]).toBeNull();
    const noIrr = fakeResult();
    noIrr.outcomes.probe!.irr = null;
    const doc = parse(outcomesJson(s, noIrr, run)).outcomes;
    expect(doc.probeIrr).toBeNull();
    expect(doc.probeNpvCcy).not.toBeNull();
  });

  it('rounds numbers as formatNumber does', () => {
    const doc = parse(outcomesJson(s, fakeResult(), run));
    expect(doc.outcomes.peakRentCcyPerRefGpuHour).toBe(30.123456789);
    expect(doc.outcomes.lessorsAtEnd).toBe(17);
  });

  it('gives a unit for every outcome field, in the scenario currency', () => {
    const doc = parse(outcomesJson(s, fakeResult(), run));
    expect(Object.keys(doc.units)).toEqual(Object.keys(doc.outcomes));
    expect(Object.keys(doc.outcomes)).toEqual(OUTCOME_COLUMNS.map((c) => c.name));
    expect(doc.units.peakRentCcyPerRefGpuHour).toBe('CNY per reference-GPU-hour');
    expect(doc.units.maxFallFromPeak).toBe('share');
    expect(doc.units.peakMonth).toBe('month');
    expect(doc.units.probeNpvCcy).toBe('CNY');
  });

  it('uses the currency the scenario names', () => {
    const usd = { ...s, currency: 'USD' as const };
    expect(parse(outcomesJson(usd, fakeResult(), run)).units.startRentCcyPerRefGpuHour).toBe('USD per reference-GPU-hour');
  });

  it('is 2-space indented JSON with a trailing newline, the same text every time', () => {
    const text = outcomesJson(s, fakeResult(), run);
    expect(text.startsWith('{\n  "scenario": ')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(outcomesJson(s, fakeResult(), run)).toBe(text);
  });

  it('refuses a month index that is neither -1 nor a month of the run', () => {
    expect(() => outcomesJson(s, fakeResult({ outcomes: { peakMonth: 1.5 } }), run)).toThrow(/month index 1.5/);
  });
});
