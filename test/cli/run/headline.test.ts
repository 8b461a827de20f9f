import { describe, expect, it } from 'vitest';
import { headline } from '../../../src/cli/run/headline.js';
import { baseline, fakeResult } from './helpers.js';

describe('the headline table', () => {
  const s = baseline();
  const lines = (text: string) => text.trimEnd().split('\n');
  const valueOf = (text: string, label: string) => {
    const line = lines(text).find((l) => l.startsWith(`${label} `));
    expect(line, `a line labelled ${label}`).toBeDefined();
    return line!.slice(label.length).trim();
  };

  it('names the scenario and seed', () => {
    const text = headline(s, fakeResult(), 7);
    expect(valueOf(text, 'Scenario')).toBe(s.name);
    expect(valueOf(text, 'Seed')).toBe('7');
  });

  it('gives the peak rent per reference-GPU-hour and per server-month, with currency and month', () => {
    const result = fakeResult({ metric: { spotRentCcyPerServerMonth: [100000, 175920.5, 90000] } });
    expect(valueOf(headline(s, result, 1), 'Peak spot rent')).toBe('30.12 CNY/ref-GPU-hour (175,921 CNY per 8x A100 server-month) in 2023-02');
  });

  it('gives the largest fall as a percentage and says when there is no red-ocean onset', () => {
    const text = headline(s, fakeResult(), 1);
    expect(valueOf(text, 'Largest fall from peak')).toBe('58.5 %');
    expect(valueOf(text, 'Red-ocean onset')).toBe('none');
    expect(valueOf(headline(s, fakeResult({ outcomes: { redOnsetMonth: 2 } }), 1), 'Red-ocean onset')).toBe('2023-03');
  });

  it('gives lessors at the end with entries and exits', () => {
    expect(valueOf(headline(s, fakeResult(), 1), 'Lessors at end')).toBe('17 (3 entries, 5 exits)');
  });

  it('compares the probe IRR with the hurdle and gives NPV and payback', () => {
    const text = headline(s, fakeResult(), 1);
    expect(valueOf(text, 'Probe IRR')).toBe('12.3 % vs hurdle 15.0 %');
    expect(valueOf(text, 'Probe NPV')).toBe('-1,234,568 CNY at 12.0 % a year');
    expect(valueOf(text, 'Probe payback')).toBe('none');
  });

  it('writes n/a for an IRR that does not exist, and for a scenario without a probe', () => {
    const noIrr = fakeResult();
    noIrr.outcomes.probe!.irr = null;
    expect(valueOf(headline(s, noIrr, 1), 'Probe IRR')).toBe('n/a vs hurdle 15.0 %');
    expect(valueOf(headline(s, fakeResult({ outcomes: { probe: null } }), 1), 'Probe')).toMatch(/^n\/a/);
  });

  it('aligns every value in one column', () => {
    const starts = lines(headline(s, fakeResult(), 1)).map((l) => l.search(/ {2}\S/) + 2);
    expect(new Set(starts).size).toBe(1);
  });

  it('with a rent unit, reads the peak, the trough and the fall off the generation’s own spot index, leaving out the months before it launches', () => {
    const result = fakeResult();
    result.byGeneration.spotRentCcyPerGpuHour_H800 = Float64Array.from([0, 0.5, 0.2]);
    const text = headline(s, result, 1, { generation: 'H800', perfRatio: 2.3 });
    expect(valueOf(text, 'Rents')).toBe("CNY per H800-hour: the H800's own spot index");
    expect(valueOf(text, 'Peak H800 spot rent')).toBe(`0.50 CNY/H800-hour (${(0.5 * 8 * s.hoursPerMonth).toLocaleString('en-US')} CNY per 8x H800 server-month) in 2023-02`);
    expect(valueOf(text, 'Trough after peak')).toMatch(/^0\.20 CNY\/H800-hour .* in 2023-03$/);
    expect(valueOf(text, 'Largest fall from peak')).toBe('60.0 %');
    expect(text).not.toContain('ref-GPU-hour');
    result.byGeneration.spotRentCcyPerGpuHour_H800 = Float64Array.from([0, 0, 0]);
    expect(valueOf(headline(s, result, 1, { generation: 'H800', perfRatio: 2.3 }), 'Peak H800 spot rent')).toBe('none (no H800 spot trade within the run)');
  });
});
