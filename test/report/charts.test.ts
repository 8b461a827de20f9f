import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { reportCharts } from '../../src/report/charts.js';
import { tableCsv } from '../../src/report/chartTable.js';
import { headlines } from '../../src/report/headlines.js';
import { parseObserved } from '../../src/observed/readObserved.js';
import { scoreObserved } from '../../src/observed/scores.js';
import { renderSvg } from '../../src/report/renderSvg.js';
import { fixtureBatch, fixtureTarget } from './fixture.js';
import { BATCH_CHARTS, expectCleanCharts, marks, renderedCharts } from './chartChecks.js';

const OBSERVED = [
  'date,metric,value,source',
  '2023-03,spotRent,24,"list price, <img src=x onerror=window.__y=1>"',
  '2023-09,grossMargin,0.4,broker estimate',
  '2023-09,serverPaybackMonths,12,one year of rent',
  '2031-01,netMargin,0.1,after the horizon',
].join('\n');

/** The marks a rendered chart draws: paths, rects, lines inside vega's mark groups. */

describe('the report charts', () => {
  const batch = fixtureBatch();
  const scores = scoreObserved(parseObserved(OBSERVED, 'obs.csv', fixtureTarget()), batch.summary);
  const charts = reportCharts(batch, scores);
  const { byName, svgs, render } = renderedCharts(charts);

  beforeAll(render);

  it('are the charts the issue asks for, plus one fan per observed metric that has no chart of its own', () => {
    expect(charts.map((c) => c.name)).toEqual([...BATCH_CHARTS, 'observed-grossMargin', 'observed-serverPaybackMonths']);
  });

  it('each compile as vega-lite without a warning and render an SVG with marks', () => {
    expectCleanCharts(charts, svgs);
  });

  it('draw the rent fans with both bands, the median, single runs, cost floors, the starting rent and observed points', () => {
    const svg = svgs.get('spot-rent')!.svg;
    expect(marks(svg)).toEqual(expect.arrayContaining(['area', 'line', 'rule', 'symbol']));
    for (const label of ['P5–P95', 'P25–P75', 'median', 'single runs', 'cash cost (median)', 'full cost (median)', 'starting rent (median)', 'observed']) {
      expect(svg).toContain(`>${label}</text>`);
    }
    const kinds = new Set(byName('spot-rent').table.rows.map((r) => r.kind));
    expect([...kinds].sort()).toEqual(['band', 'level', 'observed', 'reference', 'sample']);
  });

  it('put units in the axis titles, with the scenario currency', () => {
    const title = (name: string, text: string) => expect(svgs.get(name)!.svg, name).toContain(`>${text}</text>`);
    title('spot-rent', 'spot rent (CNY per ref-GPU-hour)');
    title('contract-rent', 'contract rent (CNY per ref-GPU-hour)');
    title('capacity-demand-served', 'million ref-GPU-hours per month');
    title('utilisation-lead-time', 'utilisation (share)');
    title('utilisation-lead-time', 'lead time (months)');
    title('margins', 'margin (share of revenue)');
    title('lessors', 'active lessors (count)');
    title('regime-share', 'share of runs');
    title('probe-irr', 'IRR of the equity cash flows (% a year)');
    title('probe-npv', "NPV at the probe's discount rate (million CNY)");
    title('observed-serverPaybackMonths', 'server payback (months)');
  });

  it('show dates on the time axis', () => {
    for (const name of ['spot-rent', 'margins', 'regime-share', 'red-onset', 'lessors']) {
      const svg = svgs.get(name)!.svg;
      expect(svg, name).toContain('>2023-01</text>');
      expect(svg, name).toContain('>2024-01</text>');
    }
  });

  it('draw blue ocean in blue and red ocean in red', () => {
    const svg = svgs.get('regime-share')!.svg;
    expect(svg).toContain('fill="#2166ac"');
    expect(svg).toContain('fill="#b2182b"');
    expect(svgs.get('red-onset')!.svg).toContain('fill="#b2182b"');
  });

  it('state the share of runs that never turn red, and P(IRR > hurdle)', () => {
    expect(svgs.get('red-onset')!.svg).toContain('never red in 25 % of runs (10 of 40)');
    expect(svgs.get('probe-irr')!.svg).toContain('P(IRR &gt; 15 %) = 0.50');
  });

  it('draw the red-onset chart, its running total at 0, when no run turns red', async () => {
    const calm = fixtureBatch();
    calm.outcomes = calm.outcomes.map((r) => ({ ...r, redOnsetMonth: null }));
    const chart = reportCharts(calm).find((c) => c.name === 'red-onset')!;
    const { svg, warnings } = await renderSvg(chart.spec);
    expect(warnings).toEqual([]);
    expect(marks(svg)).toEqual(['line']);
    expect(svg).toContain('never red in 100 % of runs (40 of 40)');
  });

  it('keep the hurdle on a bin edge, so no bar straddles it', () => {
    const bins = byName('probe-irr').table.rows.filter((r) => r.kind === 'bin');
    expect(bins.some((b) => b.binStart === 0.15)).toBe(true);
    expect(bins.reduce((s, b) => s + Number(b.runs), 0)).toBe(39);
  });

  it('escape user strings inside the SVG text', () => {
    const svg = svgs.get('spot-rent')!.svg;
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;img src=x');
  });

  it('write each chart table as CSV with its columns as the header', () => {
    const csv = tableCsv(byName('regime-share').table);
    expect(csv.split('\n')[0]).toBe('month,regime,order,share');
    expect(csv.split('\n')[1]).toBe('2023-01,blue ocean,0,0.8');
    expect(tableCsv(byName('spot-rent').table)).toContain('"list price, <img src=x onerror=window.__y=1>"');
  });

  it('cut the payback axis only where "never" (1200 months) would flatten the fan', () => {
    expect(JSON.stringify(byName('observed-serverPaybackMonths').spec)).not.toContain('domainMax');
    const never = fixtureBatch();
    never.summary.metrics.serverPaybackMonths.p95[10] = 1200;
    const cut = reportCharts(never, scoreObserved(parseObserved(OBSERVED, 'obs.csv', fixtureTarget()), never.summary)).find((c) => c.name === 'observed-serverPaybackMonths')!;
    expect(JSON.stringify(cut.spec)).toContain('"domainMax":240');
  });
});

describe('rendering', () => {
  const tz = process.env.TZ;
  afterEach(() => {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });

  it('gives the same bytes for the same spec, in any time zone', async () => {
    const spec = reportCharts(fixtureBatch())[0].spec;
    process.env.TZ = 'America/Los_Angeles';
    const west = (await renderSvg(spec)).svg;
    const again = (await renderSvg(spec)).svg;
    process.env.TZ = 'Asia/Tokyo';
    const east = (await renderSvg(spec)).svg;
    expect(again).toBe(west);
    expect(east).toBe(west);
    expect(west).toContain('>2023-01</text>');
    expect(west).not.toContain('>2022-12</text>');
  });
});

describe('headline findings', () => {
  const lines = headlines(fixtureBatch());

  it('say how far the median rent falls from its peak, and by when', () => {
    expect(lines[0]).toBe(
      'The median spot rent peaks at 34.20 CNY per ref-GPU-hour in 2023-07 and falls 47 % from that peak by 2024-12, the end of the horizon (18.24); run by run, the largest fall from a running peak is 45 % at the median (P5–P95: 31–60 %).',
    );
  });

  it('give P(red ocean) by year ends and the share that never turns red', () => {
    expect(lines[1]).toBe('P(red ocean by 2023-12) = 0.00 and by 2024-12 = 0.75; 25 % of runs never turn red. Where it comes, the median onset is 2024-05 (P5–P95: 2024-01 to 2024-10).');
  });

  it('give P(probe IRR > hurdle)', () => {
    expect(lines.find((l) => l.startsWith('Probe investment'))).toMatch(/^Probe investment: P\(IRR > 15 %\) = 0\.50; median IRR 18 % \(P5–P95: −30 % to 120 %\)/);
  });

  it('report each observed metric: inside the bands and the mean CRPS', () => {
    const batch = fixtureBatch();
    const scored = headlines(batch, scoreObserved(parseObserved(OBSERVED, 'obs.csv', fixtureTarget()), batch.summary));
    expect(scored).toContainEqual(expect.stringMatching(/^Observed spotRentCcyPerRefGpuHour: 1 of 1 point inside P5–P95, [01] of 1 inside P25–P75, mean CRPS [\d.]+ CNY per ref-GPU-hour\.$/));
    expect(scored).toContainEqual("1 observed point was skipped: line 5, 2031-01 is outside the batch's months 2023-01 to 2024-12.");
  });
});
