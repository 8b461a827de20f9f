/**
 * The report page: one self-contained HTML file. vega, vega-lite and vega-embed are inlined, each
 * chart's spec sits in a `<script type="application/json">` block, and a short script embeds them
 * as SVG. Nothing is fetched: no fonts, no images, no scripts by URL, and a Content Security Policy
 * says so to the browser. Inline scripts are allowed by their SHA-256 hashes only, so even a string
 * that escaped escaping could not run; vega evaluates its expressions with its interpreter (`ast`),
 * so no `eval` is needed either.
 *
 * The page reads on a phone: a chart wider than its box is drawn again with narrower plots, its
 * titles wrapped and its legends in two columns, so its text keeps its size; a table wider than
 * the page scrolls inside itself; long names break at their dots and underscores.
 *
 * Pure: text in, text out. Every user string goes through escapeHtml, every spec through
 * jsonForScript.
 */
import { createHash } from 'node:crypto';
import { analysisCharts, type AnalysisViews } from './analysisCharts.js';
import { analysisSections } from './analysisHtml.js';
import { calibrationCharts, type CalibrationViews } from './calibrationCharts.js';
import { calibrationSections } from './calibrationHtml.js';
import type { BatchSummary, RunInfo } from './batchData.js';
import type { BrowserLibraries } from './browserLibraries.js';
import type { ReportChart } from './charts.js';
import { escapeHtml, jsonForScript } from './escapeHtml.js';
import { chartFigure } from './figure.js';
import { num, observedText, pct } from './format.js';
import type { Finding } from './headlines.js';
import { metricLabel } from './metricUnits.js';
import type { Observation } from '../observed/observation.js';
import type { ObservedScores } from '../observed/scores.js';
import { rentUnitWords, type RentUnit } from '../analysis/rentUnit.js';

export interface PageInput {
  summary: BatchSummary;
  runInfo: RunInfo | null;
  /** gpu-market's version, the one that wrote the report. */
  version: string;
  /** The verdict's sentences (headlines.ts), shown first. */
  findings: readonly Finding[];
  charts: readonly ReportChart[];
  observed?: ObservedScores;
  /** Theses and sensitivity analyses of the batch's scenario; their charts are also in `charts`. */
  analyses?: AnalysisViews;
  /** Calibrations and backtests to show beside the batch; their charts are also in `charts`. */
  calibration?: CalibrationViews;
  libraries: BrowserLibraries;
  /** The generation whose GPU-hours the rents are in, where not the reference GPU's. */
  unit?: RentUnit;
}

/**
 * Embeds every chart; marks the page with data-charts="done" (or "failed") when all are drawn.
 *
 * A chart drawn wider than its box (on a phone) is drawn again to fit: small multiples go fewer to
 * a row, each plot at least WIDE pixels wide loses the excess (down to MIN_PLOT), titles longer
 * than the box wrap onto more lines and legends take two columns. Shrinking the picture instead
 * would shrink its text with it, to about 6 px on a phone. Only sizes and the layout of the chart's
 * own text change; its data and words do not. When the window's width changes the charts are
 * fitted again.
 */
const BOOT = `(function () {
  'use strict';
  var OPTIONS = { actions: false, renderer: 'svg', mode: 'vega-lite', ast: true };
  var WIDE = 150;
  var MIN_PLOT = 140;
  var TRIES = 4;
  var charts = Array.prototype.map.call(document.querySelectorAll('script[type="application/json"][data-chart]'), function (block) {
    return { spec: JSON.parse(block.textContent), target: document.getElementById('chart-' + block.getAttribute('data-chart')), result: null, room: 0 };
  });

  function eachView(spec, visit) {
    if (!spec || typeof spec !== 'object') return;
    visit(spec);
    ['vconcat', 'hconcat', 'concat'].forEach(function (key) {
      if (Array.isArray(spec[key])) spec[key].forEach(function (child) { eachView(child, visit); });
    });
    if (spec.spec) eachView(spec.spec, visit);
  }

  function eachLegend(node, visit) {
    if (!node || typeof node !== 'object') return;
    Object.keys(node).forEach(function (key) {
      if (key === 'legend' && node[key] && typeof node[key] === 'object') visit(node[key]);
      eachLegend(node[key], visit);
    });
  }

  function wrap(text, chars) {
    if (typeof text !== 'string' || text.length <= chars) return text;
    var lines = [];
    text.split(' ').forEach(function (word) {
      var last = lines.length - 1;
      if (last >= 0 && (lines[last] + ' ' + word).length <= chars) lines[last] += ' ' + word;
      else lines.push(word);
    });
    return lines;
  }

  function wrapTitle(title, room) {
    if (typeof title === 'string') return wrap(title, Math.floor(room / 8.5));
    if (!title || typeof title !== 'object') return title;
    var out = Object.assign({}, title);
    out.text = wrap(title.text, Math.floor(room / 8.5));
    if (title.subtitle !== undefined) out.subtitle = wrap(title.subtitle, Math.floor(room / 6.5));
    return out;
  }

  function fitted(spec, excess, room) {
    var copy = JSON.parse(JSON.stringify(spec));
    // Small multiples in rows (a wrapped facet) first go fewer to a row; plots narrow only after.
    var rewrapped = false;
    eachView(copy, function (view) {
      if (typeof view.columns !== 'number' || view.columns <= 1) return;
      var columns = Math.max(1, Math.floor((view.columns * room) / (room + excess)));
      rewrapped = rewrapped || columns < view.columns;
      view.columns = columns;
    });
    eachView(copy, function (view) {
      if (!rewrapped && typeof view.width === 'number' && view.width >= WIDE) view.width = Math.max(MIN_PLOT, Math.round(view.width - excess));
      if (view.title !== undefined) view.title = wrapTitle(view.title, room);
    });
    eachLegend(copy, function (legend) {
      if (typeof legend.columns === 'number' && legend.columns > 2) legend.columns = 2;
    });
    copy.config = Object.assign({}, copy.config);
    copy.config.legend = Object.assign({}, copy.config.legend, { columns: 2 });
    return copy;
  }

  function embed(chart, spec) {
    if (chart.result) chart.result.finalize();
    chart.result = null;
    return vegaEmbed(chart.target, spec, OPTIONS).then(function (result) {
      chart.result = result;
    });
  }

  function drawnWidth(chart) {
    var svg = chart.target.querySelector('svg');
    return svg ? Number(svg.getAttribute('width')) || 0 : 0;
  }

  function fit(chart, spec, tries) {
    var excess = drawnWidth(chart) - chart.room;
    if (!(chart.room > 0) || excess <= 1 || tries >= TRIES) return undefined;
    var next = fitted(spec, excess, chart.room);
    if (JSON.stringify(next) === JSON.stringify(spec)) return undefined;
    return embed(chart, next).then(function () { return fit(chart, next, tries + 1); });
  }

  function draw(chart) {
    chart.room = chart.target.clientWidth;
    return embed(chart, chart.spec)
      .then(function () { return fit(chart, chart.spec, 0); })
      .catch(function (err) {
        chart.target.textContent = 'This chart could not be drawn: ' + (err && err.message ? err.message : String(err));
        console.error(err);
        throw err;
      });
  }

  // One drawing at a time per chart: a second embed into the same box before the first is done would leave both.
  charts.forEach(function (chart) { chart.busy = draw(chart); });
  Promise.allSettled(charts.map(function (chart) { return chart.busy; })).then(function (results) {
    var ok = results.every(function (r) { return r.status === 'fulfilled'; });
    document.documentElement.setAttribute('data-charts', ok ? 'done' : 'failed');
    var timer = null;
    window.addEventListener('resize', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        // Printing lays the page out anew; the charts drawn for the screen are scaled to the paper.
        if (window.matchMedia('print').matches) return;
        charts.forEach(function (chart) {
          chart.busy = chart.busy
            .catch(function () {})
            .then(function () {
              if (chart.result && chart.target.clientWidth !== chart.room) return draw(chart);
              return undefined;
            })
            .catch(function () {});
        });
      }, 250);
    });
  });
})();`;

export const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #eef0ef; color: #1c1c1c; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; overflow-wrap: break-word; }
main { max-width: 840px; margin: 24px auto; padding: 28px 36px 40px; background: #fff; border-radius: 6px; box-shadow: 0 1px 3px rgba(0,0,0,.08), 0 8px 24px rgba(0,0,0,.05); }
header h1 { font-size: 26px; line-height: 1.25; margin: 0 0 6px; }
.kicker { text-transform: uppercase; letter-spacing: .06em; font-size: 12px; color: #5a6b69; margin: 0 0 4px; }
.description { color: #3d3d3d; margin: 20px 0 8px; white-space: pre-line; }
h2 { font-size: 20px; margin: 36px 0 8px; padding-top: 10px; border-top: 2px solid #1b7f79; }
h3 { font-size: 16px; margin: 20px 0 6px; }
.headlines { margin: 10px 0 0; padding: 14px 18px 14px 34px; background: #f3f8f7; border-left: 4px solid #1b7f79; border-radius: 4px; }
.headlines li { margin: 6px 0; }
.headlines .definition { color: #555; font-size: 13.5px; }
nav.toc { margin: 16px 0 0; font-size: 13.5px; }
nav.toc ol { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; }
nav.toc a { display: inline-block; padding: 3px 10px; border: 1px solid #c4dcd9; border-radius: 14px; color: #1b6f6a; text-decoration: none; }
nav.toc a:hover, nav.toc a:focus { background: #f3f8f7; }
h2[id], h3[id], footer[id] { scroll-margin-top: 12px; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0 28px; }
@media (max-width: 760px) {
  .grid { grid-template-columns: minmax(0, 1fr); }
  main { padding: 18px; margin: 0; border-radius: 0; }
}
@media screen and (max-width: 760px) {
  header h1 { font-size: 22px; }
  .headlines { padding: 10px 12px 10px 26px; }
  /* A table wider than the page scrolls inside itself rather than widen the page; shadows at its edges say there is more. */
  table {
    display: block; max-width: 100%; overflow-x: auto;
    background: linear-gradient(to right, #fff 30%, rgba(255,255,255,0)) left / 40px 100% no-repeat local, linear-gradient(to left, #fff 30%, rgba(255,255,255,0)) right / 40px 100% no-repeat local,
      radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.16), rgba(0,0,0,0)) left / 12px 100% no-repeat scroll, radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,.16), rgba(0,0,0,0)) right / 12px 100% no-repeat scroll;
  }
  /* Source notes keep a readable measure; the table scrolls instead of folding them a word a line. */
  .points td:last-child { min-width: 18em; }
}
table { border-collapse: collapse; width: 100%; font-size: 13.5px; margin: 6px 0 12px; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px 4px 0; border-bottom: 1px solid #e4e6e5; }
th { font-weight: 600; color: #333; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.points td:nth-child(2), .points td:nth-child(3) { white-space: nowrap; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
figure.chart { margin: 22px 0 30px; break-inside: avoid; page-break-inside: avoid; }
.chart-box { min-height: 120px; overflow-x: auto; }
/* vega-embed makes its box an inline block as wide as the chart; a block keeps the page's width, which a chart is fitted to. */
div.chart-box { display: block; }
.chart-box svg { max-width: 100%; height: auto; }
figcaption { font-size: 13.5px; color: #3f3f3f; margin-top: 4px; }
.links { font-size: 12.5px; color: #666; margin-top: 2px; }
.links a { color: #1b6f6a; }
.note { font-size: 13.5px; color: #444; }
.ok { color: #1d6b2f; } .miss { color: #a1261b; }
h4 { font-size: 14.5px; margin: 18px 0 4px; }
.verdict-holds { color: #1d6b2f; font-weight: 600; } .verdict-fails { color: #a1261b; font-weight: 600; } .verdict-undecided { color: #8a5a00; font-weight: 600; }
table.claims td.claim { width: 32%; }
table.claims td:last-child { min-width: 200px; }
table.claims td.claim div { margin-top: 2px; }
table.claims td.claim .note, table.claims td .note { font-size: 12.5px; }
table.prim td[rowspan] { border-bottom: 1px solid #c9cdcc; }
code.path, table.claims code { word-break: normal; overflow-wrap: anywhere; }
code.hash { word-break: break-all; }
footer { margin-top: 36px; font-size: 12.5px; color: #555; }
@media print {
  body { background: #fff; color: #000; font-size: 10.5pt; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; border-radius: 0; }
  h2 { break-after: avoid; page-break-after: avoid; border-top-color: #000; }
  .headlines { background: none; border-left-color: #000; }
  figure.chart, table, .headlines { break-inside: avoid; page-break-inside: avoid; }
  .chart-box { overflow: visible; }
  figcaption, .note, th, td, .description, .kicker, footer { color: #000; }
  a { color: #000; text-decoration: none; }
  .links, nav.toc { display: none; }
  .headlines .definition { color: #000; }
}`;

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The page's inline scripts, in order: the libraries, then the script that embeds the charts. */
export const pageScripts = (libraries: BrowserLibraries): string[] => [libraries.vega, libraries.vegaLite, libraries.vegaEmbed, BOOT];

/** The end of a page's body: each chart's spec in a JSON block, then the scripts that draw them. */
export function chartScripts(charts: readonly ReportChart[], scripts: readonly string[]): string {
  const e = escapeHtml;
  return `${charts.map((c) => `<script type="application/json" data-chart="${e(c.name)}">${jsonForScript(c.spec)}</script>`).join('\n')}
${scripts.map((text) => `<script>${text}</script>`).join('\n')}`;
}

/** The page's Content Security Policy: its own inline scripts by their hashes, and nothing from anywhere. */
/** A page's <head>: its security policy, the viewport for phones, the version that wrote it, its title (escaped) and styles. */
export function pageHead(csp: string, version: string, title: string, css: string): string {
  return `<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="gpu-market ${escapeHtml(version)}">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>`;
}

export function contentSecurityPolicy(scripts: readonly string[]): string {
  const csp = [
    "default-src 'none'",
    `script-src ${scripts.map(sha256).join(' ')}`,
    // vega-embed and its tooltip add <style> elements, and vega sets style attributes.
    "style-src 'unsafe-inline'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  // Written as is: constant text and base64 hashes, nothing that needs escaping in an attribute.
  if (csp.includes('"')) throw new Error('the content security policy may not contain a double quote');
  return csp;
}

export function reportHtml(p: PageInput): string {
  const s = p.summary;
  const e = escapeHtml;
  const scripts = pageScripts(p.libraries);
  const csp = contentSecurityPolicy(scripts);

  const inAnalyses = new Set([...analysisCharts(p.analyses), ...calibrationCharts(p.calibration)].map((c) => c.name));
  for (const name of inAnalyses) {
    if (!p.charts.some((c) => c.name === name)) throw new Error(`reportHtml: the analysis chart ${name} is missing from the charts`);
  }
  const sections: string[] = [];
  let current = '';
  for (const c of p.charts) {
    if (inAnalyses.has(c.name)) continue;
    if (c.section !== current) {
      current = c.section;
      sections.push(`<h2 id="${e(slug(current))}">${e(current)}</h2>`);
      if (current === 'Observed data' && p.observed) sections.push(observedSection(p.observed, s.currency));
    }
    sections.push(chartFigure(c));
  }
  if (p.observed && !p.charts.some((c) => c.section === 'Observed data')) {
    sections.push(`<h2 id="observed-data">Observed data</h2>`, observedSection(p.observed, s.currency));
  }
  sections.push(analysisSections(p.analyses));
  sections.push(calibrationSections(p.calibration));

  return `<!DOCTYPE html>
<html lang="en">
${pageHead(csp, p.version, `${s.scenario} · gpu-market report`, CSS)}
<body>
<main>
<header>
<p class="kicker">gpu-market Monte Carlo report · ${s.completedRuns} runs</p>
<h1>${e(s.scenario)}</h1>
${p.unit ? unitNote(s.currency, p.unit) : ''}</header>
<section aria-labelledby="verdict">
<h2 id="verdict">Verdict</h2>
<ul class="headlines">
${p.findings.map(findingItem).join('\n')}
</ul>
</section>
${contents(sections.join('\n'))}
${s.description.trim() === '' ? '' : `<p class="description">${e(s.description.trim())}</p>`}
<div class="grid">
<section aria-labelledby="inputs">
<h3 id="inputs">Uncertain inputs</h3>
${inputsTable(s)}
</section>
<section aria-labelledby="run">
<h3 id="run">The run</h3>
${metadataTable(s, p.runInfo, p.version)}
</section>
</div>
${sections.join('\n')}
<footer id="how-computed">
<p><strong>How the numbers are computed.</strong> Bands are per-month percentiles over all completed runs (${e(s.quantileMethod)}). A month's regime is blue when utilisation, the vendor's lead time and the rent over full cost are all high, red when the rent is at or below full cost and the industry's net margin is negative, and transition otherwise. Observed points are scored by the CRPS, computed from the band percentiles: the predictive quantile function is the straight lines between P5, P10, P25, P50, P75, P90 and P95, flat beyond them, and CRPS = 2 ∫ pinball loss dτ over τ in (0, 1); lower is better, in the metric's unit. An interval or a bound observed counts as inside a band when it overlaps the band, and is scored at its point nearest the median.</p>
<p>Each chart's picture (SVG) and data (CSV) are in the charts/ and data/ folders beside this file; summary.json is the batch summary it was drawn from.</p>
</footer>
</main>
${chartScripts(p.charts, scripts)}
</body>
</html>
`;
}

/**
 * What "per H100-hour" means on this page, at its top: which numbers are the generation's own
 * indices and which are converted, so that every rent on the page has its definition before it.
 */
function unitNote(currency: string, unit: RentUnit): string {
  const e = escapeHtml;
  const g = unit.generation;
  const converted =
    unit.perfRatio === null
      ? `The costs, which the model keeps per reference-GPU-hour only, are left out: the batch folder holds no resolved scenario to give the ${g}'s perfRatio.`
      : `The costs, which the model keeps per reference-GPU-hour only, are converted at the ${g}'s perfRatio of ${num(unit.perfRatio)} reference-GPU-hours an hour.`;
  return `<p class="note unit-note" data-rent-unit="${e(g)}">Rents in ${e(rentUnitWords(currency, unit))}: the ${e(g)}'s own spot and contract indices, which the model prices on their own. ${e(converted)} Capacity and demand stay in reference-GPU-hours.</p>
`;
}

/** A sentence of the verdict: the answer, then the definition of its numbers in a quieter voice; as text, the line the commands print. */
function findingItem(f: Finding): string {
  return f.definition === undefined ? `<li>${escapeHtml(f.answer)}.</li>` : `<li>${escapeHtml(f.answer)} <span class="definition">— ${escapeHtml(f.definition)}.</span></li>`;
}

/**
 * The page's contents: a link to the inputs, to every section and to the notes on method. The
 * sections are read off the headings of their HTML, already escaped, so that none is left out
 * whichever analyses the page holds.
 */
function contents(sectionsHtml: string): string {
  const sections = [...sectionsHtml.matchAll(/<h2 id="([^"]+)">([^<]*)<\/h2>/g)].map((m) => [m[1], m[2]]);
  const links = [['inputs', 'Inputs and the run'], ...sections, ['how-computed', 'How the numbers are computed']];
  return `<nav class="toc" aria-label="Contents">
<ol>
${links.map(([id, text]) => `<li><a href="#${id}">${text}</a></li>`).join('\n')}
</ol>
</nav>`;
}

/** A name (a metric, an input path, a file) as code that may break after its dots, underscores and slashes, never inside a word. */
export const codeName = (text: string): string => `<code>${escapeHtml(text).replace(/([._/])/g, '$1<wbr>')}</code>`;

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function inputsTable(s: BatchSummary): string {
  const e = escapeHtml;
  if (s.inputs.length === 0) return '<p class="note">None: every run uses the same inputs, so the spread comes from the model\'s own randomness.</p>';
  return `<table>
<thead><tr><th>input</th><th>distribution (${e(s.design)})</th></tr></thead>
<tbody>
${s.inputs.map((i) => `<tr><td>${codeName(i.path)}</td><td>${e(i.distribution)}</td></tr>`).join('\n')}
</tbody>
</table>`;
}

function metadataTable(s: BatchSummary, info: RunInfo | null, version: string): string {
  const e = escapeHtml;
  const rows: [string, string][] = [
    ['scenario file', info?.scenarioFile ? codeName(info.scenarioFile) : 'not recorded'],
    ['scenario hash', `<code class="hash">${e(s.scenarioHash)}</code>`],
    ['master seed', e(String(s.seed))],
    ['runs', `${s.completedRuns} of ${s.runs} completed, ${s.failedRuns} failed`],
    ['design', e(s.design)],
    [
      'run date',
      info
        ? `${e(info.startedAt)}${info.seconds === null ? '' : ` (${num(info.seconds)} s${info.workers === null ? '' : `, ${info.workers} workers`})`}`
        : 'not recorded (no run-info.json, as after a merge)',
    ],
    ['gpu-market version', e(version)],
    ['quantiles', e(s.quantileMethod)],
  ];
  if (info?.node) rows.splice(6, 0, ['Node.js', e(info.node)]);
  return `<table>
<tbody>
${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('\n')}
</tbody>
</table>`;
}

/** A skipped observation as the file gives it: date, metric, what was observed and the source. */
function skippedPoint(p: Observation): string {
  const e = escapeHtml;
  return `${e(p.date)} ${codeName(p.metricAsWritten)} = ${e(observedText(p, String))}${p.source ? ` (${e(p.source)})` : ''}`;
}

function observedSection(o: ObservedScores, currency: string): string {
  const e = escapeHtml;
  const crps = (metric: string, v: number) => {
    const l = metricLabel(metric, currency);
    return l.isShare ? `${num(v * 100)} pp` : `${num(v)} ${l.unit}`;
  };
  const value = (metric: string, v: number) => (metricLabel(metric, currency).isShare ? pct(v, 1) : num(v, 4));
  const summaryRows = o.metrics.map((m) => {
    const n = m.points.length;
    const count = (share: number) => `${Math.round(share * n)} of ${n} (${pct(share)})`;
    return `<tr><td>${codeName(m.metric)}</td><td class="num">${n}</td><td class="num">${count(m.inside90)}</td><td class="num">${count(m.inside50)}</td><td class="num">${e(crps(m.metric, m.meanCrps))}</td></tr>`;
  });
  const pointRows = o.metrics.flatMap((m) =>
    m.points.map(
      (pt) =>
        `<tr><td class="num">${pt.line}</td><td>${e(pt.date)}</td><td>${codeName(pt.metricAsWritten)}</td><td class="num">${e(observedText(pt, (v) => value(m.metric, v)))}</td><td class="num">${e(value(m.metric, pt.p5))} – ${e(value(m.metric, pt.p95))}</td><td class="num">${e(value(m.metric, pt.p50))}</td><td class="${pt.inside90 ? 'ok' : 'miss'}">${pt.inside90 ? (pt.inside50 ? 'P25–P75' : 'P5–P95') : 'outside'}</td><td>${e(pt.source)}</td></tr>`,
    ),
  );
  const skipped =
    o.skipped.length === 0
      ? ''
      : `<p class="note">Skipped ${o.skipped.length} point${o.skipped.length === 1 ? '' : 's'}:</p>
<ul class="note">
${o.skipped.map((k) => `<li>line ${k.line}: ${k.point ? `${skippedPoint(k.point)}: ` : ''}${e(k.reason)}</li>`).join('\n')}
</ul>`;
  return `<p class="note">Observed values from ${codeName(o.file)}, held against the bands of their month. A good forecast has about 90 % of points inside P5–P95 and half inside P25–P75, and a low CRPS.</p>
${
  o.metrics.length === 0
    ? '<p class="note">No observed point falls in the batch\'s months.</p>'
    : `<table class="observed">
<thead><tr><th>metric</th><th class="num">points</th><th class="num">inside P5–P95</th><th class="num">inside P25–P75</th><th class="num">mean CRPS</th></tr></thead>
<tbody>
${summaryRows.join('\n')}
</tbody>
</table>
<table class="points">
<thead><tr><th class="num">line</th><th>date</th><th>metric</th><th class="num">observed</th><th class="num">P5 – P95</th><th class="num">median</th><th>inside</th><th>source</th></tr></thead>
<tbody>
${pointRows.join('\n')}
</tbody>
</table>`
}
${skipped}`;
}
