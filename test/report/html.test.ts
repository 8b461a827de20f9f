import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { browserLibraries } from '../../src/report/browserLibraries.js';
import { reportCharts } from '../../src/report/charts.js';
import { findings } from '../../src/report/headlines.js';
import { reportHtml, type PageInput } from '../../src/report/html.js';
import { parseObserved } from '../../src/observed/readObserved.js';
import { scoreObserved } from '../../src/observed/scores.js';
import { fixtureBatch, fixtureTarget } from './fixture.js';

const EVIL_NAME = '</script><script>window.__x=1</script>';
const EVIL_DESCRIPTION = '<b>bold</b> & <img src=x onerror=window.__z=1>';
const EVIL_SOURCE = '<img src=x onerror=window.__y=1>';
const LIBRARIES = { vega: 'window.vega = {};', vegaLite: 'window.vegaLite = {};', vegaEmbed: 'window.vegaEmbed = function () {};' };

function page(libraries = LIBRARIES): { html: string; input: PageInput } {
  const batch = fixtureBatch();
  batch.summary.scenario = EVIL_NAME;
  batch.summary.description = EVIL_DESCRIPTION;
  batch.summary.inputs = [{ path: 'a."<b>"', distribution: 'uniform <i>0</i>–1' }];
  const observed = scoreObserved(
    parseObserved(`date,metric,value,source\n2023-05,netMargin,0.1,"${EVIL_SOURCE}"\n2031-01,<x>,1,\n`.replace('<x>', 'spotRent'), 'obs<1>.csv', fixtureTarget()),
    batch.summary,
  );
  const input: PageInput = {
    summary: batch.summary,
    runInfo: batch.runInfo,
    version: '0.1.0',
    findings: findings({ summary: batch.summary }),
    charts: reportCharts(batch, observed),
    observed,
    libraries,
  };
  return { html: reportHtml(input), input };
}

describe('the report page', () => {
  const { html, input } = page();

  it('escapes every user string: the scenario name, the description, inputs, source notes, file names', () => {
    for (const raw of [EVIL_NAME, EVIL_DESCRIPTION, EVIL_SOURCE, '"<b>"', '<i>0</i>', 'obs<1>.csv']) expect(html).not.toContain(raw);
    expect(html).toContain('<h1>&lt;/script&gt;&lt;script&gt;window.__x=1&lt;/script&gt;</h1>');
    expect(html).toContain('&lt;b&gt;bold&lt;/b&gt; &amp; &lt;img src=x onerror=window.__z=1&gt;');
    expect(html).toContain('&lt;img src=x onerror=window.__y=1&gt;');
  });

  it('has exactly one script element per chart spec and per library, each closed once', () => {
    const opened = html.match(/<script\b/g)?.length;
    const closed = html.match(/<\/script>/g)?.length;
    expect(opened).toBe(input.charts.length + 4);
    expect(closed).toBe(opened);
  });

  it('embeds each chart spec as JSON that reads back to the spec', () => {
    const blocks = [...html.matchAll(/<script type="application\/json" data-chart="([^"]+)">([^<]*)<\/script>/g)];
    expect(blocks.map((b) => b[1])).toEqual(input.charts.map((c) => c.name));
    blocks.forEach((b, i) => expect(JSON.parse(b[2])).toEqual(JSON.parse(JSON.stringify(input.charts[i].spec))));
  });

  it('loads nothing: no src, no link, no url() and no import, and links only to its own charts and data', () => {
    expect(html).not.toMatch(/<[a-z]+\b[^>]*\ssrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/@import/i);
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^(charts\/[\w-]+\.svg|data\/[\w-]+\.csv|#[\w-]+)$/);
  });

  it('has a content security policy that allows its own inline scripts by hash, and no eval', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? '';
    expect(scriptSrc).not.toContain('unsafe-inline');
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(inline).toHaveLength(4);
    for (const text of inline) expect(scriptSrc).toContain(`'sha256-${createHash('sha256').update(text).digest('base64')}'`);
  });

  it('has a print stylesheet and fits a laptop screen', () => {
    expect(html).toMatch(/@media print \{[^]*box-shadow: none[^]*break-inside: avoid/);
    expect(html).toMatch(/main \{ max-width: 840px;/);
  });

  it('shows the inputs, the run metadata and the observed points with their band and source', () => {
    for (const text of ['ffffffffffffffff', '40 of 40 completed, 0 failed', 'master seed', '2026-01-02T03:04:05.000Z', 'gpu-market version', 'DDSketch']) expect(html).toContain(text);
    expect(html).toContain('Skipped 1 point');
    expect(html).toMatch(/<td class="num">2<\/td><td>2023-05<\/td><td><code>netMargin<\/code><\/td>/);
  });

  it('reads on a phone: wide tables scroll in their own box on a screen, the grid folds, names break only after their dots', () => {
    expect(html).toMatch(/@media screen and \(max-width: 760px\) \{[^@]*table \{\s*display: block; max-width: 100%; overflow-x: auto;/);
    expect(html).toContain('.grid { grid-template-columns: minmax(0, 1fr); }');
    // Escaped first, then given its break points: the input path 'a."<b>"'.
    expect(html).toContain('<td><code>a.<wbr>&quot;&lt;b&gt;&quot;</code></td>');
    expect(html).toContain('<code class="hash">ffff');
    expect(/code, \.mono \{([^}]*)\}/.exec(html)?.[1]).not.toContain('break-all');
  });

  it('opens with the verdict, each sentence with its definition, before anything else', () => {
    const body = html.slice(html.indexOf('<main>'));
    const verdict = body.indexOf('<h2 id="verdict">Verdict</h2>');
    expect(verdict).toBeGreaterThan(body.indexOf('</header>'));
    expect(body.indexOf('<h2', verdict + 1)).toBeGreaterThan(body.indexOf('</ul>', verdict));
    expect(body.indexOf('class="description"')).toBeGreaterThan(verdict);
    const items = [.../<ul class="headlines">([^]*?)<\/ul>/.exec(body)![1].matchAll(/<li>([^]*?)<\/li>/g)].map((m) => m[1]);
    const text = (item: string) =>
      item
        .replace(/<[^>]+>/g, '')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&')
        .replace(/&#39;/g, "'");
    expect(items.map(text)).toEqual(findings({ summary: input.summary }).map((f) => `${f.answer} — ${f.definition}.`));
    for (const item of items) expect(item).toMatch(/<span class="definition">— [^<]+\.<\/span>$/);
  });

  it('lists its sections in a table of contents, each link to a heading of the page', () => {
    const nav = /<nav class="toc" aria-label="Contents">([^]*?)<\/nav>/.exec(html)![1];
    const links = [...nav.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(links[0]).toEqual(['inputs', 'Inputs and the run']);
    expect(links.map((l) => l[0])).toEqual(expect.arrayContaining(['rents', 'regimes', 'probe-investment', 'observed-data']));
    expect(links[links.length - 1]).toEqual(['how-computed', 'How the numbers are computed']);
    for (const [id] of links) expect(html).toMatch(new RegExp(`<(h2|h3|footer) id="${id}"`));
    // Every section heading is in the contents.
    for (const [, id] of html.matchAll(/<h2 id="([^"]+)">/g)) if (id !== 'verdict') expect(nav).toContain(`href="#${id}"`);
  });

  it('keeps the fit to observed data in the observed-data section, not in the verdict', () => {
    const verdict = /<ul class="headlines">([^]*?)<\/ul>/.exec(html)![1];
    expect(verdict).not.toMatch(/CRPS|inside P5–P95|Observed/);
    expect(html.indexOf('mean CRPS')).toBeGreaterThan(html.indexOf('<h2 id="observed-data">'));
  });

  it('is the same text for the same input', () => {
    expect(page().html).toBe(html);
  });
});

describe('the inlined libraries', () => {
  it('are the browser builds of vega, vega-lite and vega-embed, inlined whole', () => {
    const libs = browserLibraries();
    expect(libs.vega).toMatch(/^!function/);
    expect(libs.vegaLite).toContain('"6.4.1"');
    expect(libs.vegaEmbed).toContain('vegaEmbed');
    const { html } = page(libs);
    expect(html).toContain(libs.vegaLite);
    expect(html.length).toBeGreaterThan(libs.vega.length + libs.vegaLite.length + libs.vegaEmbed.length);
  });
});
