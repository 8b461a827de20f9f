import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { reportCharts } from '../../src/report/charts.js';
import { tableCsv } from '../../src/report/chartTable.js';
import { parseObserved } from '../../src/observed/readObserved.js';
import { scoreObserved } from '../../src/observed/scores.js';
import { renderSvg } from '../../src/report/renderSvg.js';
import { scenarioEvents } from '../../src/report/chartData.js';
import type { Spec } from '../../src/report/specs/common.js';
import { fixtureBatch, fixtureScenario, fixtureTarget, MONTHS } from './fixture.js';
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

  it('draw the red-onset chart, its running total at 0 and a full "never" bar, when no run turns red', async () => {
    const calm = fixtureBatch();
    calm.outcomes = calm.outcomes.map((r) => ({ ...r, redOnsetMonth: null }));
    const chart = reportCharts(calm).find((c) => c.name === 'red-onset')!;
    const { svg, warnings } = await renderSvg(chart.spec);
    expect(warnings).toEqual([]);
    expect(marks(svg)).toEqual(['line', 'symbol', 'rect']);
    expect(svg).toContain('never red in 100 % of runs (40 of 40)');
    expect(svg).toContain('>100%</text>');
    expect(chart.table.rows.at(-1)).toMatchObject({ kind: 'never', month: null, monthEnd: null, runs: 40, share: 1 });
  });

  it('draw the runs that never turn red as a bar of their own, labelled, not as a month, and say their share', () => {
    const chart = byName('red-onset');
    // (Rendering marks the rows as vega's own; only their fields count here.)
    expect(chart.table.rows.filter((r) => r.kind === 'never')).toMatchObject([{ kind: 'never', month: null, monthEnd: null, runs: 10, share: 0.25 }]);
    const svg = svgs.get('red-onset')!.svg;
    expect(svg).toContain('>never</text>');
    expect(svg).toContain('>25%</text>');
    expect(chart.caption).toContain('25 % of runs (10 of 40) never turn red');
    // The time axis ends with the horizon: "never" is not a month after it.
    expect(svg).not.toContain('>2025-07</text>');
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

  const paybackChart = (edit: (b: ReturnType<typeof fixtureBatch>) => void) => {
    const batch = fixtureBatch();
    edit(batch);
    return reportCharts(batch, scoreObserved(parseObserved(OBSERVED, 'obs.csv', fixtureTarget()), batch.summary)).find((c) => c.name === 'observed-serverPaybackMonths')!;
  };

  it('draw a payback of "never" (1200 months) apart from the months, in a strip of its own, with its share in the caption', async () => {
    expect(JSON.stringify(byName('observed-serverPaybackMonths').spec)).not.toContain('domainMax');
    expect(byName('observed-serverPaybackMonths').caption).toContain('In every month every run pays back.');
    const chart = paybackChart((b) => {
      // From P95 up, 3 of the 40 runs at least, and at most 4 (P90 is a number of months).
      b.summary.metrics.serverPaybackMonths.p95[10] = 1200;
      b.summary.metrics.serverPaybackMonths.max[10] = 1200;
    });
    const bands = chart.table.rows.filter((r) => r.kind === 'band');
    expect(bands[10].p95).toBeNull();
    expect(bands.every((r) => r.p95 === null || Number(r.p95) < 240)).toBe(true);
    const never = chart.table.rows.filter((r) => r.kind === 'never');
    expect(never).toHaveLength(MONTHS.length);
    expect(never[10]).toEqual({ kind: 'never', series: 'never pays back', month: '2023-11', low: 3 / 40, high: 4 / 40 });
    expect(never.filter((r) => r.high !== 0)).toHaveLength(1);
    // Not a value on the months axis: no cut is needed, and the strip says what it holds.
    expect(JSON.stringify(chart.spec)).not.toContain('domainMax');
    expect(chart.caption).toContain('at least 7.5 % and at most 10.0 % in 2023-11');
    const { svg, warnings } = await renderSvg(chart.spec);
    expect(warnings).toEqual([]);
    expect(svg).toContain('>never (share of runs)</text>');
    expect(svg).toContain('never pays back: up to 10.0 % of runs in a month');
  });

  it('cut the payback axis where months, not "never", would flatten the fan', () => {
    const chart = paybackChart((b) => {
      b.summary.metrics.serverPaybackMonths.p95[10] = 900;
    });
    expect(JSON.stringify(chart.spec)).toContain('"domainMax":240');
    expect(chart.table.rows.some((r) => r.kind === 'never')).toBe(false);
    expect(JSON.stringify(chart.spec)).toContain('axis cut at 240 months');
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

  it('gives the same bytes in any time zone for every chart, tooltips and events included', async () => {
    const batch = fixtureBatch();
    batch.scenario = fixtureScenario();
    const charts = reportCharts(batch, scoreObserved(parseObserved(OBSERVED, 'obs.csv', fixtureTarget()), batch.summary));
    const render = async (tz: string) => {
      process.env.TZ = tz;
      return Promise.all(charts.map(async (c) => (await renderSvg(c.spec)).svg));
    };
    const west = await render('America/Los_Angeles');
    const east = await render('Asia/Tokyo');
    charts.forEach((c, i) => expect(east[i], c.name).toBe(west[i]));
    // Tooltips (and the descriptions drawn from them) write months, not timestamps or local dates.
    for (const svg of west) expect(svg).not.toMatch(/aria-label="[^"]*((?<![.\d])1\d{12}(?!\d)|[A-Z][a-z]{2} \d{2}, \d{4})/);
  });
});

/** Every layer of a spec, however it is composed. */
function layersOf(spec: unknown): Record<string, unknown>[] {
  if (spec === null || typeof spec !== 'object') return [];
  const s = spec as Record<string, unknown>;
  const children = ['layer', 'vconcat', 'hconcat', 'concat'].flatMap((k) => (Array.isArray(s[k]) ? (s[k] as unknown[]) : []));
  return [...(s.mark === undefined ? [] : [s]), ...children.flatMap(layersOf), ...(s.spec === undefined ? [] : layersOf(s.spec))];
}

const markType = (layer: Record<string, unknown>): string => (typeof layer.mark === 'string' ? layer.mark : String((layer.mark as { type: string }).type));
const tooltipFields = (layer: Record<string, unknown>): string[] => {
  const tip = (layer.encoding as { tooltip?: { field: string }[] } | undefined)?.tooltip;
  return Array.isArray(tip) ? tip.map((t) => t.field) : [];
};

describe('the charts, read closely', () => {
  const withScenario = () => {
    const batch = fixtureBatch();
    batch.scenario = fixtureScenario();
    return batch;
  };
  const TIME_CHARTS = ['spot-rent', 'contract-rent', 'capacity-demand-served', 'utilisation-lead-time', 'margins', 'margins-by-archetype', 'lessors'];

  it('draw the contract rent against its own starting rent, not the spot rent’s', () => {
    const charts = reportCharts(fixtureBatch());
    const level = (name: string) => charts.find((c) => c.name === name)!.table.rows.filter((r) => r.kind === 'level');
    expect(level('spot-rent')).toEqual([{ kind: 'level', series: 'starting rent (median)', value: 22.8 }]);
    expect(level('contract-rent')).toEqual([{ kind: 'level', series: 'starting contract rent (median)', value: 18.3 }]);
    expect(charts.find((c) => c.name === 'contract-rent')!.caption).toContain("the contract index's own starting rent");
  });

  it('leave a gap, not a spike, where too few runs have a kind of lessor, and say so', async () => {
    const plain = reportCharts(fixtureBatch()).find((c) => c.name === 'margins-by-archetype')!;
    expect(plain.caption).toContain('at least 95 % of runs have an active lessor of that kind');
    expect(plain.caption).toContain('which this batch does not have');
    const batch = fixtureBatch();
    // More than 5 % of runs without a specialist from 2024-03 to 2024-06: P5 of the count is 0.
    for (const t of [14, 15, 16, 17]) batch.summary.metrics.activeLessorsSpecialist.p5[t] = 0;
    const chart = reportCharts(batch).find((c) => c.name === 'margins-by-archetype')!;
    const specialist = chart.table.rows.filter((r) => r.archetype === 'specialist');
    expect(specialist.filter((r) => r.p50 === null).map((r) => `${r.series} ${r.month}`)).toEqual(
      ['gross margin', 'net margin'].flatMap((series) => ['2024-03', '2024-04', '2024-05', '2024-06'].map((m) => `${series} ${m}`)),
    );
    expect(chart.table.rows.filter((r) => r.archetype !== 'specialist' && r.kind === 'band').every((r) => r.p50 !== null)).toBe(true);
    expect(chart.caption).toContain('specialist in 4 months between 2024-03 and 2024-06');
    const { svg, warnings } = await renderSvg(chart.spec);
    expect(warnings).toEqual([]);
    // The specialist's median lines break: each a path of two pieces.
    const lines = [...svg.matchAll(/<g class="mark-line role-mark[^"]*"[^>]*>([^]*?)<\/g>/g)].flatMap((g) => [...g[1].matchAll(/ d="([^"]+)"/g)].map((d) => d[1]));
    expect(lines.filter((d) => (d.match(/M/g) ?? []).length === 2)).toHaveLength(2);
  });

  it('list the scenario’s events in the horizon, after its first month, in order, one label per kind and month', () => {
    const events = scenarioEvents(fixtureScenario(), MONTHS);
    expect(events).toEqual([
      { month: '2023-03', label: 'H800 launch' },
      { month: '2023-07', label: 'export ban on A800, H800 announced' },
      { month: '2023-11', label: 'export ban on A800, H800 begins' },
      { month: '2024-01', label: 'policy build-out (H20) begins' },
      { month: '2024-03', label: 'H20 launch' },
      { month: '2024-06', label: 'demand regime set to squeeze' },
      { month: '2024-07', label: 'policy build-out (H20) ends' },
    ]);
    expect(scenarioEvents(undefined, MONTHS)).toEqual([]);
  });

  it('draw the events as numbered rules on every monthly time chart, and list them in the caption', async () => {
    const charts = reportCharts(withScenario());
    for (const name of TIME_CHARTS) {
      const c = charts.find((x) => x.name === name)!;
      const events = c.table.rows.filter((r) => r.kind === 'event');
      expect(
        events.map((r) => [r.value, r.month]),
        name,
      ).toEqual([
        [1, '2023-03'],
        [2, '2023-07'],
        [3, '2023-11'],
        [4, '2024-01'],
        [5, '2024-03'],
        [6, '2024-06'],
        [7, '2024-07'],
      ]);
      expect(c.caption, name).toContain('numbered at the top: 1 H800 launch (2023-03); 2 export ban on A800, H800 announced (2023-07);');
      const { svg, warnings } = await renderSvg(c.spec);
      expect(warnings, name).toEqual([]);
      // Each number is written once, however many panels the chart has.
      for (const n of [1, 4, 7]) expect(svg.split(`>${n}</text>`).length - 1, `${name} event ${n}`).toBe(2);
    }
    // Without a scenario, none: the chart is as it was.
    for (const name of TIME_CHARTS)
      expect(
        reportCharts(fixtureBatch())
          .find((x) => x.name === name)!
          .table.rows.some((r) => r.kind === 'event'),
      ).toBe(false);
  });

  it('keep event labels as data: in the tooltip and the CSV, never in the chart’s code', async () => {
    const batch = withScenario();
    const evil = '<img src=x onerror=window.__e=1>';
    batch.scenario!.generations[2].name = evil;
    const chart = reportCharts(batch).find((c) => c.name === 'spot-rent')!;
    expect(chart.table.rows.find((r) => r.kind === 'event' && r.month === '2023-03')!.series).toBe(`${evil} launch`);
    expect(tableCsv(chart.table)).toContain(evil);
    const { svg } = await renderSvg(chart.spec);
    expect(svg).not.toContain('<img');
    // Outside the rows, the spec holds no user text: its expressions are the report's own.
    const { data: _data, ...code } = chart.spec as Spec & { data: unknown };
    expect(JSON.stringify(code)).not.toContain('img');
  });

  it('give every mark that stands for values a tooltip with the month on the time charts, and none on a line (a line names one month only)', () => {
    const charts = reportCharts(withScenario(), scoreObserved(parseObserved(OBSERVED, 'obs.csv', fixtureTarget()), fixtureBatch().summary));
    for (const c of charts) {
      const layers = layersOf(c.spec);
      for (const l of layers) if (markType(l) === 'line') expect(tooltipFields(l), `${c.name}: a line with a tooltip`).toEqual([]);
      const fields = layers.flatMap(tooltipFields);
      const timeChart = layers.some((l) => (l.encoding as { x?: { type?: string } } | undefined)?.x?.type === 'temporal');
      expect(fields, c.name).toContain(timeChart ? 'month' : 'binStart');
    }
    // The stacked regime shares: one tooltip per month with all three.
    const regime = layersOf(charts.find((c) => c.name === 'regime-share')!.spec);
    expect(regime.flatMap(tooltipFields)).toEqual(['month', 'red ocean', 'transition', 'blue ocean']);
  });
});
