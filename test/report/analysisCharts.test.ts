import { beforeAll, describe, expect, it } from 'vitest';
import { analysisCharts, analysisViews } from '../../src/report/analysisCharts.js';
import { tableCsv } from '../../src/report/chartTable.js';
import { renderSvg } from '../../src/report/renderSvg.js';
import { fixtureMorris, fixtureSobol, fixtureThesis, fixtureTornado, INPUTS, sensitivityInput, thesisInput } from './analysisFixture.js';
import { expectCleanCharts, marks, renderedCharts } from './chartChecks.js';

/** The marks a rendered chart draws, by vega mark type. */
/** How many marks of a kind a rendered chart draws, by the role vega describes them with ("bar", "tick", "rule mark", "errorbar", "point"). */
const drawn = (svg: string, role: string) => svg.split(`aria-roledescription="${role}"`).length - 1;

const EVIL_CLAIM = '</script><script>window.__t=1</script>';

describe('the analysis charts', () => {
  const views = analysisViews([thesisInput()], [sensitivityInput(fixtureTornado()), sensitivityInput(fixtureSobol()), sensitivityInput(fixtureMorris()), sensitivityInput(fixtureTornado())]);
  const charts = analysisCharts(views);
  const { byName, svgs, render } = renderedCharts(charts);

  beforeAll(render);

  it('are one per thesis, one per claim with a PRIM box, and one per sensitivity file, numbered per method', () => {
    expect(charts.map((c) => c.name)).toEqual(['thesis-1', 'prim-1-1', 'tornado-1', 'sobol-1', 'morris-1', 'tornado-2']);
    expect(views.theses[0].trajectories.map((c) => c?.name)).toEqual(['prim-1-1', undefined, undefined]);
    expect(charts.map((c) => c.section)).toEqual(['Theses', 'Scenario discovery', 'Sensitivity', 'Sensitivity', 'Sensitivity', 'Sensitivity']);
  });

  it('each compile as vega-lite without a warning and render an SVG with marks', () => {
    expectCleanCharts(charts, svgs);
  });

  it('draw each claim: its probability, its 95 % interval and its required probability', () => {
    const svg = svgs.get('thesis-1')!.svg;
    expect(drawn(svg, 'rule mark')).toBe(3);
    expect(drawn(svg, 'tick')).toBe(3);
    expect(drawn(svg, 'point')).toBe(3);
    for (const name of ['rent-halves', 'early-red', 'irr-over-15']) expect(svg).toContain(`>${name}</text>`);
    expect(svg).toContain('fill="#2b8a3e"');
    expect(svg).toContain('fill="#b2182b"');
    expect(tableCsv(byName('thesis-1').table).split('\n')[1]).toBe('rent-halves,0,0.65,0.581,0.713,0.5,holds,130,200');
  });

  it('draw a tornado: two bars per input from the base value, and the base as a rule', () => {
    const svg = svgs.get('tornado-1')!.svg;
    expect(drawn(svg, 'bar')).toBe(6);
    expect(drawn(svg, 'rule mark')).toBe(1);
    for (const label of ['input at P10', 'input at P90', ...INPUTS]) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain('>peakRent (CNY per reference-GPU-hour)</text>');
    const rows = byName('tornado-1').table.rows;
    expect(rows.filter((r) => r.kind === 'bar').map((r) => [r.input, r.side, r.value, r.change])[0]).toEqual([INPUTS[0], 'input at P10', 34, 4]);
  });

  it('draw Sobol indices as bars with their intervals as error bars, and the random stream’s share', () => {
    const svg = svgs.get('sobol-1')!.svg;
    // Three inputs by two indices, plus the stream row; an interval for each, and the zero line.
    expect(drawn(svg, 'bar')).toBe(7);
    expect(drawn(svg, 'errorbar')).toBe(7);
    expect(drawn(svg, 'rule mark')).toBe(1);
    for (const label of ['first order S1', 'total ST', 'random stream alone', ...INPUTS]) expect(svg).toContain(`>${label}</text>`);
    const csv = tableCsv(byName('sobol-1').table).split('\n');
    expect(csv[0]).toBe('input,order,index,series,value,low,high');
    expect(csv).toContain('vendor.outputScale,0,first order S1,first order S1,0.5,0.38,0.61');
    expect(csv).toContain('random stream alone,3,first order S1,random stream alone,0.12,0.05,0.2');
    // The axis reaches below 0 for the interval that does, and shows 0.
    expect(JSON.stringify(byName('sobol-1').spec)).toContain('"domain":[-0.1,0.8]');
    expect(svg).toContain('>0%</text>');
  });

  it('draw Morris μ* and σ side by side for each input', () => {
    const svg = svgs.get('morris-1')!.svg;
    expect(drawn(svg, 'bar')).toBe(6);
    expect(svg).toContain('>μ* mean absolute effect</text>');
    expect(svg).toContain('>σ spread of the effects</text>');
  });

  it('draw the peeling trajectory, the selected step and the box', () => {
    const svg = svgs.get('prim-1-1')!.svg;
    expect(marks(svg)).toEqual(expect.arrayContaining(['line', 'symbol']));
    expect(svg).toContain('>box 1</text>');
    const rows = byName('prim-1-1').table.rows;
    expect(rows.filter((r) => r.kind === 'step')).toHaveLength(5);
    expect(rows.filter((r) => r.selected === 1).map((r) => r.step)).toEqual([3]);
    expect(rows.find((r) => r.kind === 'box')).toMatchObject({ coverage: 0.8, density: 0.945, restricted: 'vendor.outputScale market.hype.halfLifeMonths' });
  });

  it('keep strings from the files out of titles: they travel as data, which vega writes as text', async () => {
    const thesis = fixtureThesis();
    thesis.claims[0].name = EVIL_CLAIM;
    const tornado = fixtureTornado();
    tornado.outcome.name = '<img src=x onerror=window.__u=1>';
    tornado.outcome.unit = '<b>CNY</b>';
    tornado.tornado!.bars[0].path = '<i>input</i>';
    const evil = analysisCharts(analysisViews([thesisInput(thesis)], [sensitivityInput(tornado)]));
    for (const c of evil) {
      const titles = JSON.stringify([(c.spec as { title?: unknown }).title, JSON.stringify(c.spec).match(/"title":"[^"]*"/g)]);
      expect(titles, c.name).not.toMatch(/[<>]/);
      const { svg, warnings } = await renderSvg(c.spec);
      expect(warnings).toEqual([]);
      expect(svg).not.toMatch(/<(script|img|i|b)\b/);
    }
    const svg = (await renderSvg(evil.find((c) => c.name === 'thesis-1')!.spec)).svg;
    expect(svg).toContain('&lt;/script&gt;&lt;script&gt;window.__t=1');
    const tornadoSpec = JSON.stringify(evil.find((c) => c.name === 'tornado-1')!.spec);
    expect(tornadoSpec).toContain('"text":"Tornado: the outcome with each input at its P10 and its P90"');
    expect(tornadoSpec).toContain('"subtitle":"the outcome: base 30');
    expect(tornadoSpec).toContain('"title":"the outcome"');
  });

  it('draw an analysis with missing values: no run had a value for the base or an index', async () => {
    const sobol = fixtureSobol();
    sobol.sobol!.indices[2] = { path: INPUTS[2], firstOrder: null, firstOrderLow: null, firstOrderHigh: null, total: null, totalLow: null, totalHigh: null };
    sobol.sobol!.stream = null;
    const tornado = fixtureTornado();
    tornado.tornado!.base.value = null;
    for (const c of analysisCharts(analysisViews([], [sensitivityInput(sobol), sensitivityInput(tornado)]))) {
      const { svg, warnings } = await renderSvg(c.spec);
      expect(warnings, c.name).toEqual([]);
      expect(marks(svg).length, c.name).toBeGreaterThan(0);
    }
  });
});
