import { describe, expect, it } from 'vitest';
import { monthOffset } from '../../src/model/calendar.js';
import type { MetricName } from '../../src/model/metrics.js';
import { baseline, median, runSeeds } from './helpers.js';

/** The 2023 figures of docs/domain.md, which the baseline is calibrated to. */
const LIST_2023_CNY_PER_SERVER_MONTH = 133_400;
/** The August 2023 platform average, 15.1 CNY per A100-hour: the spot (on-demand) level. */
const SPOT_2023_08_CNY_PER_GPU_HOUR = 15.1;
const SEEDS = 50;

describe('the baseline scenario, over 50 seeds at its anchor month 2023-09', () => {
  const s = baseline();
  const runs = runSeeds(s, SEEDS);
  const anchor = monthOffset(s.start, s.anchorMonth!);
  const at = (metric: MetricName, t: number) => median(runs.map((r) => r.metrics[metric][t]));
  const atGen = (metric: string, t: number) => median(runs.map((r) => r.byGeneration[metric][t]));

  it('anchors in September 2023', () => {
    expect(s.anchorMonth).toBe('2023-09');
  });

  it('shows a median industry gross margin between 35 % and 45 %', () => {
    const gm = at('grossMargin', anchor);
    expect(gm).toBeGreaterThanOrEqual(0.35);
    expect(gm).toBeLessThanOrEqual(0.45);
  });

  it('shows a median net margin between 15 % and 25 %', () => {
    const nm = at('netMargin', anchor);
    expect(nm).toBeGreaterThanOrEqual(0.15);
    expect(nm).toBeLessThanOrEqual(0.25);
  });

  it('lists the 8x A100 server within 10 % of the public cloud list price, 133,400 CNY a month', () => {
    const list = atGen('listRentCcyPerGpuHour_A100', 0) * 8 * s.hoursPerMonth;
    expect(Math.abs(list / LIST_2023_CNY_PER_SERVER_MONTH - 1)).toBeLessThanOrEqual(0.1);
  });

  it('rents the A100 on the spot market within 25 % of the August 2023 platform average, 15.1 CNY an hour', () => {
    const spot = atGen('spotRentCcyPerGpuHour_A100', monthOffset(s.start, '2023-08'));
    expect(Math.abs(spot / SPOT_2023_08_CNY_PER_GPU_HOUR - 1)).toBeLessThanOrEqual(0.25);
  });

  it('prices the 8x A100 server near 1.6 M CNY', () => {
    const a100 = s.generations.find((g) => g.name === s.referenceGeneration)!;
    expect(8 * a100.priceCcyPerGpu).toBeCloseTo(1_600_000, -4);
  });

  it('pays a new server back in 1 to 2 years at the 2023 rent', () => {
    const months = at('serverPaybackMonths', 0);
    expect(months).toBeGreaterThanOrEqual(12);
    expect(months).toBeLessThanOrEqual(24);
  });
});
