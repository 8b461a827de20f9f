/**
 * The page's sections for the analyses given with the batch: theses (claims, probabilities,
 * verdicts, the conditions where each holds), scenario discovery (every PRIM box of every claim)
 * and sensitivity (tornado, Sobol, Morris). Every string read from a file, claim names,
 * expressions, descriptions, input paths, file names, goes through escapeHtml.
 */
import { boundText } from '../discovery/describeBox.js';
import type { SensitivityDoc, ThesisBox, ThesisClaim } from './analysisData.js';
import type { AnalysisViews, SensitivityView, ThesisView } from './analysisCharts.js';
import { DISCOVERY, SENSITIVITY, THESES } from './analysisCharts/common.js';
import { escapeHtml as e } from './escapeHtml.js';
import { chartFigure } from './figure.js';
import { num, pct } from './format.js';

export function analysisSections(v: AnalysisViews | undefined): string {
  if (!v) return '';
  const out: string[] = [];
  if (v.theses.length > 0) out.push(thesesSection(v.theses), discoverySection(v.theses));
  if (v.sensitivities.length > 0) out.push(sensitivitySection(v.sensitivities));
  return out.join('\n');
}

/** An input path, escaped, that may break after its dots rather than anywhere. */
export const path = (text: string) => `<code class="path">${e(text).replace(/\./g, '.<wbr>')}</code>`;
/** Fixed decimals with a real minus sign, and no "−0.000". */
function fixed(v: number, digits: number): string {
  const text = v.toFixed(digits);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text.replace('-', '−');
}
export const heading = (title: string) => `<h2 id="${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}">${e(title)}</h2>`;
const p3 = (v: number) => fixed(v, 3);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function thesesSection(theses: readonly ThesisView[]): string {
  return `${heading(THESES)}
<p class="note">A claim is a statement about one run (its outcomes and monthly values) that is true or false. Its probability is the share of runs in which it holds, with a 95 % Wilson interval. It <span class="verdict-holds">holds</span> when the interval’s lower end reaches the required probability, <span class="verdict-fails">fails</span> when its upper end stays below it, and is <span class="verdict-undecided">undecided</span> otherwise. The driving conditions are the first box PRIM found in the uncertain inputs where the claim holds more often (see Scenario discovery).</p>
${theses.map(thesisBlock).join('\n')}`;
}

function thesisBlock(t: ThesisView): string {
  const d = t.input.doc;
  return `<h3>${e(d.thesis)}</h3>
<p class="note">From <code>${e(t.input.file)}</code>: ${d.completedRuns} of ${d.runs} runs completed${d.failedRuns > 0 ? ` (${d.failedRuns} failed)` : ''}, seed ${d.seed}, design ${e(d.design)}, ${plural(d.inputs.length, 'uncertain input')}.</p>
<table class="claims">
<thead><tr><th>claim</th><th class="num">P</th><th class="num">95 % interval</th><th class="num">required</th><th>verdict</th><th>driving conditions (PRIM)</th></tr></thead>
<tbody>
${d.claims.map(claimRow).join('\n')}
</tbody>
</table>
${chartFigure(t.claims)}`;
}

function claimRow(c: ThesisClaim): string {
  const description = c.description === undefined || c.description.trim() === '' ? '' : `<div class="note">${e(c.description)}</div>`;
  return `<tr><td class="claim"><strong>${e(c.name)}</strong><div><code>${e(c.expr)}</code></div>${description}</td><td class="num">${c.probability === null ? 'n/a' : p3(c.probability)}</td><td class="num">${p3(c.interval.lower)} – ${p3(c.interval.upper)}</td><td class="num">≥ ${e(String(c.require))}</td><td class="verdict-${c.verdict}">${c.verdict}</td><td>${conditions(c)}</td></tr>`;
}

function restrictionText(r: ThesisBox['restrictions'][number]): string {
  const input = path(r.input);
  if (r.lower !== null && r.upper !== null) return `${input} in [${boundText(r.lower)}, ${boundText(r.upper)}]`;
  if (r.lower !== null) return `${input} ≥ ${boundText(r.lower)}`;
  if (r.upper !== null) return `${input} ≤ ${boundText(r.upper)}`;
  return input;
}

function conditions(c: ThesisClaim): string {
  const boxes = c.conditions.boxes;
  if (boxes.length === 0) return `<span class="note">none found: ${e(c.conditions.stopReason)}</span>`;
  const b = boxes[0];
  const more = boxes.length > 1 ? `; ${plural(boxes.length - 1, 'more box')}` : '';
  return `${b.restrictions.map(restrictionText).join('<br>')}<div class="note">coverage ${pct(b.coverage)}, density ${pct(b.density)}${more}</div>`;
}

function discoverySection(theses: readonly ThesisView[]): string {
  return `${heading(DISCOVERY)}
<p class="note">For each claim, PRIM (the patient rule induction method) looks for a box in the uncertain inputs, ranges of a few of them, where the claim holds much more often than overall. <strong>Coverage</strong> is the share of the runs where the claim holds that lie in the box, <strong>density</strong> the share of the box’s runs where it holds, <strong>mass</strong> the share of all runs in the box. The bounds are the lowest and highest values of the input inside the box; the quasi-p-value says how likely a restriction this good would be by chance (small is significant).</p>
${theses.map(discoveryBlock).join('\n')}`;
}

function discoveryBlock(t: ThesisView): string {
  const d = t.input.doc;
  const claims = d.claims.map((c, i) => {
    const n = c.conditions.cases;
    const hits = c.conditions.casesWhereItHolds;
    const overall = `Holds in ${hits} of ${n} runs${n > 0 ? ` (${pct(hits / n)})` : ''}.`;
    const chart = t.trajectories[i];
    if (c.conditions.boxes.length === 0) return `<p class="note"><strong>${e(c.name)}</strong>: ${overall} No box: ${e(c.conditions.stopReason)}.</p>`;
    return `<h4>${e(c.name)}</h4>
<p class="note">${overall}${c.conditions.boxes.length > 1 ? ' After each box, its runs are set aside and the next box is sought in the rest.' : ''}</p>
${boxTable(c.conditions.boxes)}
${chart ? chartFigure(chart) : ''}`;
  });
  return `<h3>${e(d.thesis)}</h3>
${claims.join('\n')}`;
}

function boxTable(boxes: readonly ThesisBox[]): string {
  const rows = boxes.flatMap((b, i) => {
    const span = Math.max(1, b.restrictions.length);
    const stats = `<td rowspan="${span}">box ${i + 1}</td><td class="num" rowspan="${span}">${pct(b.coverage)}</td><td class="num" rowspan="${span}">${pct(b.density)}</td><td class="num" rowspan="${span}">${pct(b.mass)}</td><td class="num" rowspan="${span}">${b.casesWhereItHolds} of ${b.cases}</td>`;
    const restriction = (r: ThesisBox['restrictions'][number]) =>
      `<td>${path(r.input)}</td><td class="num">${r.lower === null ? '–' : boundText(r.lower)}</td><td class="num">${r.upper === null ? '–' : boundText(r.upper)}</td><td class="num">${r.quasiP === null ? 'n/a' : quasiP(r.quasiP)}</td>`;
    if (b.restrictions.length === 0) return [`<tr>${stats}<td colspan="4" class="note">no restriction</td></tr>`];
    return b.restrictions.map((r, k) => `<tr>${k === 0 ? stats : ''}${restriction(r)}</tr>`);
  });
  return `<table class="prim">
<thead><tr><th>box</th><th class="num">coverage</th><th class="num">density</th><th class="num">mass</th><th class="num">holds in</th><th>restricted input</th><th class="num">from</th><th class="num">to</th><th class="num">quasi-p</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

const quasiP = (v: number): string => (v < 0.001 ? '&lt; 0.001' : v.toFixed(3));

const METHOD_TITLES = { tornado: 'Tornado', sobol: 'Sobol indices', morris: 'Morris screening' } as const;

function sensitivitySection(items: readonly SensitivityView[]): string {
  return `${heading(SENSITIVITY)}
<p class="note">Which uncertain inputs drive an outcome. Inputs are varied one at a time (tornado) or together (Sobol, Morris), each independently of the others: correlations the scenario sets between inputs are not imposed. Runs of the same row share their random streams, so differences come from the inputs, not from the model’s noise.</p>
${items.map(sensitivityBlock).join('\n')}`;
}

function sensitivityBlock(v: SensitivityView): string {
  const d = v.input.doc;
  const o = d.outcome;
  const unit = o.unit === null ? '' : `, in ${e(o.unit)}${o.monthZero === undefined ? '' : ` (months after ${e(o.monthZero)})`}`;
  const failures = d.failedRuns + d.missingValues > 0 ? ` ${d.failedRuns} failed, ${d.missingValues} without a value: ${e(o.missing)}.` : '';
  const correlations = d.ignoredCorrelations.length === 0 ? '' : ` Not imposed: ${d.ignoredCorrelations.map((c) => `ρ(${path(c.a)}, ${path(c.b)}) = ${num(c.rho)}`).join(', ')}.`;
  return `<h3>${METHOD_TITLES[d.method]}: <code>${e(o.name)}</code></h3>
<p class="note">The outcome <code>${e(o.name)}</code> (<code>${e(o.variable)}</code>${o.month === undefined ? '' : ` in ${e(o.month)}`}${unit}), from <code>${e(v.input.file)}</code>: ${d.runs} runs, seed ${d.seed}, ${plural(d.inputs.length, 'uncertain input')}.${failures}${correlations}</p>
${chartFigure(v.chart)}
${sensitivityTable(d)}`;
}

const value = (v: number | null): string => (v === null ? 'n/a' : num(v, 4));
const share = (v: number | null): string => (v === null ? 'n/a' : fixed(v, 3));
const interval = (lo: number | null, hi: number | null): string => (lo === null || hi === null ? '' : `${share(lo)} – ${share(hi)}`);

function sensitivityTable(d: SensitivityDoc): string {
  if (d.tornado) {
    const t = d.tornado;
    const lo = `P${Math.round(t.lowProbability * 100)}`;
    const hi = `P${Math.round(t.highProbability * 100)}`;
    return `<table class="sensitivity">
<thead><tr><th>input</th><th class="num">${lo} → ${hi} of the input</th><th class="num">outcome at ${lo}</th><th class="num">at ${hi}</th><th class="num">swing ± s.e.</th></tr></thead>
<tbody>
${t.bars.map((b) => `<tr><td>${path(b.path)}</td><td class="num">${num(b.lowInput, 4)} → ${num(b.highInput, 4)}</td><td class="num">${value(b.low)}</td><td class="num">${value(b.high)}</td><td class="num">${value(b.swing)}${b.swingStandardError === null ? '' : ` ± ${num(b.swingStandardError, 2)}`}</td></tr>`).join('\n')}
<tr><td class="note">every input at its median</td><td></td><td class="num" colspan="2">${value(t.base.value)}</td><td></td></tr>
</tbody>
</table>`;
  }
  if (d.sobol) {
    const s = d.sobol;
    const level = pct(s.confidence);
    const stream = s.stream
      ? `\n<tr><td class="note">random stream alone</td><td class="num">${share(s.stream.value)}</td><td class="num">${interval(s.stream.low, s.stream.high)}</td><td></td><td></td></tr>`
      : '';
    return `<table class="sensitivity">
<thead><tr><th>input</th><th class="num">first order S1</th><th class="num">${level} interval</th><th class="num">total ST</th><th class="num">${level} interval</th></tr></thead>
<tbody>
${s.indices.map((x) => `<tr><td>${path(x.path)}</td><td class="num">${share(x.firstOrder)}</td><td class="num">${interval(x.firstOrderLow, x.firstOrderHigh)}</td><td class="num">${share(x.total)}</td><td class="num">${interval(x.totalLow, x.totalHigh)}</td></tr>`).join('\n')}${stream}
</tbody>
</table>
<p class="note">${s.baseSampleSize} base rows (${s.rowsUsed} used), ${s.resamples} bootstrap resamples. First order: ${e(s.firstOrderEstimator)}; total: ${e(s.totalEstimator)}.</p>`;
  }
  const m = d.morris!;
  return `<table class="sensitivity">
<thead><tr><th>input</th><th class="num">μ*</th><th class="num">σ</th><th class="num">μ</th><th class="num">effects</th></tr></thead>
<tbody>
${m.effects.map((x) => `<tr><td>${path(x.path)}</td><td class="num">${value(x.muStar)}</td><td class="num">${value(x.sigma)}</td><td class="num">${value(x.mu)}</td><td class="num">${x.effects}</td></tr>`).join('\n')}
</tbody>
</table>`;
}
