import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { analysisCharts, analysisViews } from '../../src/report/analysisCharts.js';
import { reportCharts } from '../../src/report/charts.js';
import { findings } from '../../src/report/headlines.js';
import { reportHtml } from '../../src/report/html.js';
import { fixtureMorris, fixtureSobol, fixtureThesis, fixtureTornado, sensitivityInput, thesisInput } from './analysisFixture.js';
import { fixtureBatch } from './fixture.js';

const EVIL_CLAIM = '</script><script>window.__t=1</script>';
const EVIL_EXPR = 'probe.irr > 0.15 <img src=x onerror=window.__u=1>';
const EVIL_DESCRIPTION = '<b onmouseover=alert(1)>bold</b> & "quoted"';
const EVIL_INPUT = 'vendor.<svg onload=window.__v=1>';
const EVIL_FILE = 'runs/<x>/thesis.json';
const LIBRARIES = { vega: 'window.vega = {};', vegaLite: 'window.vegaLite = {};', vegaEmbed: 'window.vegaEmbed = function () {};' };

function page(withAnalyses = true): { html: string; names: string[] } {
  const batch = fixtureBatch();
  const thesis = fixtureThesis();
  thesis.thesis = `Thesis ${EVIL_CLAIM}`;
  thesis.claims[0].name = EVIL_CLAIM;
  thesis.claims[0].expr = EVIL_EXPR;
  thesis.claims[0].description = EVIL_DESCRIPTION;
  thesis.claims[0].conditions.boxes[0].restrictions[0].input = EVIL_INPUT;
  const sobol = fixtureSobol();
  sobol.outcome.name = EVIL_EXPR;
  sobol.sobol!.indices[0].path = EVIL_INPUT;
  const views = withAnalyses ? analysisViews([{ file: EVIL_FILE, doc: thesis }], [sensitivityInput(fixtureTornado()), sensitivityInput(sobol), sensitivityInput(fixtureMorris())]) : undefined;
  const charts = [...reportCharts(batch), ...analysisCharts(views)];
  const verdict = findings({ summary: batch.summary, theses: [{ name: thesis.thesis, claims: thesis.claims }] });
  const html = reportHtml({ summary: batch.summary, runInfo: batch.runInfo, version: '0.1.0', findings: verdict, charts, analyses: views, libraries: LIBRARIES });
  return { html, names: charts.map((c) => c.name) };
}

/** The page without its script blocks: what the browser parses as markup. */
const markup = (html: string) => html.replace(/<script\b[^>]*>[^]*?<\/script>/g, '');

describe('the analysis sections of the page', () => {
  const { html, names } = page();

  it('escape claim names, expressions, descriptions, input paths and file names', () => {
    for (const raw of [EVIL_CLAIM, EVIL_EXPR, EVIL_DESCRIPTION, EVIL_INPUT, EVIL_FILE, '<img', '<svg on', '<b on']) expect(html).not.toContain(raw);
    expect(html).toContain('<strong>&lt;/script&gt;&lt;script&gt;window.__t=1&lt;/script&gt;</strong>');
    expect(html).toContain('<code>probe.irr &gt; 0.15 &lt;img src=x onerror=window.__u=1&gt;</code>');
    expect(html).toContain('&lt;b onmouseover=alert(1)&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;');
    expect(html).toContain('<code class="path">vendor.<wbr>&lt;svg onload=window.<wbr>__v=1&gt;</code>');
    expect(html).toContain('<h3>Thesis &lt;/script&gt;&lt;script&gt;window.__t=1&lt;/script&gt;</h3>');
  });

  it('keep the page’s scripts: one block per chart and the four inline scripts, allowed by hash, no more', () => {
    expect(html.match(/<script\b/g)).toHaveLength(names.length + 4);
    expect(html.match(/<\/script>/g)).toHaveLength(names.length + 4);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(csp).toMatch(/^default-src 'none'; script-src ('sha256-[A-Za-z0-9+/=]+' ?){4}; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'$/);
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    for (const text of inline) expect(csp).toContain(`'sha256-${createHash('sha256').update(text).digest('base64')}'`);
    // The markup loads nothing and runs nothing.
    expect(markup(html)).not.toMatch(/<[a-z]+\b[^>]*\s(src|srcset|on[a-z]+)=/i);
  });

  it('place every analysis chart once, in its section, in the order theses, scenario discovery, sensitivity', () => {
    for (const name of ['thesis-1', 'prim-1-1', 'tornado-1', 'sobol-1', 'morris-1']) {
      expect(html.split(`id="chart-${name}"`).length - 1, name).toBe(1);
      expect(html.split(`data-chart="${name}"`).length - 1, name).toBe(1);
    }
    const at = (text: string) => html.indexOf(text);
    expect(at('id="theses"')).toBeGreaterThan(at('id="probe-investment"'));
    expect(at('id="chart-thesis-1"')).toBeGreaterThan(at('id="theses"'));
    expect(at('id="scenario-discovery"')).toBeGreaterThan(at('id="chart-thesis-1"'));
    expect(at('id="chart-prim-1-1"')).toBeGreaterThan(at('id="scenario-discovery"'));
    expect(at('id="sensitivity"')).toBeGreaterThan(at('id="chart-prim-1-1"'));
    expect(at('id="chart-tornado-1"')).toBeGreaterThan(at('id="sensitivity"'));
    expect(at('<footer')).toBeGreaterThan(at('id="chart-morris-1"'));
  });

  it('table each claim: its probability, 95 % interval, required probability, verdict and driving conditions', () => {
    const claims = /<table class="claims">[^]*?<\/table>/.exec(html)![0];
    expect(claims).toContain('<td class="num">0.650</td><td class="num">0.581 – 0.713</td><td class="num">≥ 0.5</td><td class="verdict-holds">holds</td>');
    expect(claims).toContain(
      '&lt;svg onload=window.<wbr>__v=1&gt;</code> ≥ 0.91<br><code class="path">market.<wbr>hype.<wbr>halfLifeMonths</code> in [12.5, 26.25]<div class="note">coverage 80 %, density 95 %</div>',
    );
    expect(claims).toContain('<td class="verdict-fails">fails</td><td><span class="note">none found: no restriction is significant (quasi-p-value ≤ 0.05)</span></td>');
    expect(claims).toContain('<td class="verdict-undecided">undecided</td>');
  });

  it('table each PRIM box: coverage, density, mass, and each restricted input with its bounds and quasi-p-value', () => {
    const prim = /<table class="prim">[^]*?<\/table>/.exec(html)![0];
    expect(prim).toContain(
      '<td rowspan="2">box 1</td><td class="num" rowspan="2">80 %</td><td class="num" rowspan="2">95 %</td><td class="num" rowspan="2">55 %</td><td class="num" rowspan="2">104 of 110</td>',
    );
    expect(prim).toContain('<td class="num">0.91</td><td class="num">–</td><td class="num">&lt; 0.001</td>');
    expect(prim).toContain('<td class="num">12.5</td><td class="num">26.25</td><td class="num">0.012</td>');
    expect(html).toContain('<p class="note"><strong>early-red</strong>: Holds in 40 of 200 runs (20 %). No box: no restriction is significant (quasi-p-value ≤ 0.05).</p>');
  });

  it('table the sensitivity results, Sobol intervals and the random stream’s share among them', () => {
    expect(html).toContain('<h3>Tornado: <code>peakRent</code></h3>');
    expect(html).toContain('<h3>Sobol indices: <code>probe.irr &gt; 0.15 &lt;img src=x onerror=window.__u=1&gt;</code></h3>');
    expect(html).toContain('<td class="num">0.500</td><td class="num">0.380 – 0.610</td><td class="num">0.620</td><td class="num">0.500 – 0.750</td>');
    expect(html).toContain('<td class="num">0.020</td><td class="num">−0.050 – 0.090</td>');
    expect(html).toContain('<tr><td class="note">random stream alone</td><td class="num">0.120</td><td class="num">0.050 – 0.200</td>');
    expect(html).toContain('<td class="num">−7 ± 0.4</td>');
    expect(html).toContain('Not imposed: ρ(<code class="path">market.<wbr>hype.<wbr>halfLifeMonths</code>, <code class="path">entrants.<wbr>baseMonthlyProbability</code>) = 0.5.');
  });

  it('name each thesis and claim in the verdict as text, escaped', () => {
    const verdict = /<ul class="headlines">([^]*?)<\/ul>/.exec(html)![1];
    expect(verdict).toContain('In thesis “Thesis &lt;/script&gt;&lt;script&gt;window.__t=1&lt;/script&gt;”, &lt;/script&gt;&lt;script&gt;window.__t=1&lt;/script&gt; ');
  });

  it('are listed in the contents, in page order, after the batch’s sections', () => {
    const links = [.../<nav class="toc"[^]*?<\/nav>/.exec(html)![0].matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(links.slice(-4)).toEqual(['theses', 'scenario-discovery', 'sensitivity', 'how-computed']);
    expect(links[0]).toBe('inputs');
    for (const id of links) expect(html).toContain(`id="${id}"`);
  });

  it('appear only when their data is given', () => {
    const plain = page(false).html;
    for (const id of ['theses', 'scenario-discovery', 'sensitivity']) expect(plain).not.toContain(`id="${id}"`);
    const onlySensitivity = analysisViews([], [sensitivityInput(fixtureTornado())]);
    const batch = fixtureBatch();
    const html2 = reportHtml({
      summary: batch.summary,
      runInfo: null,
      version: '0.1.0',
      findings: [],
      charts: [...reportCharts(batch), ...analysisCharts(onlySensitivity)],
      analyses: onlySensitivity,
      libraries: LIBRARIES,
    });
    expect(html2).toContain('id="sensitivity"');
    expect(html2).not.toContain('id="theses"');
    expect(html2).not.toContain('id="scenario-discovery"');
  });

  it('refuse to write a page whose analysis charts are not among its charts', () => {
    const views = analysisViews([thesisInput()], []);
    const batch = fixtureBatch();
    expect(() => reportHtml({ summary: batch.summary, runInfo: null, version: '0.1.0', findings: [], charts: reportCharts(batch), analyses: views, libraries: LIBRARIES })).toThrow(
      /the analysis chart thesis-1 is missing/,
    );
  });
});
