/**
 * calibrated.yaml: the scenario file as the user wrote it, with the calibrated inputs'
 * distributions replaced by their fitted posteriors, the correlations between two calibrated
 * inputs replaced by the posterior's, and a header that says where it came from. The file is
 * edited as text at the places the YAML parser locates, so every other line (comments, layout,
 * the order of fields) stays byte for byte as written, and the two files diff cleanly.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { Correlation } from '../montecarlo/sampling/correlations.js';
import { describe, type Distribution } from '../montecarlo/sampling/distributions.js';
import { significant } from '../format/textNumber.js';
import type { InputPosterior } from './posterior.js';

export interface Provenance {
  observedFile: string;
  observedSha256: string;
  command: string;
  /** One line on how the calibration ended. */
  summary: string;
}

interface Edit {
  at: number;
  /** Characters replaced from `at`. */
  remove: number;
  insert: string;
}

export function calibratedScenarioText(text: string, posteriors: readonly InputPosterior[], correlations: readonly Correlation[], p: Provenance): string {
  const doc = parseDocument(text);
  const uncertain = doc.get('uncertain', true);
  if (!isMap(uncertain)) throw new Error('the scenario has no uncertain section (a mapping) to replace');
  const edits: Edit[] = [];
  for (const x of posteriors) {
    const pair = uncertain.items.find((item) => isScalar(item.key) && item.key.value === x.path);
    if (!pair || !isScalar(pair.key) || !(pair.value as Node | null)?.range) throw new Error(`the uncertain section has no ${x.path}`);
    const [start, end] = (pair.value as Node).range!;
    edits.push({ at: start, remove: end - start, insert: flowMap(x.fitted) });
    const line = lineStart(text, pair.key.range![0]);
    const indent = text.slice(line, pair.key.range![0]);
    edits.push({
      at: line,
      remove: 0,
      insert: `${indent}# Calibrated: prior ${describe(x.prior)}; posterior median ${significant(x.p50)}, 90 % interval ${significant(x.p5)} to ${significant(x.p95)}.\n`,
    });
  }
  edits.push(...correlationEdits(text, doc.get('correlations', true), posteriors, correlations));
  const name = doc.get('name', true);
  if (isScalar(name) && typeof name.value === 'string' && name.range) {
    // A report or batch of the calibrated file must not pass for one of the original.
    edits.push({ at: name.range[0], remove: name.range[1] - name.range[0], insert: JSON.stringify(`${name.value} (calibrated)`) });
  }
  const header = [
    `# Calibrated by: ${p.command}`,
    `# Observed data: ${p.observedFile} (sha256 ${p.observedSha256})`,
    `# ${p.summary}`,
    '# The calibrated inputs below hold posterior fits; all other fields are as in the original file.',
    '',
  ].join('\n');
  edits.push({ at: 0, remove: 0, insert: `${header}\n` });
  return applyEdits(text, edits);
}

/**
 * Drops the correlations between two calibrated inputs (the posterior's replace them) and appends
 * the posterior's after the last one kept, in the list's own indentation; a scenario without a
 * list gets one at its end.
 */
function correlationEdits(text: string, list: unknown, posteriors: readonly InputPosterior[], correlations: readonly Correlation[]): Edit[] {
  const calibrated = new Set(posteriors.map((x) => x.path));
  const lines = (indent: string) => correlations.map((c) => `${indent}- ${flowMap(c)}\n`).join('');
  if (list === undefined || list === null) {
    if (correlations.length === 0) return [];
    return [{ at: text.length, remove: 0, insert: `${text.endsWith('\n') ? '' : '\n'}correlations:\n${lines('  ')}` }];
  }
  if (!isSeq(list) || list.flow) throw new Error('the scenario\'s correlations are not a block list ("- { a: …, b: …, rho: … }" lines)');
  const edits: Edit[] = [];
  let indent = '  ';
  let after = lineEnd(text, list.range![1]);
  for (const item of list.items) {
    const node = item as Node;
    const start = lineStart(text, node.range![0]);
    indent = text.slice(start, node.range![0]).replace(/-\s*$/, '');
    const c = isMap(item) ? (item.toJSON() as Partial<Correlation>) : {};
    if (calibrated.has(String(c.a)) && calibrated.has(String(c.b))) edits.push({ at: start, remove: lineEnd(text, node.range![1]) - start, insert: '' });
  }
  if (list.items.length > 0) after = lineEnd(text, (list.items[list.items.length - 1] as Node).range![1]);
  edits.push({ at: after, remove: 0, insert: lines(indent) });
  return edits;
}

/** `{ key: value, … }` as the scenarios write distributions and correlations. */
function flowMap(o: Distribution | Correlation): string {
  const value = (v: unknown): string => (Array.isArray(v) ? `[${v.map(value).join(', ')}]` : String(v));
  return `{ ${Object.entries(o)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${value(v)}`)
    .join(', ')} }`;
}

const lineStart = (text: string, at: number): number => text.lastIndexOf('\n', at - 1) + 1;

/** Just past the end of the line that holds position `at` (its newline included). */
function lineEnd(text: string, at: number): number {
  const i = text.indexOf('\n', Math.max(0, at - 1));
  return i < 0 ? text.length : i + 1;
}

/** Applies edits from the last position to the first, so that each one's offsets still hold. */
function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  const order = edits.map((e, i) => ({ e, i })).sort((a, b) => b.e.at - a.e.at || b.i - a.i);
  for (const { e } of order) out = out.slice(0, e.at) + e.insert + out.slice(e.at + e.remove);
  return out;
}
