import { describe, expect, it } from 'vitest';
import { parseObserved } from '../../src/observed/readObserved.js';
import { crpsFromQuantiles } from '../../src/stats/crps.js';
import { BAND_LEVELS, scoreObserved } from '../../src/observed/scores.js';
import { fixtureSummary, fixtureTarget } from './fixture.js';

const FILE = 'obs.csv';
const parse = (text: string) => parseObserved(text, FILE, fixtureTarget());

describe('scoreObserved', () => {
  const summary = fixtureSummary();
  const band = summary.metrics.spotRentCcyPerRefGpuHour;
  const t = 3; // 2023-04
  const text = [
    'date,metric,value,source',
    `2023-04,spotRent,${band.p50[t]},at the median`,
    `2023-04,spotRent,${(band.p75[t]! + band.p95[t]!) / 2},between P75 and P95`,
    `2023-04,spotRent,${band.p95[t]! * 2},far above`,
    `2023-04,spotRent,${band.p5[t]},on the P5 bound`,
    '2031-01,spotRent,10,after the horizon',
    '2022-12,grossMargin,0.4,before the horizon',
  ].join('\n');
  const scores = scoreObserved(parse(text), summary);

  it('gives the share of points inside P5–P95 and inside P25–P75, bounds included', () => {
    expect(scores.metrics).toHaveLength(1);
    const m = scores.metrics[0];
    expect(m.metric).toBe('spotRentCcyPerRefGpuHour');
    expect(m.points.map((p) => [p.inside90, p.inside50])).toEqual([
      [true, true],
      [true, false],
      [false, false],
      [true, false],
    ]);
    expect(m.inside90).toBe(0.75);
    expect(m.inside50).toBe(0.25);
  });

  it('gives the mean CRPS, lowest for the point at the median', () => {
    const m = scores.metrics[0];
    const [atMedian, between, far] = m.points.map((p) => p.crps);
    expect(atMedian).toBeLessThan(between);
    expect(between).toBeLessThan(far);
    expect(m.meanCrps).toBeCloseTo(m.points.reduce((s, p) => s + p.crps, 0) / 4, 12);
  });

  it('lists points outside the batch months as skipped, with the reason, rather than dropping them', () => {
    expect(scores.skipped.map((k) => [k.line, k.point?.line, k.reason])).toEqual([
      [6, 6, "2031-01 is outside the batch's months 2023-01 to 2024-12"],
      [7, 7, "2022-12 is outside the batch's months 2023-01 to 2024-12"],
    ]);
  });

  it('keeps the metrics in the order the file first names them', () => {
    const s = scoreObserved(parse('date,metric,value\n2023-05,netMargin,0.1\n2023-05,spotRent,20\n2023-06,netMargin,0.1\n'), summary);
    expect(s.metrics.map((m) => [m.metric, m.points.length])).toEqual([
      ['netMargin', 2],
      ['spotRentCcyPerRefGpuHour', 1],
    ]);
  });
});

describe('scoreObserved with intervals and bounds', () => {
  const summary = fixtureSummary();
  const b = summary.metrics.spotRentCcyPerRefGpuHour;
  const t = 3; // 2023-04
  const [p5, p25, p50, p75, p95] = [b.p5[t]!, b.p25[t]!, b.p50[t]!, b.p75[t]!, b.p95[t]!];
  const quantiles = (['p5', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95'] as const).map((f) => b[f][t]!);
  const row = (low: number | '', high: number | '') => `2023-04,CN,all,rent,spot,,${low},${high},CNY per GPU-hour,x`;
  const text = [
    'date,region,gpu,metric,kind,value,low,high,unit,source',
    row(p95 * 1.1, p95 * 1.3), // 2: an interval above the band
    row(p75 * 1.01, p95 * 1.2), // 3: an interval that reaches into P5–P95 only
    row(p25 * 0.9, p75 * 1.1), // 4: an interval around the median
    row(p95 * 1.1, ''), // 5: a lower bound above the band
    row(p75 * 1.01, ''), // 6: a lower bound the band reaches past, but not its middle half
    row('', p5 * 0.9), // 7: an upper bound below the band
    row('', p25 * 1.01), // 8: an upper bound that both bands reach below
  ].join('\n');
  const points = scoreObserved(parse(text), summary).metrics[0].points;

  it('counts an interval inside a band when it overlaps it, a bound when the band reaches past it', () => {
    expect(points.map((p) => [p.line, p.inside90, p.inside50])).toEqual([
      [2, false, false],
      [3, true, false],
      [4, true, true],
      [5, false, false],
      [6, true, false],
      [7, false, false],
      [8, true, true],
    ]);
  });

  it('takes the CRPS at the point of the interval or bound nearest the median', () => {
    const at = points.map((p) => p.scoredAt);
    expect(at).toEqual([p95 * 1.1, p75 * 1.01, p50, p95 * 1.1, p75 * 1.01, p5 * 0.9, p25 * 1.01]);
    for (const p of points) expect(p.crps).toBe(crpsFromQuantiles(BAND_LEVELS, quantiles, p.scoredAt));
  });
});
