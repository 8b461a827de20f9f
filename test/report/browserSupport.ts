/**
 * What the browser tests share: Debian's chromium driven by playwright-core, a page opened in a
 * time zone west of UTC and watched for console errors and warnings, page errors and every request
 * it makes, and a measure of how the page lies across the screen. .ci/run installs chromium.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const LAPTOP = 1280;
export const PHONE = 390;

/**
 * What the page looks like across: how far it scrolls sideways, each chart's drawn width against
 * the width vega drew it at and its smallest text as drawn, and each table's right edge. Page code
 * as text: the tests are type-checked without the DOM library.
 */
export const LAYOUT = `(() => {
  const charts = [...document.querySelectorAll('.chart-box')].map((box) => {
    const svg = box.querySelector('svg');
    const natural = Number(svg.getAttribute('width'));
    const scale = svg.getBoundingClientRect().width / natural;
    const fonts = [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim() !== '').map((t) => parseFloat(getComputedStyle(t).fontSize));
    return { id: box.id, scale, smallestText: Math.min(...fonts) * scale };
  });
  const tables = [...document.querySelectorAll('table')].map((t) => ({ text: t.textContent.trim().slice(0, 40), right: t.getBoundingClientRect().right, scrolls: t.scrollWidth > t.clientWidth }));
  return { scrollWidth: document.scrollingElement.scrollWidth, charts, tables };
})()`;

export interface Layout {
  scrollWidth: number;
  charts: { id: string; scale: number; smallestText: number }[];
  tables: { text: string; right: number; scrolls: boolean }[];
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`the browser tests need Debian's chromium at ${CHROMIUM}; install it with: apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

export interface WatchedPage {
  page: Page;
  /** Console errors and warnings, and uncaught page errors. */
  problems: string[];
  /** Every URL the page requested. */
  requests: string[];
  close: () => Promise<void>;
}

/** A new page `width` pixels wide (and `height` high), in a time zone west of UTC, watched. */
export async function watchedPage(browser: Browser, width: number, height = 900): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width, height }, timezoneId: 'America/Los_Angeles' });
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (req) => requests.push(req.url()));
  return { page, problems, requests, close: () => context.close() };
}

/** A watched page opened on a report, in the browser that holds it. */
export interface OpenedPage extends WatchedPage {
  browser: Browser;
}

/**
 * A page `width` pixels wide opened at `url` and watched, once the page says its charts are drawn
 * (or failed to be: the tests read `data-charts`). In `browser` where given, else in a chromium
 * launched for it, which the caller closes.
 */
export async function openWatched(url: string, width: number, height = 900, browser?: Browser): Promise<OpenedPage> {
  const b = browser ?? (await launchChromium());
  const watched = await watchedPage(b, width, height);
  await watched.page.goto(url);
  await watched.page.waitForSelector('html[data-charts]', { timeout: 60_000 });
  return { ...watched, browser: b };
}

/** Each chart box on the page, with how many marks (paths, rects, rules) its SVG draws. */
export const chartMarks = (page: Page): Promise<{ id: string; marks: number }[]> =>
  page.$$eval('.chart-box', (boxes) => boxes.map((box) => ({ id: box.id, marks: box.querySelectorAll('svg g.role-mark path, svg g.role-mark rect, svg g.role-mark line').length })));
