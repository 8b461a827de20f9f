/**
 * The rent charts in a generation's unit, on the made-up batch: the generation's own indices drawn
 * as they are, the costs converted at its perfRatio and named so, the months before it launches
 * blank, and with no perfRatio (a folder without its resolved scenario) no cost floors at all.
 */
import { describe, expect, it } from 'vitest';
import { reportCharts } from '../../src/report/charts.js';
import { parseObserved } from '../../src/observed/readObserved.js';
import { scoreObserved } from '../../src/observed/scores.js';
import { renderSvg } from '../../src/report/renderSvg.js';
import { fixtureBatch, fixtureTarget, MONTHS } from './fixture.js';
import type { RentUnit } from '../../src/analysis/rentUnit.js';

const H100: RentUnit = { generation: 'H100', perfRatio: 3 };
const rows = (name: string, unit = H100, batch = fixtureBatch()) => reportCharts(batch, undefined, unit).find((c) => c.name === name)!;

describe('the rent charts in a generation’s unit', () => {
  it('draw the generation’s own spot and contract indices, not the market-wide ones scaled', () => {
    const s = fixtureBatch().summary;
    for (const [name, metric] of [
      ['spot-rent', 'spotRentCcyPerGpuHour_H100'],
      ['contract-rent', 'contractRentCcyPerGpuHour_H100'],
    ] as const) {
      const chart = rows(name);
      const band = chart.table.rows.filter((r) => r.kind === 'band');
      expect(band.map((r) => r.series)).toEqual(MONTHS.map(() => metric));
      expect(band.map((r) => r.p50)).toEqual(s.metrics[metric].p50);
      expect(chart.caption).toContain(`the H100's own ${name.split('-')[0]} index (summary.json's ${metric}), in CNY per H100-hour`);
      expect(JSON.stringify(chart.spec)).toContain(`rent (CNY per H100-hour)`);
      expect(JSON.stringify(chart.spec)).not.toContain('ref-GPU-hour');
    }
  });

  it('convert the cost floors at the perfRatio, and say so in the legend and the caption', () => {
    const s = fixtureBatch().summary;
    const chart = rows('spot-rent');
    const cash = chart.table.rows.filter((r) => r.series === 'cash cost (median, converted)');
    expect(cash.map((r) => r.value)).toEqual(s.metrics.cashCostCcyPerRefGpuHour.p50.map((v) => 3 * v!));
    expect(chart.table.rows.some((r) => r.series === 'full cost (median, converted)')).toBe(true);
    expect(chart.caption).toContain("converted: multiplied by the H100's perfRatio of 3");
  });

  it('leave the months before the generation launches blank, and start its rent at its first month', () => {
    const batch = fixtureBatch();
    const band = batch.summary.metrics.spotRentCcyPerGpuHour_H100;
    for (const stat of ['p5', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'mean', 'min', 'max'] as const) band[stat] = band[stat].map((v, t) => (t < 5 ? 0 : v));
    const chart = rows('spot-rent', H100, batch);
    const drawn = chart.table.rows.filter((r) => r.kind === 'band');
    expect(drawn.slice(0, 5).every((r) => r.p50 === null && r.p95 === null)).toBe(true);
    expect(drawn[5].p50).toBe(band.p50[5]);
    expect(chart.table.rows.find((r) => r.kind === 'level')).toMatchObject({ series: 'starting H100 spot rent (median)', value: band.p50[5] });
    expect(chart.caption).toContain('Before 2023-06 no run has H100 spot trades, so no rent is drawn.');
  });

  it('draw no cost floors where the perfRatio is not known, and say why', () => {
    const chart = rows('spot-rent', { generation: 'H100', perfRatio: null });
    expect(chart.table.rows.some((r) => r.kind === 'reference')).toBe(false);
    expect(chart.caption).toContain('The cost floors are not drawn');
  });

  it('put the observed points of the market-wide index on a fan of their own, in its unit', () => {
    const batch = fixtureBatch();
    const scores = scoreObserved(parseObserved('date,metric,value,source\n2023-03,spotRent,24,broker\n', 'obs.csv', fixtureTarget()), batch.summary);
    const charts = reportCharts(batch, scores, H100);
    expect(charts.find((c) => c.name === 'spot-rent')!.table.rows.some((r) => r.kind === 'observed')).toBe(false);
    const own = charts.find((c) => c.name === 'observed-spotRentCcyPerRefGpuHour')!;
    expect(JSON.stringify(own.spec)).toContain('CNY per ref-GPU-hour');
  });

  it('render to SVG', async () => {
    const { svg } = await renderSvg(rows('spot-rent').spec);
    expect(svg).toContain('CNY per H100-hour');
    expect(svg).toContain('cash cost (median, converted)');
  });
});
