/**
 * What a thesis test writes and prints: thesis.json (everything but the per-run rows, numbers
 * rounded as in every output file, so the same command gives the same bytes for any worker count),
 * thesis-runs.csv (per run: index, seed, drawn inputs, 1 or 0 per claim), and the table for the
 * terminal.
 */
import { describeBox } from '../discovery/describeBox.js';
import type { PrimResult } from '../discovery/prim.js';
import { csvText } from '../format/csv.js';
import { formatNumber, roundForFile } from '../format/formatNumber.js';
import type { ThesisResult } from './runThesis.js';
import { boxJson } from '../discovery/boxJson.js';
import type { ThesisRents } from './thesisRents.js';

const num = (v: number): number => roundForFile(v);

function conditionsJson(c: PrimResult): Record<string, unknown> {
  return {
    found: c.boxes.length > 0,
    stopReason: c.stopReason,
    cases: c.cases,
    casesWhereItHolds: c.interesting,
    boxes: c.boxes.map((b) => boxJson(b, 'casesWhereItHolds')),
  };
}

/** The content of thesis.json. */
export function thesisJson(r: ThesisResult): Record<string, unknown> {
  return {
    thesis: r.thesis,
    scenario: r.scenario,
    scenarioHash: r.scenarioHash,
    currency: r.currency,
    runs: r.runs,
    seed: r.seed,
    design: r.design,
    completedRuns: r.completedRuns,
    failedRuns: r.failures.length,
    inputs: r.inputs,
    verdictRule: 'holds: the lower end of the 95 % Wilson interval of P(claim) is at least the required probability; fails: its upper end is below it; undecided: otherwise',
    claims: r.claims.map((c) => ({
      name: c.name,
      expr: c.expr,
      description: c.description,
      require: c.require,
      successes: c.successes,
      trials: c.trials,
      probability: c.probability === null ? null : num(c.probability),
      interval: { lower: num(c.interval.lower), upper: num(c.interval.upper) },
      verdict: c.verdict,
      conditions: conditionsJson(c.conditions),
    })),
    failures: r.failures,
    // Only with --unit, so that a thesis.json without it is what it always was.
    ...(r.rents ? { rentUnit: rentsJson(r.rents) } : {}),
  };
}

/** The rents the claims read in the unit, as thesis.json records them. */
function rentsJson(x: ThesisRents): Record<string, unknown> {
  const n = (v: number | null) => (v === null ? null : num(v));
  return {
    generation: x.unit.generation,
    perfRatio: x.unit.perfRatio,
    unit: x.words,
    about: 'the rents the claims read, over the runs, in this unit; the claims and their verdicts read the variables as written',
    rents: x.rows.map((row) => ({ variable: row.variable, shown: row.shown, runs: row.runs, p5: n(row.p5), p50: n(row.p50), p95: n(row.p95) })),
  };
}

/**
 * The rents the claims read, in the unit, under the claims' table: the median and P5–P95 over runs,
 * each with what it is.
 */
export function thesisRentsText(x: ThesisRents): string {
  const money = (v: number | null) => (v === null ? 'n/a' : v.toFixed(2));
  const intro = `Rents the claims read, in ${x.words} (median, P5–P95 over runs); the claims and verdicts above read them as written:`;
  if (x.rows.length === 0) return `${intro}\n  none: no claim reads a rent\n`;
  const cells = x.rows.map((row) => [row.variable, row.p50 === null ? 'no run has one' : `${money(row.p50)} (${money(row.p5)}–${money(row.p95)})`, row.shown]);
  const widths = [0, 1].map((i) => Math.max(...cells.map((c) => c[i].length)));
  return `${[intro, ...cells.map((c) => `  ${c[0].padEnd(widths[0])}  ${c[1].padEnd(widths[1])}  ${c[2]}`)].join('\n')}\n`;
}

/** The content of thesis-runs.csv. */
export function thesisRunsCsv(r: ThesisResult): string {
  const header = ['run', 'seed', ...r.inputs, ...r.claims.map((c) => c.name)];
  const rows = r.rows.map((row) => [String(row.index), String(r.seed), ...row.inputs.map(formatNumber), ...row.holds.map((h) => (h ? '1' : '0'))]);
  return csvText([header, ...rows]);
}

/** The conditions of a claim in one line: PRIM's first box, or why there is none. */
export function conditionsText(c: PrimResult): string {
  if (c.boxes.length === 0) return `none found: ${c.stopReason}`;
  return describeBox(c.boxes[0]);
}

/** The table printed after a thesis run. */
export function thesisTable(r: ThesisResult): string {
  const p3 = (v: number) => v.toFixed(3);
  const header = ['claim', 'P', '95 % interval', 'required', 'verdict', 'holds where (PRIM)'];
  const rows = r.claims.map((c) => [
    c.name,
    c.probability === null ? 'n/a' : p3(c.probability),
    `${p3(c.interval.lower)} – ${p3(c.interval.upper)}`,
    `≥ ${String(c.require)}`,
    c.verdict,
    conditionsText(c.conditions),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const intro = [`Thesis    ${r.thesis}`, `Scenario  ${r.scenario}`, `Runs      ${r.completedRuns} of ${r.runs} (${r.failures.length} failed), seed ${r.seed}, design ${r.design}`, ''];
  return `${[...intro, line(header), ...rows.map(line)].join('\n')}\n${r.rents ? `\n${thesisRentsText(r.rents)}` : ''}`;
}
