/**
 * The report in H100 prices, read as an investor reads it, in chromium (browserSupport.ts): on a
 * laptop's first screen (1280 × 900) the answer to "does the 1,000-GPU entrant of late 2023 clear
 * its 15 % hurdle, and how sure is that?", in the very words `batch` printed and with the number
 * of summary.json, and the rents per H100-hour; on a 390 px phone no sideways scroll.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchSummary } from '../../src/report/batchData.js';
import { cli, ROOT, tempDirForFile } from '../cli/helpers.js';
import { LAPTOP, LAYOUT, openWatched, PHONE, type Layout, type OpenedPage } from './browserSupport.js';

/** The verdict's sentences on the first screen, and the unit note, with where each ends. */
const FIRST_SCREEN = `(() => [...document.querySelectorAll('ul.headlines li, .unit-note')].map((el) => ({ text: el.textContent, bottom: el.getBoundingClientRect().bottom })))()`;

describe('the report in H100 prices, in chromium', () => {
  const tmp = tempDirForFile('unit-browser');
  const url = pathToFileURL(join(tmp, 'reports', 'us', 'index.html')).href;
  let browser: Browser | undefined;
  let laptop: OpenedPage;
  let printed = '';
  let summary: BatchSummary;

  beforeAll(async () => {
    // From the temporary folder, where --report writes reports/us.
    const b = cli(['batch', join(ROOT, 'scenarios/us-h100-2023.yaml'), '--runs', '24', '--workers', '2', '--quiet', '--unit', 'H100', '--report', '--out', join(tmp, 'us-batch')], { cwd: tmp });
    expect(b.status, b.stderr).toBe(0);
    printed = /^Verdict\n(( {2}- .*\n)+)/m.exec(b.stdout)![1];
    summary = JSON.parse(readFileSync(join(tmp, 'us-batch', 'summary.json'), 'utf8')) as BatchSummary;
    laptop = await openWatched(url, LAPTOP, 900);
    browser = laptop.browser;
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('draws every chart with no console error and no request but the file itself', async () => {
    expect(await laptop.page.getAttribute('html', 'data-charts')).toBe('done');
    expect(laptop.problems).toEqual([]);
    expect(laptop.requests).toEqual([url]);
  });

  it('answers the probe’s question on the first screen of a laptop, per H100-hour, with the number batch printed and summary.json holds', async () => {
    const items = await laptop.page.evaluate<{ text: string; bottom: number }[]>(FIRST_SCREEN);
    const onScreen = items.filter((i) => i.bottom <= 900).map((i) => i.text);
    const p = summary.probeIrrAboveHurdle!.toFixed(2);
    const probe = onScreen.find((t) => t.startsWith('The probe, a specialised GPU cloud buying 1,000 H100 GPUs in 2023-10'));
    expect(probe, `the probe's sentence within the first 900 px: ${JSON.stringify(items)}`).toBeDefined();
    expect(probe).toContain(`clears its 15 % hurdle with probability ${p}`);
    expect(probe).toContain('the probability is P(IRR > 15 %)');
    expect(onScreen.find((t) => t.startsWith('Rents in USD per H100-hour'))).toBeDefined();
    expect(onScreen.find((t) => t.startsWith('The H100 spot rent peaks in'))).toMatch(/at [\d.]+ USD per H100-hour/);
    // One number per question: the page says what the terminal said, and no rent per ref-GPU-hour.
    const verdict = await laptop.page.$$eval('ul.headlines li', (lis) => lis.map((li) => li.textContent));
    expect(verdict.map((t) => `  - ${t}\n`).join('')).toBe(printed);
    expect(verdict.join(' ')).not.toContain('ref-GPU-hour');
  });

  it('names the unit on the rent chart’s axis and in its legend', async () => {
    const text = await laptop.page.textContent('#chart-spot-rent');
    expect(text).toContain('spot rent (USD per H100-hour)');
    expect(text).toContain('cash cost (median, converted)');
  });

  it('reads on a 390 px phone without sideways scroll', async () => {
    const phone = await openWatched(url, PHONE, 844, browser);
    expect(await phone.page.getAttribute('html', 'data-charts')).toBe('done');
    expect(phone.problems).toEqual([]);
    const layout = await phone.page.evaluate<Layout>(LAYOUT);
    expect(layout.scrollWidth).toBeLessThanOrEqual(PHONE);
    for (const c of layout.charts.filter((x) => /rent/.test(x.id))) expect(c.smallestText, c.id).toBeGreaterThanOrEqual(8);
    await phone.close();
  });
});
