/**
 * The report in a real browser: Debian's chromium driven by playwright-core, the page opened from
 * file:// in a time zone west of UTC. It must draw every chart, those of a thesis and of a tornado
 * and a Sobol analysis among them, with no console error and no request besides the file itself,
 * and no user string may run as code; on a laptop (1280 px) and on a phone (390 px) it must not
 * scroll sideways, and on the phone the charts must be drawn to fit with their text at full size.
 * .ci/run installs chromium.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/index.js';
import { baselineText, cli, edit, ROOT, tempDirForFile } from '../cli/helpers.js';
import { LAPTOP, LAYOUT, openWatched, PHONE, type Layout, chartMarks } from './browserSupport.js';
import { fixtureCalibrationDoc, writeCalibrationFixture } from './calibrationFixture.js';

/**
 * Names (metrics, input paths, files) in the tables of the inputs, the run and the observed data
 * that break inside a word: a name may break only after its dots, underscores and slashes.
 */
const BROKEN_NAMES = `(() => {
  const broken = [];
  const names = document.querySelectorAll('.grid table code:not(.hash), table.observed code, table.points code');
  for (const code of names) {
    for (const node of code.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (lines.size > 1) broken.push(code.textContent);
    }
  }
  return { names: names.length, broken };
})()`;
const EVIL_NAME = '</script><script>window.__x=1</script>';
const EVIL_DESCRIPTION = '<b>not bold</b> <img src=x onerror=window.__z=1> & <script>window.__w=1</script>';
const EVIL_SOURCE = '<img src=x onerror=window.__y=1>';
const EVIL_THESIS = '<script>window.__s=1</script> thesis';
const EVIL_CLAIM = '</script><script>window.__t=1</script>';
const EVIL_EXPR = 'spotRent@2024-12 < 0.8 * spotRent@2023-06 <img src=x onerror=window.__u=1>';
const EVIL_INPUT = '<img src=x onerror=window.__v=1>';
/** The scenario's horizon for every command: the analyses must be of the batch's scenario. */
const END = ['--set', 'end=2024-12'];
/** The baseline's uncertain inputs. */
const K = Object.keys(loadScenario(join(ROOT, 'scenarios/baseline.yaml')).uncertain).length;

/**
 * Claims on the baseline's first two years; with 100 runs (seed 1) PRIM finds a box for the first,
 * on the volume of the grey channel that brings the H100s in.
 */
const THESIS = `name: ${JSON.stringify(EVIL_THESIS)}
claims:
  - name: h100s-leak-in
    description: ${JSON.stringify(EVIL_SOURCE)}
    expr: installed_H100@2024-12 > 2500
    require: 0.5
  - name: rent-up
    expr: spotRent@2024-06 > spotRent@2023-09
    require: 0.2
`;

/** The baseline with a hostile name and description. */
function evilScenario(): string {
  const text = baselineText();
  const start = text.indexOf('description: >-');
  const end = text.indexOf('currency:');
  const withDescription = `${text.slice(0, start)}description: ${JSON.stringify(EVIL_DESCRIPTION)}\n${text.slice(end)}`;
  return edit(withDescription, 'name: Baseline - China compute leasing, 2023-2030', `name: ${JSON.stringify(EVIL_NAME)}`);
}

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('the report in chromium', () => {
  const tmp = tempDirForFile('browser');
  const report = join(tmp, 'report');
  const url = pathToFileURL(join(report, 'index.html')).href;
  let browser: Browser | undefined;
  let page: Page;
  let problems: string[] = [];
  let requests: string[] = [];
  /** The verdict as `report` printed it, its bullets. */
  let reportVerdict = '';

  beforeAll(async () => {
    const scenario = join(tmp, 'evil.yaml');
    writeFileSync(scenario, evilScenario());
    const observed = join(tmp, 'observed.csv');
    writeFileSync(observed, `${readFileSync(join(ROOT, 'scenarios/observed/china-2023.csv'), 'utf8')}2024-03,netMargin,0.1,"${EVIL_SOURCE}"\n2024-03,spotRent,18,"${EVIL_SOURCE}"\n`);
    const b = cli(['batch', scenario, ...END, '--runs', '60', '--quiet', '--out', join(tmp, 'evil-batch')]);
    expect(b.status, b.stderr).toBe(0);
    const thesisFile = join(tmp, 'thesis.yaml');
    writeFileSync(thesisFile, THESIS);
    const t = cli(['thesis', scenario, thesisFile, ...END, '--runs', '100', '--quiet', '--out', join(tmp, 'thesis')]);
    expect(t.status, t.stderr).toBe(0);
    // A file edited by hand: the thesis command would refuse such a name or expression, the report must not trust that.
    const thesisJson = join(tmp, 'thesis', 'thesis.json');
    const doc = JSON.parse(readFileSync(thesisJson, 'utf8')) as { claims: { name: string; expr: string; conditions: { boxes: unknown[] } }[] };
    expect(doc.claims[0].conditions.boxes.length).toBeGreaterThan(0);
    Object.assign(doc.claims[0], { name: EVIL_CLAIM, expr: EVIL_EXPR });
    writeFileSync(thesisJson, JSON.stringify(doc));
    for (const [method, samples] of [
      ['tornado', '2'],
      ['sobol', '16'],
    ]) {
      const x = cli(['sensitivity', scenario, '--outcome', 'peakRent', '--method', method, '--samples', samples, ...END, '--quiet', '--out', join(tmp, method)]);
      expect(x.status, x.stderr).toBe(0);
    }
    // A calibration and a backtest made up (test/report/calibrationFixture.ts), one input's path hostile.
    const calibration = join(tmp, 'calibration');
    mkdirSync(calibration);
    const calibrationDoc = fixtureCalibrationDoc();
    calibrationDoc.inputs[1].path = EVIL_INPUT;
    writeCalibrationFixture(calibration, calibration, calibrationDoc);
    const r = cli([
      'report',
      join(tmp, 'evil-batch'),
      '--out',
      report,
      '--observed',
      observed,
      '--thesis',
      join(tmp, 'thesis'),
      '--sensitivity',
      join(tmp, 'tornado'),
      '--sensitivity',
      join(tmp, 'sobol'),
      '--calibration',
      calibration,
      '--backtest',
      calibration,
    ]);
    expect(r.status, r.stderr).toBe(0);
    reportVerdict = /^Verdict\n(( {2}- .*\n)+)/m.exec(r.stdout)![1];

    ({ browser, page, problems, requests } = await openWatched(url, LAPTOP));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('draws every chart, with no console error and no request but the file itself', async () => {
    expect(await page.getAttribute('html', 'data-charts')).toBe('done');
    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
  });

  it('puts marks in every chart container', async () => {
    const counts = await chartMarks(page);
    const blocks = await page.$$eval('script[type="application/json"][data-chart]', (s) => s.length);
    expect(counts.length).toBe(blocks);
    expect(counts.length).toBeGreaterThanOrEqual(15);
    for (const c of counts) expect(c.marks, c.id).toBeGreaterThan(0);
  });

  it('draws the theses, the PRIM trajectory, the tornado and the Sobol indices with their intervals', async () => {
    const marks = (name: string) => page.$$eval(`#chart-${name} svg g.role-mark`, (groups) => groups.reduce((n, g) => n + g.querySelectorAll('path, rect, line').length, 0));
    for (const name of ['thesis-1', 'prim-1-1', 'tornado-1', 'sobol-1']) expect(await marks(name), name).toBeGreaterThan(0);
    // One bar and one error bar per input (the baseline's K) and index, and the random stream's row.
    const sobol = await page.$$eval('#chart-sobol-1 [aria-roledescription]', (els) => els.map((el) => el.getAttribute('aria-roledescription')));
    expect(sobol.filter((r) => r === 'bar')).toHaveLength(2 * K + 1);
    expect(sobol.filter((r) => r === 'errorbar')).toHaveLength(2 * K + 1);
    expect(await page.textContent('#chart-sobol-1')).toContain('random stream alone');
    expect(await page.$$eval('#chart-tornado-1 [aria-roledescription="bar"]', (els) => els.length)).toBe(2 * K);
    for (const id of ['theses', 'scenario-discovery', 'sensitivity']) expect(await page.isVisible(`h2#${id}`), id).toBe(true);
    const shot = await page.locator('#figure-sobol-1').screenshot();
    expect(shot.readUInt32BE(16)).toBeGreaterThan(600);
  });

  it('draws the calibration’s marginals, pairs, tolerance path and predictive fans, and the backtest’s fan', async () => {
    const marks = (name: string) => page.$$eval(`#chart-${name} svg g.role-mark`, (groups) => groups.reduce((n, g) => n + g.querySelectorAll('path, rect, line').length, 0));
    for (const name of ['calibration-1-marginals', 'calibration-1-pairs', 'calibration-1-tolerance', 'calibration-1-fan-1', 'calibration-1-fan-2', 'backtest-1-2023-12-1']) {
      expect(await marks(name), name).toBeGreaterThan(0);
    }
    for (const id of ['calibration', 'backtest']) expect(await page.isVisible(`h2#${id}`), id).toBe(true);
    // Three panels of 50 particles.
    expect(await page.$$eval('#chart-calibration-1-pairs g.mark-symbol path', (p) => p.length)).toBe(150);
    expect(await page.textContent('#chart-calibration-1-marginals')).toContain(EVIL_INPUT);
    expect(await page.textContent('#chart-calibration-1-fan-1')).toContain('at least (▲)');
  });

  it('opens with the verdict, the very sentences the command printed, the thesis named as text', async () => {
    const items = await page.$$eval('ul.headlines li', (lis) => lis.map((li) => li.textContent));
    expect(items.map((t) => `  - ${t}\n`).join('')).toBe(reportVerdict);
    expect(items[0]).toMatch(/^The spot rent turns in \d{4}-\d\d .* — medians over runs of each run's peak month/);
    expect(items.find((t) => t?.startsWith('In thesis'))).toContain(`In thesis “${EVIL_THESIS}”, ${EVIL_CLAIM} `);
    // The verdict comes before every section, and the fit to observed data is not in it.
    const order = await page.evaluate<number[]>("['#verdict', 'nav.toc', '#inputs', '#rents', '#observed-data'].map((s) => document.querySelector(s).getBoundingClientRect().top)");
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(items.join(' ')).not.toMatch(/CRPS|Observed/);
  });

  it('links every section from its table of contents, and each link goes there', async () => {
    const links = await page.$$eval('nav.toc a', (as) => as.map((a) => a.getAttribute('href')));
    const headings = await page.$$eval('main h2[id]', (hs) => hs.map((h) => `#${h.id}`));
    expect(links).toEqual(['#inputs', ...headings.filter((h) => h !== '#verdict'), '#how-computed']);
    for (const id of ['#theses', '#sensitivity', '#calibration', '#observed-data']) expect(links).toContain(id);
    await page.click('nav.toc a[href="#theses"]');
    expect(new URL(page.url()).hash).toBe('#theses');
    const top = await page.evaluate<number>("document.querySelector('#theses').getBoundingClientRect().top");
    expect(Math.abs(top)).toBeLessThan(40);
    await page.evaluate('window.scrollTo(0, 0)');
  });

  it('runs none of the user strings, and shows them as text', async () => {
    // Page code as text: the tests are type-checked without the DOM library.
    const flags = await page.evaluate('[window.__x, window.__y, window.__z, window.__w, window.__s, window.__t, window.__u, window.__v]');
    expect(flags).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(await page.textContent('table.claims')).toContain(EVIL_CLAIM);
    expect(await page.textContent('table.claims')).toContain(EVIL_EXPR);
    expect(await page.textContent('table.claims')).toContain(EVIL_SOURCE);
    expect(await page.textContent('#theses + p + h3')).toBe(EVIL_THESIS);
    expect(await page.textContent('#chart-thesis-1')).toContain(EVIL_CLAIM);
    expect(await page.textContent('h1')).toBe(EVIL_NAME);
    expect(await page.textContent('.description')).toBe(EVIL_DESCRIPTION);
    expect(await page.textContent('table.points')).toContain(EVIL_SOURCE);
    expect(await page.title()).toContain(EVIL_NAME);
  });

  it('shows a source note in a tooltip as text, not markup', async () => {
    const point = page.locator('#chart-spot-rent g.mark-symbol path[aria-label*="source"]').last();
    await point.hover({ force: true });
    const tooltip = page.locator('#vg-tooltip-element');
    await tooltip.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await tooltip.textContent()).toContain(EVIL_SOURCE);
    expect(await page.evaluate('window.__y')).toBeUndefined();
  });

  it('dates the time axis by the month, whatever the time zone', async () => {
    const labels = await page.$$eval('#chart-spot-rent .role-axis-label text', (t) => t.map((x) => x.textContent));
    expect(labels).toContain('2023-01');
    expect(labels).not.toContain('2022-12');
  });

  it('fits a laptop screen: no sideways scroll, every chart at the size vega drew it', async () => {
    const layout = await page.evaluate<Layout>(LAYOUT);
    expect(layout.scrollWidth).toBeLessThanOrEqual(LAPTOP);
    for (const c of layout.charts) expect(c.scale, c.id).toBeGreaterThan(0.99);
  });

  it('reads on a 390 px phone: no sideways scroll, charts drawn to fit with legible text, wide tables scrolling in their own box', async () => {
    const { page: phone, problems: phoneProblems, requests: phoneRequests, close } = await openWatched(url, PHONE, 844, browser);
    expect(await phone.getAttribute('html', 'data-charts')).toBe('done');
    expect(phoneProblems).toEqual([]);
    expect(phoneRequests).toEqual([url]);
    const layout = await phone.evaluate<Layout>(LAYOUT);
    expect(layout.scrollWidth).toBeLessThanOrEqual(PHONE);
    for (const t of layout.tables) expect(t.right, t.text).toBeLessThanOrEqual(PHONE);
    // The observed points do not fit across a phone: they scroll, the page does not.
    expect(layout.tables.find((t) => t.text.startsWith('linedatemetric'))?.scrolls).toBe(true);
    for (const c of layout.charts) {
      // Drawn again narrower rather than shrunk: text stays at about its size (11 px axis labels), never ~6 px.
      expect(c.scale, c.id).toBeGreaterThan(0.75);
      expect(c.smallestText, c.id).toBeGreaterThanOrEqual(8);
    }
    const batchCharts = layout.charts.filter((c) => !/^chart-(thesis|prim|tornado|sobol|morris|calibration|backtest)-/.test(c.id));
    expect(batchCharts.length).toBeGreaterThanOrEqual(11);
    for (const c of batchCharts) expect(c.scale, c.id).toBeGreaterThan(0.95);
    // The contents wrap on the phone: every link inside the page, and one takes the reader to its section.
    const toc = await phone.$$eval('nav.toc a', (as) => as.map((a) => a.getBoundingClientRect().right));
    expect(toc.length).toBeGreaterThan(8);
    for (const right of toc) expect(right).toBeLessThanOrEqual(PHONE);
    await phone.click('nav.toc a[href="#observed-data"]');
    expect(Math.abs(await phone.evaluate<number>("document.querySelector('#observed-data').getBoundingClientRect().top"))).toBeLessThan(40);
    await phone.evaluate('window.scrollTo(0, 0)');
    const names = await phone.evaluate<{ names: number; broken: string[] }>(BROKEN_NAMES);
    expect(names.names).toBeGreaterThan(10);
    expect(names.broken).toEqual([]);
    // Turned to a wider screen, the charts are drawn at their full width again.
    await phone.setViewportSize({ width: LAPTOP, height: 900 });
    // Polled with evaluate: waitForFunction would need eval, which the page's policy forbids.
    const spotWidth = "Number(document.querySelector('#chart-spot-rent svg').getAttribute('width'))";
    for (let i = 0; i < 100 && (await phone.evaluate<number>(spotWidth)) <= 600; i++) await phone.waitForTimeout(200);
    expect(await phone.evaluate<number>(spotWidth)).toBeGreaterThan(600);
    const wide = await phone.evaluate<Layout>(LAYOUT);
    expect(wide.scrollWidth).toBeLessThanOrEqual(LAPTOP);
    expect(phoneProblems).toEqual([]);
    await close();
  });

  it('shows each month’s values on hover, where a chart stacks or bins them too', async () => {
    const tooltip = page.locator('#vg-tooltip-element');
    await page.locator('#chart-regime-share line[aria-label*="blue ocean"]').nth(12).hover({ force: true });
    await tooltip.waitFor({ state: 'visible', timeout: 5_000 });
    const regime = (await tooltip.textContent()) ?? '';
    for (const word of ['month', 'red ocean', 'transition', 'blue ocean']) expect(regime).toContain(word);
    // The month as the axis writes it, not the timestamp vega parsed it into.
    expect(regime).toMatch(/month\s*2024-01/);
    await page.locator('#chart-red-onset g.mark-rect path, #chart-red-onset g.mark-rect rect').last().hover({ force: true });
    await tooltip.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await tooltip.textContent()).toContain('never turn red');
    await page.mouse.move(0, 0);
  });

  it('looks like a report: a full-page screenshot of the expected size', async () => {
    const file = join(tmp, 'report.png');
    await page.screenshot({ path: file, fullPage: true });
    const { width, height } = pngSize(file);
    expect(width).toBe(LAPTOP);
    expect(height).toBeGreaterThan(5000);
    expect(statSync(file).size).toBeGreaterThan(200_000);
  });

  it('prints without shadows and in black', async () => {
    await page.emulateMedia({ media: 'print' });
    const style = await page.evaluate("({ shadow: getComputedStyle(document.querySelector('main')).boxShadow, colour: getComputedStyle(document.body).color })");
    expect(style).toEqual({ shadow: 'none', colour: 'rgb(0, 0, 0)' });
    await page.emulateMedia({ media: 'screen' });
  });
});
