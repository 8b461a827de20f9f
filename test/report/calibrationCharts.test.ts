import { beforeAll, describe, expect, it } from 'vitest';
import { parseObserved } from '../../src/observed/readObserved.js';
import { calibrationCharts, calibrationViews } from '../../src/report/calibrationCharts.js';
import { marginalBins } from '../../src/report/calibrationCharts/marginals.js';
import { mostCorrelatedPairs } from '../../src/report/calibrationCharts/pairs.js';
import { calibrationSections } from '../../src/report/calibrationHtml.js';
import { observedRows } from '../../src/report/chartData.js';
import { tableCsv } from '../../src/report/chartTable.js';
import { jsonForScript } from '../../src/report/escapeHtml.js';
import { scoreObserved } from '../../src/observed/scores.js';
import type { Distribution } from '../../src/montecarlo/sampling/distributions.js';
import { expectCleanCharts, renderedCharts } from './chartChecks.js';
import { CAL_INPUTS, fixtureBacktest, fixtureBacktestDoc, fixtureCalibration, fixtureCalibrationDoc } from './calibrationFixture.js';
import { fixtureSummary, fixtureTarget } from './fixture.js';

const EVIL = '</script><script>window.__c=1</script>';
/** How many marks of a kind a rendered chart draws, by the role vega describes them with. */
const drawn = (svg: string, role: string) => svg.split(`aria-roledescription="${role}"`).length - 1;

describe('the prior’s and the posterior’s bins', () => {
  const priors: Distribution[] = [
    { dist: 'lognormal', median: 1, sigma: 0.3 },
    { dist: 'uniform', min: 0.3, max: 1 },
    { dist: 'triangular', min: 8, mode: 15, max: 30 },
    { dist: 'normal', mean: 0.5, sd: 0.3, min: 0 },
    { dist: 'logUniform', min: 0.1, max: 10 },
    { dist: 'beta', alpha: 2, beta: 5, min: 0, max: 1 },
    { dist: 'choice', values: [1, 2, 5], weights: [0.2, 0.5, 0.3] },
  ];
  for (const prior of priors) {
    it(`hold masses that sum to 1, with every particle in a bin: ${prior.dist}`, () => {
      const xs = [0.5, 0.9, 1, 1.2, 2];
      const bins = marginalBins(prior, xs, [1, 2, 3, 2, 1]);
      expect(bins).toHaveLength(20);
      expect(bins.reduce((a, b) => a + b.prior, 0)).toBeCloseTo(1, 9);
      expect(bins.reduce((a, b) => a + b.posterior, 0)).toBeCloseTo(1, 12);
      expect(bins[0].binStart).toBeLessThanOrEqual(Math.min(...xs));
      expect(bins[19].binEnd).toBeGreaterThanOrEqual(Math.max(...xs));
      for (let i = 1; i < bins.length; i++) expect(bins[i].binStart).toBeCloseTo(bins[i - 1].binEnd, 12);
    });
  }

  it('put the prior’s mass where its density is: a uniform prior alike in every bin, the weights in the particle’s bin', () => {
    const bins = marginalBins({ dist: 'uniform', min: 0, max: 1 }, [0.125, 0.875], [3, 1], 4);
    expect(bins.map((b) => b.prior)).toEqual([0.25, 0.25, 0.25, 0.25].map((v) => expect.closeTo(v, 12)));
    expect(bins.map((b) => b.posterior)).toEqual([0.75, 0, 0, 0.25]);
    // No randomness: the same bins every time.
    expect(marginalBins({ dist: 'lognormal', median: 1, sigma: 0.5 }, [1], [1])).toEqual(marginalBins({ dist: 'lognormal', median: 1, sigma: 0.5 }, [1], [1]));
  });
});

describe('the most correlated inputs', () => {
  // Columns a, b, c, d: d = −2·b exactly; c follows a loosely; a and b are unrelated.
  const rows = Array.from({ length: 40 }, (_, k) => {
    const a = Math.sin(k * 1.7);
    const b = Math.cos(k * 0.9);
    return [a, b, a + 0.8 * Math.sin(k * 5.3), -2 * b];
  });
  const table = { paths: ['a', 'b', 'c', 'd'], rows, weights: rows.map(() => 1) };

  it('are the pair with the largest |r| first, a negative correlation counting as much as a positive one', () => {
    const pairs = mostCorrelatedPairs(table);
    expect(pairs).toHaveLength(3);
    expect([pairs[0].i, pairs[0].j]).toEqual([1, 3]);
    expect(pairs[0].r).toBeCloseTo(-1, 12);
    expect([pairs[1].i, pairs[1].j]).toEqual([0, 2]);
    expect(Math.abs(pairs[1].r)).toBeGreaterThan(Math.abs(pairs[2].r));
  });

  it('weigh the particles: a correlation carried by weightless particles does not count', () => {
    // Rows 0–19: x and y unrelated; rows 20–39: y = x, but with no weight.
    const mixed = Array.from({ length: 40 }, (_, k) => (k < 20 ? [Math.sin(k * 1.7), Math.cos(k * 2.3), Math.sin(k * 0.7)] : [k, k, 0.5 * Math.sin(k * 0.7)]));
    const weights = mixed.map((_, k) => (k < 20 ? 1 : 0));
    const t = { paths: ['x', 'y', 'z'], rows: mixed, weights };
    const top = mostCorrelatedPairs(t, 1)[0];
    expect([top.i, top.j]).not.toEqual([0, 1]);
    expect(mostCorrelatedPairs({ ...t, weights: mixed.map(() => 1) }, 1)[0]).toMatchObject({ i: 0, j: 1 });
  });

  it('leave out an input that does not vary, and are fewer when there are fewer pairs', () => {
    const flat = { paths: ['a', 'b'], rows: rows.map((r) => [r[0], 3]), weights: rows.map(() => 1) };
    expect(mostCorrelatedPairs(flat)).toEqual([]);
    expect(mostCorrelatedPairs({ paths: ['a', 'b'], rows: rows.map((r) => [r[0], r[2]]), weights: rows.map(() => 1) })).toHaveLength(1);
  });
});

describe('observed data on the batch fans', () => {
  it('are rows of what was observed: a point with its value, an interval with low and high, a bound with its one end', () => {
    const text = [
      'date,region,gpu,metric,kind,value,low,high,unit,source',
      '2023-04,CN,all,gross_margin,lessor,0.3,,,share of revenue,a point',
      '2023-05,CN,all,gross_margin,lessor,,0.2,0.26,share of revenue,a range',
      '2023-06,CN,all,gross_margin,lessor,,0.28,,share of revenue,at least',
      '2023-07,CN,all,gross_margin,lessor,,,0.4,share of revenue,at most',
    ].join('\n');
    const scores = scoreObserved(parseObserved(text, 'obs.csv', fixtureTarget()), fixtureSummary());
    const rows = observedRows(scores.metrics[0]);
    expect(rows.map((r) => [r.kind, r.month, r.value, r.low, r.high, r.source])).toEqual([
      ['observed', '2023-04', 0.3, null, null, 'a point'],
      ['range', '2023-05', null, 0.2, 0.26, 'a range'],
      ['at least', '2023-06', null, 0.28, null, 'at least'],
      ['at most', '2023-07', null, null, 0.4, 'at most'],
    ]);
  });
});

describe('the calibration and backtest charts', () => {
  const views = calibrationViews([fixtureCalibration()], [fixtureBacktest()]);
  const charts = calibrationCharts(views);
  const { byName, svgs, render } = renderedCharts(charts);

  beforeAll(render);

  it('are, per calibration, the marginals, the pairs, the tolerance path and a fan per observed metric; per backtest a fan per cutoff and metric', () => {
    expect(charts.map((c) => c.name)).toEqual(['calibration-1-marginals', 'calibration-1-pairs', 'calibration-1-tolerance', 'calibration-1-fan-1', 'calibration-1-fan-2', 'backtest-1-2023-12-1']);
    expect(charts.map((c) => c.section)).toEqual(['Calibration', 'Calibration', 'Calibration', 'Calibration', 'Calibration', 'Backtest']);
    expect(views.calibrations[0].notes).toEqual([]);
    expect(views.backtests[0].notes).toEqual([]);
  });

  it('each compile as vega-lite without a warning and render an SVG with marks', () => {
    expectCleanCharts(charts, svgs);
  });

  it('draw a panel per input, the prior’s bins summing to 1 in each', () => {
    const rows = byName('calibration-1-marginals').table.rows;
    for (const path of CAL_INPUTS) {
      const mine = rows.filter((r) => r.input === path);
      expect(mine).toHaveLength(20);
      expect(mine.reduce((a, r) => a + Number(r.prior), 0)).toBeCloseTo(1, 9);
      expect(mine.reduce((a, r) => a + Number(r.posterior), 0)).toBeCloseTo(1, 9);
    }
    const svg = svgs.get('calibration-1-marginals')!.svg;
    for (const path of CAL_INPUTS) expect(svg).toContain(path);
    expect(tableCsv(byName('calibration-1-marginals').table).split('\n')[0]).toBe('input,order,binStart,binEnd,binMid,prior,posterior');
  });

  it('put the fixture’s correlated inputs in the first pair panel, each particle sized by its weight', () => {
    const rows = byName('calibration-1-pairs').table.rows;
    const first = rows.filter((r) => r.order === 0);
    expect(first).toHaveLength(50);
    expect([first[0].a, first[0].b]).toEqual([CAL_INPUTS[0], CAL_INPUTS[2]]);
    expect(Number(first[0].r)).toBeGreaterThan(0.9);
    expect(new Set(rows.map((r) => r.order))).toEqual(new Set([0, 1, 2]));
    expect(drawn(svgs.get('calibration-1-pairs')!.svg, 'point')).toBe(150);
  });

  it('draw the tolerance from generation 1, and the acceptance rate and ESS share from generation 0', () => {
    const rows = byName('calibration-1-tolerance').table.rows;
    expect(rows.filter((r) => r.kind === 'tolerance').map((r) => [r.generation, r.value])).toEqual([
      [1, 2.4],
      [2, 1.1],
    ]);
    expect(rows.filter((r) => r.series === 'acceptance rate').map((r) => r.value)).toEqual([1, 0.4545, 0.1724]);
    expect(rows.filter((r) => r.series === 'ESS / particles').map((r) => r.value)).toEqual([1, 31.2 / 50, 27.5 / 50]);
  });

  it('draw the predictive fan with each point as what it is: a diamond, a bar with caps, a triangle up and a triangle down', () => {
    const table = byName('calibration-1-fan-1').table;
    const observed = table.rows.filter((r) => r.kind !== 'band');
    expect(observed.map((r) => [r.kind, r.value, r.low, r.high])).toEqual([
      ['observed', 30, null, null],
      ['range', null, 20, 26],
      ['at least', null, 28, null],
      ['at most', null, null, 40],
    ]);
    expect(table.rows.filter((r) => r.kind === 'band')).toHaveLength(18);
    expect(tableCsv(table).split('\n')[0]).toBe('kind,series,month,p5,p25,p50,p75,p95,value,low,high,source');
    const svg = svgs.get('calibration-1-fan-1')!.svg;
    for (const label of ['P5–P95', 'observed', 'observed range', 'at least (▲)', 'at most (▼)']) expect(svg).toContain(`>${label}</text>`);
    // The range's bar, its two caps, the two bounds and the point.
    expect(drawn(svg, 'rule mark')).toBe(1);
    expect(drawn(svg, 'point')).toBeGreaterThanOrEqual(5);
    expect(svg).toContain('>spot rent H100 (CNY per H100-hour)</text>');
    // The second metric has one point, a share.
    expect(byName('calibration-1-fan-2').table.rows.filter((r) => r.kind === 'observed')).toHaveLength(1);
  });

  it('draw a backtest fan with the cutoff as a rule, the prior’s median dashed and the later points', () => {
    const rows = byName('backtest-1-2023-12-1').table.rows;
    expect(rows.filter((r) => r.kind === 'cutoff').map((r) => [r.series, r.month])).toEqual([['cutoff 2023-12', '2023-12']]);
    expect(rows.filter((r) => r.kind === 'reference' && r.series === 'prior median')).toHaveLength(18);
    // The posterior's points once each, not once per forecast.
    expect(rows.filter((r) => r.kind === 'at least' || r.kind === 'at most').map((r) => [r.kind, r.low, r.high])).toEqual([
      ['at least', 28, null],
      ['at most', null, 40],
    ]);
    const svg = svgs.get('backtest-1-2023-12-1')!.svg;
    expect(svg).toContain('>cutoff 2023-12</text>');
    expect(svg).toContain('>prior median</text>');
    expect(byName('backtest-1-2023-12-1').spec).toMatchObject({ title: { subtitle: '2 later points: 2 inside the posterior’s P5–P95, 1 inside the prior’s' } });
  });

  it('are placed in the calibration and backtest sections, each with its SVG and CSV links', () => {
    const html = calibrationSections(views);
    for (const c of charts) {
      expect(html).toContain(`id="chart-${c.name}"`);
      expect(html).toContain(`href="charts/${c.name}.svg"`);
      expect(html).toContain(`href="data/${c.name}.csv"`);
    }
  });
});

describe('the calibration charts of older or partial files', () => {
  it('leave out what the files lack, and say why', () => {
    const old = fixtureCalibrationDoc();
    delete old.predictive;
    const oldBacktest = fixtureBacktestDoc();
    delete oldBacktest.priorSeries;
    delete oldBacktest.cutoffs[0].posteriorSeries;
    const views = calibrationViews([fixtureCalibration(old, false)], [fixtureBacktest(oldBacktest)]);
    expect(calibrationCharts(views).map((c) => c.name)).toEqual(['calibration-1-tolerance']);
    expect(views.calibrations[0].notes.join(' ')).toContain('no posterior.csv');
    expect(views.calibrations[0].notes.join(' ')).toContain('no posterior predictive bands');
    expect(views.backtests[0].notes.join(' ')).toContain('no forecast bands');
    const html = calibrationSections(views);
    expect(html).toContain('run gpu-market calibrate again');
    expect(html).toContain('run gpu-market backtest again');
  });

  it('draw no pair plot of a single input', () => {
    const one = fixtureCalibrationDoc();
    one.inputs = one.inputs.slice(0, 1);
    const views = calibrationViews([fixtureCalibration(one)], []);
    expect(calibrationCharts(views).map((c) => c.name)).not.toContain('calibration-1-pairs');
    expect(views.calibrations[0].notes).toEqual(['One input was calibrated: there is no pair to plot.']);
  });
});

describe('strings from calibration files in the charts', () => {
  const doc = fixtureCalibrationDoc();
  doc.inputs[0].path = EVIL;
  doc.predictive!.series[0].metric = EVIL;
  doc.predictive!.currency = EVIL;
  doc.points.forEach((p) => (p.metric = p.metric === 'grossMargin' ? p.metric : EVIL));
  const backtest = fixtureBacktestDoc();
  backtest.cutoffs[0].posteriorSeries![0].metric = EVIL;
  backtest.priorSeries![0].metric = EVIL;
  backtest.cutoffs[0].points.forEach((p) => ((p.metric = EVIL), (p.observed = EVIL)));
  const charts = calibrationCharts(calibrationViews([fixtureCalibration(doc)], [{ file: 'x', doc: backtest }]));
  const { svgs, render } = renderedCharts(charts);

  beforeAll(render);

  it('reach vega only as data: no title or axis title holds them, and the page’s JSON escapes them', () => {
    expect(charts.map((c) => c.name)).toEqual(['calibration-1-marginals', 'calibration-1-pairs', 'calibration-1-tolerance', 'calibration-1-fan-1', 'calibration-1-fan-2', 'backtest-1-2023-12-1']);
    for (const c of charts) {
      const { data, ...rest } = c.spec as { data?: unknown };
      expect(JSON.stringify(rest), c.name).not.toContain('window.__c');
      expect(jsonForScript(c.spec)).not.toContain('</script>');
      // Where a chart shows the hostile path or metric, it is in its data.
      if (!/tolerance|fan-2/.test(c.name)) expect(JSON.stringify(data), c.name).toContain('window.__c');
    }
    expect(charts[3].spec).toMatchObject({ title: { text: 'Posterior predictive: an observed metric' } });
    expect(charts[5].spec).toMatchObject({ title: { text: 'Forecast from 2023-12: a scored metric' } });
  });

  it('are text in the SVG files, never markup', () => {
    expectCleanCharts(charts, svgs);
    for (const [name, { svg }] of svgs) expect(svg, name).not.toContain('<script');
  });
});
