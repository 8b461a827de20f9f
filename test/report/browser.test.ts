/**
 * The report in a real browser: Debian's chromium driven by playwright-core, the page opened from
 * file:// in a time zone west of UTC. It must draw every chart with no console error and no request
 * besides the file itself, and no user string may run as code. .ci/run installs chromium.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baselineText, cli, edit, ROOT, tempDirForFile } from '../cli/helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const EVIL_NAME = '</script><script>window.__x=1</script>';
const EVIL_DESCRIPTION = '<b>not bold</b> <img src=x onerror=window.__z=1> & <script>window.__w=1</script>';
const EVIL_SOURCE = '<img src=x onerror=window.__y=1>';

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
  const problems: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`the browser tests need Debian's chromium at ${CHROMIUM}; install it with: apt-get install -y chromium`);
    }
    const scenario = join(tmp, 'evil.yaml');
    writeFileSync(scenario, evilScenario());
    const observed = join(tmp, 'observed.csv');
    writeFileSync(
      observed,
      `${readFileSync(join(ROOT, 'scenarios/observed/china-2023.csv'), 'utf8')}2024-03,netMargin,0.1,"${EVIL_SOURCE}"\n2024-03,spotRent,18,"${EVIL_SOURCE}"\n`,
    );
    const b = cli(['batch', scenario, '--set', 'end=2025-12', '--runs', '60', '--quiet', '--out', join(tmp, 'evil-batch')]);
    expect(b.status, b.stderr).toBe(0);
    const r = cli(['report', join(tmp, 'evil-batch'), '--out', report, '--observed', observed]);
    expect(r.status, r.stderr).toBe(0);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'America/Los_Angeles' });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (req) => requests.push(req.url()));
    await page.goto(url);
    await page.waitForSelector('html[data-charts]', { timeout: 20_000 });
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
    const counts = await page.$$eval('.chart-box', (boxes) =>
      boxes.map((box) => ({ id: box.id, marks: box.querySelectorAll('svg g.role-mark path, svg g.role-mark rect, svg g.role-mark line').length })),
    );
    const blocks = await page.$$eval('script[type="application/json"][data-chart]', (s) => s.length);
    expect(counts.length).toBe(blocks);
    expect(counts.length).toBeGreaterThanOrEqual(12);
    for (const c of counts) expect(c.marks, c.id).toBeGreaterThan(0);
  });

  it('runs none of the user strings, and shows them as text', async () => {
    // Page code as text: the tests are type-checked without the DOM library.
    const flags = await page.evaluate('[window.__x, window.__y, window.__z, window.__w]');
    expect(flags).toEqual([undefined, undefined, undefined, undefined]);
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

  it('looks like a report: a full-page screenshot of the expected size', async () => {
    const file = join(tmp, 'report.png');
    await page.screenshot({ path: file, fullPage: true });
    const { width, height } = pngSize(file);
    expect(width).toBe(1280);
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
