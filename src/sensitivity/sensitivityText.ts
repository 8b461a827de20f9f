/** The table the sensitivity command prints: what was run, then one line per input, ranked. */
import { groupedFixed, percent } from '../format/textNumber.js';
import type { SensitivityDocument } from './sensitivityDocument.js';

/** At most `digits` significant digits, plain notation for everyday magnitudes. */
function sig(v: number | null, digits = 4): string {
  if (v === null) return 'n/a';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-4 && a < 1e9) {
    const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(a)));
    return groupedFixed(v, decimals)
      .replace(/(\.\d*?)0+$/, '$1')
      .replace(/\.$/, '');
  }
  return v.toExponential(digits - 1);
}

const fixed3 = (v: number | null): string => {
  if (v === null) return 'n/a';
  const text = v.toFixed(3);
  return text === '-0.000' ? '0.000' : text;
};
const interval = (lo: number | null, hi: number | null): string => `[${fixed3(lo)}, ${fixed3(hi)}]`;

function columns(rows: readonly string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r) =>
      r
        .map((text, c) => (c === r.length - 1 ? text : text.padEnd(widths[c] + 2)))
        .join('')
        .trimEnd(),
    )
    .join('\n');
}

export function sensitivityText(doc: SensitivityDocument): string {
  const o = doc.outcome;
  const unit = o.monthZero ? `month index, 0 = ${o.monthZero}` : o.unit;
  const lines = [`Scenario    ${doc.scenario}`, `Outcome     ${o.name}${o.name !== o.variable ? ` (${o.variable})` : ''}${o.month ? ` in ${o.month}` : ''}${unit ? `, ${unit}` : ''}`];
  const runs = `${groupedFixed(doc.runs)} runs, seed ${doc.seed}`;
  const missing: string[] = [];
  if (doc.failedRuns > 0) missing.push(`${groupedFixed(doc.failedRuns)} failed`);
  if (doc.missingValues > 0) missing.push(`${groupedFixed(doc.missingValues)} without a value`);
  if (doc.censoredValues > 0) missing.push(`${groupedFixed(doc.censoredValues)} censored at the horizon`);
  const runLine = `${runs}${missing.length > 0 ? `; ${missing.join(', ')}` : ''}`;
  if (doc.tornado) {
    const t = doc.tornado;
    lines.push(`Method      tornado: each input at its P10 and P90, the others at their medians; mean of ${t.replicates} replicates per point (${runLine})`);
    lines.push(`Base        ${sig(t.base.value)} (all inputs at their medians)`, '');
    const rows = [['input', 'P10 → P90', 'low', 'high', 'swing', '± s.e.']];
    for (const b of t.bars) rows.push([b.path, `${sig(b.lowInput)} → ${sig(b.highInput)}`, sig(b.low), sig(b.high), sig(b.swing), sig(b.swingStandardError, 2)]);
    lines.push(columns(rows));
  } else if (doc.sobol) {
    const s = doc.sobol;
    const pct = Math.round(s.confidence * 100);
    lines.push(`Method      Sobol indices: N = ${groupedFixed(s.baseSampleSize)} (${runLine}); ${pct} % bootstrap intervals, ${groupedFixed(s.resamples)} resamples`);
    if (s.rowsUsed < s.baseSampleSize) lines.push(`            ${groupedFixed(s.rowsUsed)} of ${groupedFixed(s.baseSampleSize)} base rows have a value in every matrix and are used`);
    lines.push('');
    if (s.variance === null || s.indices.every((x) => x.total === null)) {
      lines.push('The outcome does not vary over the runs: there is no variance to attribute.');
    } else {
      const rows = [['input', `S1 [${pct} %]`, '', `ST [${pct} %]`, '']];
      for (const x of s.indices) rows.push([x.path, fixed3(x.firstOrder), interval(x.firstOrderLow, x.firstOrderHigh), fixed3(x.total), interval(x.totalLow, x.totalHigh)]);
      if (s.stream) rows.push(['(random stream alone)', fixed3(s.stream.value), interval(s.stream.low, s.stream.high), '', '']);
      lines.push(columns(rows), '', `Sum of S1 ${fixed3(s.sumFirstOrder)}; mean ${sig(s.mean)}, variance ${sig(s.variance)}`);
      // Without this a reader takes totals that add up to well over 1 for an error.
      const stream = s.stream?.value ?? 0;
      if (stream > 0.05) {
        lines.push(`The runs' own randomness alone explains ${percent(stream)} of the variance; ST includes each input's interplay with it.`);
      }
    }
  } else if (doc.morris) {
    const m = doc.morris;
    lines.push(`Method      Morris elementary effects: ${m.trajectories} trajectories, ${m.levels} levels (${runLine})`, '');
    const rows = [['input', 'μ*', 'μ', 'σ']];
    for (const x of m.effects) rows.push([x.path, sig(x.muStar), sig(x.mu), sig(x.sigma)]);
    lines.push(columns(rows), '', 'Effects are per unit of each input’s probability (from its P12.5 to its P62.5 is ½).');
  }
  if (doc.ignoredCorrelations.length > 0) lines.push('', `Inputs were varied independently: the scenario's ${doc.ignoredCorrelations.length} correlation(s) were not imposed.`);
  return `${lines.join('\n')}\n`;
}
