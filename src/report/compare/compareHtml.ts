/**
 * The comparison page: one self-contained HTML file in the report's style, with its stylesheet,
 * its Content Security Policy and its chart script (html.ts). The batches and how they pair, the
 * table of differences for each batch against the first, then the charts by section. Pure: every
 * user string (scenario names, folders, outcome names) passes through escapeHtml.
 */
import type { BrowserLibraries } from '../browserLibraries.js';
import type { ReportChart } from '../charts.js';
import { escapeHtml } from '../escapeHtml.js';
import { chartFigure } from '../figure.js';
import { num } from '../format.js';
import { BOOTSTRAP_REPLICATES } from '../../stats/differences.js';
import { chartScripts, codeName, contentSecurityPolicy, CSS, pageHead, pageScripts, slug } from '../html.js';
import type { ComparedBatch } from './compareInput.js';
import type { Comparison, DifferenceRow } from './comparison.js';
import { differenceText, intervalText, valueText } from './rowText.js';

export interface ComparePage {
  batches: readonly ComparedBatch[];
  /** The months the batches have in common. */
  months: readonly string[];
  comparisons: readonly Comparison[];
  headlines: readonly string[];
  charts: readonly ReportChart[];
  /** Metrics some batches have and others not, each with the letters of those that have it. */
  skippedMetrics: readonly { metric: string; in: readonly string[] }[];
  version: string;
  libraries: BrowserLibraries;
}

const EXTRA_CSS = `
.vs { color: #5a6b69; font-weight: normal; }
.pairing { margin: 4px 0 8px; }
.pairing strong { color: #1b6f6a; }
.pairing.unpaired strong { color: #8a5a00; }
td .note { display: block; font-size: 12px; color: #555; }
table.differences th.num { white-space: normal; }
table.red-ocean td:first-child { white-space: nowrap; }
table.outcomes td:first-child { min-width: 9em; }`;

const e = escapeHtml;

export function compareHtml(p: ComparePage): string {
  const scripts = pageScripts(p.libraries);
  const names = p.batches.map((b) => b.batch.summary.scenario);
  const sections: string[] = [];
  let current = '';
  for (const c of p.charts) {
    if (c.section !== current) {
      current = c.section;
      sections.push(`<h2 id="${e(slug(current))}">${e(current)}</h2>`);
    }
    sections.push(chartFigure(c));
  }
  return `<!DOCTYPE html>
<html lang="en">
${pageHead(contentSecurityPolicy(scripts), p.version, `${names.join(' vs ')} · gpu-market comparison`, CSS + EXTRA_CSS)}
<body>
<main>
<header>
<p class="kicker">gpu-market comparison · ${p.batches.length} batches · ${e(p.months[0])} to ${e(p.months[p.months.length - 1])}</p>
<h1>${names.map((n) => e(n)).join(' <span class="vs">vs</span> ')}</h1>
</header>
<section aria-labelledby="findings">
<h2 id="findings">Headline differences</h2>
<ul class="headlines">
${p.headlines.map((h) => `<li>${e(h)}</li>`).join('\n')}
</ul>
</section>
<section aria-labelledby="batches">
<h2 id="batches">The batches</h2>
${batchesTable(p.batches)}
${batchNotes(p)}
</section>
<section aria-labelledby="differences">
<h2 id="differences">Differences</h2>
<p class="note">Each batch against A, as the later batch minus A. Batches run with the same seed, run count, design and drawn inputs share their random streams run by run, so they are compared run by run (paired): the change in each run, its median and the P5 to P95 of the changes (how much one run moves), and the mean change with its 90 % confidence interval (normal approximation: mean ± 1.645 standard errors). Other batches are compared as distributions (unpaired): the difference of their medians with a 90 % bootstrap interval (${num(BOOTSTRAP_REPLICATES)} resamples of each batch, from a fixed seed, so the page is the same every time), and the difference of their means with a 90 % normal interval. Months are differences in months, shares in percentage points (pp).</p>
${p.comparisons.map(comparisonSection).join('\n')}
</section>
${sections.join('\n')}
<footer>
<p><strong>How the numbers are computed.</strong> Bands are each batch's per-month percentiles over its completed runs (its summary.json), drawn over the months all batches have. Outcomes are each run's (its outcomes.csv); quantiles are type 7 (linear between order statistics). A run has turned red once its red-ocean onset (the first month of a red spell of at least the scenario's sustainMonths) has come. Runs without a value (no onset, no IRR) are left out of an outcome's median and differences, and counted beside them.</p>
<p>compare.json beside this file holds the table of differences; each chart's picture (SVG) and data (CSV) are in the charts/ and data/ folders.</p>
</footer>
</main>
${chartScripts(p.charts, scripts)}
</body>
</html>
`;
}

function batchesTable(batches: readonly ComparedBatch[]): string {
  const rows = batches.map((b) => {
    const s = b.batch.summary;
    return `<tr><td>${e(b.key)}</td><td>${e(s.scenario)}</td><td>${codeName(b.batch.dir)}</td><td class="num">${s.completedRuns} of ${s.runs}</td><td class="num">${e(String(s.seed))}</td><td>${e(s.design)}</td><td>${e(s.months[0])} to ${e(s.months[s.months.length - 1])}</td><td class="num">${s.inputs.length}</td></tr>`;
  });
  return `<table class="batches">
<thead><tr><th>batch</th><th>scenario</th><th>folder</th><th class="num">runs</th><th class="num">seed</th><th>design</th><th>months</th><th class="num">drawn inputs</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

/** What the reader must know about the batches' months and metrics. */
function batchNotes(p: ComparePage): string {
  const notes: string[] = [];
  const ranges = new Set(p.batches.map((b) => `${b.batch.summary.months[0]} ${b.batch.summary.months.at(-1)}`));
  if (ranges.size > 1) {
    notes.push(
      `The batches cover different months: the charts and the red-ocean rows are drawn over the ${p.months.length} months they have in common, ${e(p.months[0])} to ${e(p.months[p.months.length - 1])}; the other per-run outcomes are each over its own batch's months.`,
    );
  }
  if (p.skippedMetrics.length > 0) {
    notes.push(`Left out, as not every batch has them: ${p.skippedMetrics.map((m) => `${codeName(m.metric)} (only ${m.in.map(e).join(', ')})`).join('; ')}.`);
  }
  return notes.map((n) => `<p class="note">${n}</p>`).join('\n');
}

function comparisonSection(c: Comparison): string {
  const id = `${c.b.key}-vs-${c.a.key}`.toLowerCase();
  return `<h3 id="${e(id)}">${e(c.b.key)} against ${e(c.a.key)}: ${e(c.b.batch.summary.scenario)} <span class="vs">against</span> ${e(c.a.batch.summary.scenario)}</h3>
${pairingParagraph(c)}
<h4>Red ocean begun by the month (share of runs)</h4>
${redOceanTable(c)}
<h4>Per-run outcomes (medians)</h4>
${outcomesTable(c)}`;
}

/** "Paired run by run: both …" as a bold "Paired run by run." and the rest. */
function pairingParagraph(c: Comparison): string {
  const [head, ...rest] = c.pairing.sentence.split(': ');
  const text = rest.join(': ');
  return `<p class="pairing ${c.pairing.paired ? 'paired' : 'unpaired'}"><strong>${e(head)}.</strong> ${e(text[0].toUpperCase() + text.slice(1))}</p>`;
}

/** The number of runs behind a difference: pairs, or each batch's runs with a value. */
function runsCell(c: Comparison, row: DifferenceRow): string {
  if (c.pairing.paired) return String(row.paired?.pairs ?? 0);
  return `${row.a.withValue} / ${row.b.withValue}`;
}

function redOceanTable(c: Comparison): string {
  const paired = c.pairing.paired;
  const rows = c.redOcean.map((row) => {
    const d = paired ? row.paired : row.unpaired;
    return `<tr><td>${e(row.month ?? '')}</td><td class="num">${valueText(row, row.a.mean)}</td><td class="num">${valueText(row, row.b.mean)}</td>${differenceCell(row, d?.mean ?? null, d?.meanLow ?? null, d?.meanHigh ?? null)}<td class="num">${runsCell(c, row)}</td></tr>`;
  });
  return `<table class="differences red-ocean">
<thead><tr><th>by</th><th class="num">${e(c.a.key)}</th><th class="num">${e(c.b.key)}</th><th class="num">${paired ? 'change' : 'difference'} (90 % CI)</th><th class="num">${paired ? 'pairs' : `runs ${e(c.a.key)} / ${e(c.b.key)}`}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

/** An outcome's name as code that may break between its words (peakRent<wbr>Ccy…), which have no dots to break at. */
const outcomeName = (name: string): string => `<code>${e(name).replace(/([a-z])([A-Z])/g, '$1<wbr>$2')}</code>`;

/** A difference, its interval on a line of its own below it (so the table fits the page). */
function differenceCell(row: DifferenceRow, v: number | null, low: number | null, high: number | null): string {
  const interval = intervalText(row, low, high);
  return `<td class="num">${differenceText(row, v)}${interval === '' ? '' : `<span class="note">${interval}</span>`}</td>`;
}

/** A side's median, and how many of its runs have a value where some have none. */
function sideCell(row: DifferenceRow, side: DifferenceRow['a']): string {
  const some = side.withValue < side.runs ? `<span class="note">${side.withValue} of ${side.runs}</span>` : '';
  return `<td class="num">${valueText(row, side.median)}${some}</td>`;
}

function outcomesTable(c: Comparison): string {
  const paired = c.pairing.paired;
  const rows = c.outcomes.map((row) => {
    const unit = row.kind === 'month' ? 'month; differences in months' : row.unit;
    const head = `<td>${outcomeName(row.name)}<span class="note">${e(unit)}</span></td>${sideCell(row, row.a)}${sideCell(row, row.b)}`;
    const p = row.paired;
    const u = row.unpaired;
    const median = paired ? differenceCell(row, p?.median ?? null, p?.p5 ?? null, p?.p95 ?? null) : differenceCell(row, u?.median ?? null, u?.medianLow ?? null, u?.medianHigh ?? null);
    const d = paired ? p : u;
    return `<tr>${head}${median}${differenceCell(row, d?.mean ?? null, d?.meanLow ?? null, d?.meanHigh ?? null)}<td class="num">${runsCell(c, row)}</td></tr>`;
  });
  const [third, fourth, fifth] = paired
    ? ['change per run: median (P5 to P95)', 'mean change (90 % CI)', 'pairs']
    : ['difference of medians (90 % CI)', 'difference of means (90 % CI)', `runs ${e(c.a.key)} / ${e(c.b.key)}`];
  return `<table class="differences outcomes">
<thead><tr><th>outcome</th><th class="num">${e(c.a.key)}</th><th class="num">${e(c.b.key)}</th><th class="num">${third}</th><th class="num">${fourth}</th><th class="num">${fifth}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}
