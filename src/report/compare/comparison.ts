/**
 * The table of differences: each batch against the first (B − A, C − A …), per-run outcome by
 * outcome, and the share of runs in the red ocean by each year end of the months they have in
 * common. Paired batches (pairing.ts) are compared run by run, others as distributions; see
 * stats/differences.ts for the intervals. Pure: the same batches give the same rows, the bootstrap
 * drawing from a stream named by the batches' letters and the row.
 */
import { createRng } from '../../model/random.js';
import { indexToMonth, monthToIndex } from '../../model/calendar.js';
import { OUTCOME_COLUMNS, outcomeUnit, type OutcomeKind } from '../../model/outcomeColumns.js';
import { pairedDifference, unpairedDifference, type PairedDifference, type UnpairedDifference } from '../../stats/differences.js';
import { quantileSorted } from '../../stats/quantile.js';
import type { ComparedBatch } from './compareInput.js';
import { pairing, type Pairing } from './pairing.js';

/** An outcome's kind, or `share`: a 0/1 per run (red by a month), whose mean is a share of runs. */
export type RowKind = OutcomeKind | 'share';

/** One batch's side of a row: its runs with a value, their median and mean. */
export interface Side {
  runs: number;
  withValue: number;
  median: number | null;
  mean: number | null;
}

export interface DifferenceRow {
  /** The outcome's name, or `redOceanBy<YYYY-MM>`. */
  name: string;
  /** A red-ocean row's month. */
  month?: string;
  kind: RowKind;
  /** The values' unit (a month outcome's values are months; its differences are in months). */
  unit: string;
  a: Side;
  b: Side;
  /** For paired batches: the per-run differences b − a. */
  paired: PairedDifference | null;
  /** For unpaired batches: the difference of the distributions. */
  unpaired: UnpairedDifference | null;
}

export interface Comparison {
  a: ComparedBatch;
  b: ComparedBatch;
  pairing: Pairing;
  /** The share of runs turned red (a red-ocean onset) by each year end, and by the last common month. */
  redOcean: DifferenceRow[];
  outcomes: DifferenceRow[];
}

/** The months both batches have, from the later start to the earlier end; empty when they do not overlap. */
export function commonMonths(batches: readonly ComparedBatch[]): string[] {
  const first = Math.max(...batches.map((b) => monthToIndex(b.batch.summary.months[0])));
  const last = Math.min(...batches.map((b) => monthToIndex(b.batch.summary.months.at(-1)!)));
  const out: string[] = [];
  for (let t = first; t <= last; t++) out.push(indexToMonth(t));
  return out;
}

/** The months the red-ocean rows are taken at: every December of `months`, and the last month. */
export function redOceanMonths(months: readonly string[]): string[] {
  const out = months.filter((m) => m.endsWith('-12'));
  const last = months.at(-1);
  if (last !== undefined && !out.includes(last)) out.push(last);
  return out;
}

export const redOceanRowName = (month: string): string => `redOceanBy${month}`;

/** A row's value in each run of a batch, aligned with its runs. */
type Values = (batch: ComparedBatch) => (number | null)[];

function side(batch: ComparedBatch, values: (number | null)[]): Side {
  const present = values.filter((v): v is number => v !== null).sort((x, y) => x - y);
  const sum = present.reduce((s, v) => s + v, 0);
  return {
    runs: batch.runs.length,
    withValue: present.length,
    median: present.length === 0 ? null : quantileSorted(present, 0.5),
    mean: present.length === 0 ? null : sum / present.length,
  };
}

function row(name: string, kind: RowKind, unit: string, values: Values, a: ComparedBatch, b: ComparedBatch, paired: boolean): DifferenceRow {
  const va = values(a);
  const vb = values(b);
  const base = { name, kind, unit, a: side(a, va), b: side(b, vb) };
  if (paired) {
    const at = new Map(b.runs.map((run, i) => [run, i]));
    const xs: number[] = [];
    const ys: number[] = [];
    a.runs.forEach((run, i) => {
      const j = at.get(run);
      const x = va[i];
      const y = j === undefined ? null : vb[j];
      if (x !== null && y !== null) {
        xs.push(x);
        ys.push(y);
      }
    });
    return { ...base, paired: pairedDifference(xs, ys), unpaired: null };
  }
  const present = (v: (number | null)[]) => v.filter((x): x is number => x !== null);
  const uniform = kind === 'share' ? undefined : createRng(`gpu-market/compare/${a.key}-${b.key}/${name}`);
  return { ...base, paired: null, unpaired: unpairedDifference(present(va), present(vb), uniform) };
}

export function compare(a: ComparedBatch, b: ComparedBatch, months: readonly string[]): Comparison {
  const p = pairing(a.batch.summary, b.batch.summary);
  const redOcean = redOceanMonths(months).map((month) => {
    const by = monthToIndex(month);
    const turnedRed = (x: ComparedBatch) => x.outcomes.redOnsetMonth.map((onset) => (onset !== null && onset <= by ? 1 : 0));
    return { ...row(redOceanRowName(month), 'share', 'share of runs', turnedRed, a, b, p.paired), month };
  });
  const currency = a.batch.summary.currency;
  const outcomes = OUTCOME_COLUMNS.map((c) => row(c.name, c.kind, outcomeUnit(c, currency), (x) => x.outcomes[c.name], a, b, p.paired));
  return { a, b, pairing: p, redOcean, outcomes };
}

/** Each batch after the first against the first. */
export function comparisons(batches: readonly ComparedBatch[], months: readonly string[]): Comparison[] {
  return batches.slice(1).map((b) => compare(batches[0], b, months));
}
