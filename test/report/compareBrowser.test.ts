/**
 * The comparison page in a real browser (browserSupport.ts): three batches, one of a scenario with
 * a hostile name, one of another seed. Every chart drawn, no console error, no request besides the
 * file itself, no user string run as code, tooltips with the month as YYYY-MM, and no sideways
 * scroll on a laptop (1280 px) or a phone (390 px), where the charts are drawn to fit.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ROOT, tempDirForFile } from '../cli/helpers.js';
import { LAPTOP, LAYOUT, openWatched, PHONE, type Layout, chartMarks } from './browserSupport.js';

const EVIL_NAME = '</script><script>window.__x=1</script><img src=x onerror=window.__y=1>';
const SMALL = ['--set', 'end=2025-12', '--runs', '24', '--workers', '2', '--quiet'];

describe('the comparison page in chromium', () => {
  const tmp = tempDirForFile('compare-browser');
  const out = join(tmp, 'compare');
  const url = pathToFileURL(join(out, 'compare.html')).href;
  let browser: Browser | undefined;
  let page: Page;
  let problems: string[] = [];
  let requests: string[] = [];

  beforeAll(async () => {
    const evil = join(tmp, 'evil.yaml');
    writeFileSync(evil, `extends: ${join(ROOT, 'scenarios/baseline.yaml')}\nname: ${JSON.stringify(EVIL_NAME)}\n`);
    for (const [scenario, folder, extra] of [
      ['scenarios/baseline.yaml', 'baseline-batch', []],
      [evil, 'evil-batch', []],
      ['scenarios/baseline.yaml', 'seed2-batch', ['--seed', '2']],
    ] as const) {
      const r = cli(['batch', scenario, ...SMALL, ...extra, '--out', join(tmp, folder)]);
      expect(r.status, r.stderr).toBe(0);
    }
    const r = cli(['compare', join(tmp, 'baseline-batch'), join(tmp, 'evil-batch'), join(tmp, 'seed2-batch'), '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    ({ browser, page, problems, requests } = await openWatched(url, LAPTOP));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('draws every chart, with no console error and no request but the file itself', async () => {
    expect(await page.getAttribute('html', 'data-charts')).toBe('done');
    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
    const counts = await chartMarks(page);
    expect(counts.length).toBeGreaterThanOrEqual(14);
    for (const c of counts) expect(c.marks, c.id).toBeGreaterThan(0);
  });

  it('runs none of the user strings, and shows them as text', async () => {
    expect(await page.evaluate('[window.__x, window.__y]')).toEqual([undefined, undefined]);
    expect(await page.textContent('h1')).toContain(EVIL_NAME);
    expect(await page.textContent('table.batches')).toContain(EVIL_NAME);
    expect(await page.title()).toContain(EVIL_NAME);
    // In the legends, as SVG text (cut short to fit, as every long name is).
    expect(await page.textContent('#chart-spot-rent')).toContain('B · </script><script>');
  });

  it('says which batches are paired run by run and which are not', async () => {
    const pairings = await page.$$eval('p.pairing strong', (s) => s.map((x) => x.textContent));
    expect(pairings).toEqual(['Paired run by run.', 'Unpaired.']);
    expect(await page.textContent('#differences ~ p.pairing.unpaired')).toContain('Different seeds (1 and 2)');
  });

  it('shows the month as YYYY-MM and the batch on hover', async () => {
    const tooltip = page.locator('#vg-tooltip-element');
    await page.locator('#chart-spot-rent g.mark-symbol path').nth(30).hover({ force: true });
    await tooltip.waitFor({ state: 'visible', timeout: 5_000 });
    const text = (await tooltip.textContent()) ?? '';
    expect(text).toMatch(/month\s*20\d\d-\d\d/);
    expect(text).toMatch(/series\s*[ABC] · /);
    await page.mouse.move(0, 0);
  });

  it('fits a laptop screen: no sideways scroll, every chart at the size vega drew it', async () => {
    const layout = await page.evaluate<Layout>(LAYOUT);
    expect(layout.scrollWidth).toBeLessThanOrEqual(LAPTOP);
    for (const t of layout.tables) expect(t.right, t.text).toBeLessThanOrEqual(LAPTOP);
    for (const c of layout.charts) expect(c.scale, c.id).toBeGreaterThan(0.99);
  });

  it('reads on a 390 px phone: no sideways scroll, charts drawn to fit with legible text, tables scrolling in their own box', async () => {
    const phone = await openWatched(url, PHONE, 844, browser);
    expect(await phone.page.getAttribute('html', 'data-charts')).toBe('done');
    expect(phone.problems).toEqual([]);
    expect(phone.requests).toEqual([url]);
    const layout = await phone.page.evaluate<Layout>(LAYOUT);
    expect(layout.scrollWidth).toBeLessThanOrEqual(PHONE);
    for (const t of layout.tables) expect(t.right, t.text).toBeLessThanOrEqual(PHONE);
    expect(layout.tables.find((t) => t.text.startsWith('outcome'))?.scrolls).toBe(true);
    for (const c of layout.charts) {
      expect(c.scale, c.id).toBeGreaterThan(0.95);
      expect(c.smallestText, c.id).toBeGreaterThanOrEqual(8);
    }
    await phone.close();
  });
});
