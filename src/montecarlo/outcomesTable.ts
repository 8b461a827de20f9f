/**
 * The per-run outcome table of a batch: one row per run in run-index order, with the run's index
 * and seed, its drawn inputs, and every scalar outcome. Months are YYYY-MM, empty (CSV) or null
 * (Arrow) where there is none. outcomes.csv opens anywhere; outcomes.arrow (Arrow IPC file, typed
 * columns) loads in one call into pandas, polars, DuckDB or R when a batch has 100,000 rows.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { Field, Float64, Int32, RecordBatch, Schema, Table, tableToIPC, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import { monthAt } from '../model/calendar.js';
import { OUTCOME_COLUMNS, outcomeUnit, outcomeValue, type OutcomeKind, type OutcomeName } from '../model/outcomeColumns.js';
import { csvText } from '../format/csv.js';
import { formatNumber, roundForFile } from '../format/formatNumber.js';
import type { OutputFile, StreamedFile } from '../files/writeFiles.js';
import type { RunRecord } from './chunk.js';
import type { BatchPlan } from './plan.js';

/**
 * A batch's outcome table in columns: what outcomes.csv, outcomes.arrow and the summary's outcome
 * distributions are written from. Typed columns take 8 bytes a value, where a million run records
 * held as objects take gigabytes.
 */
export interface OutcomeTable {
  /** Run indices, ascending. */
  run: Int32Array;
  /** Each drawn input by run, aligned with the plan's paths. */
  inputs: Float64Array[];
  /** Each outcome of `OUTCOME_COLUMNS` by run; NaN where a run has none. */
  outcomes: Float64Array[];
  /** The records that keep their whole monthly path (samples.json), ascending. */
  samples: RunRecord[];
}

/** The table of `count` finished runs, `records` in ascending run order, with `inputs` drawn inputs each. */
export function outcomeTable(records: Iterable<RunRecord>, count: number, inputs: number): OutcomeTable {
  const table: OutcomeTable = {
    run: new Int32Array(count),
    inputs: Array.from({ length: inputs }, () => new Float64Array(count)),
    outcomes: OUTCOME_COLUMNS.map(() => new Float64Array(count)),
    samples: [],
  };
  let i = 0;
  for (const r of records) {
    table.run[i] = r.index;
    for (let k = 0; k < inputs; k++) table.inputs[k][i] = r.inputs[k];
    OUTCOME_COLUMNS.forEach((column, c) => (table.outcomes[c][i] = outcomeValue(column, r.outcomes) ?? NaN));
    if (r.path !== undefined) table.samples.push(r);
    i++;
  }
  if (i !== count) throw new Error(`outcome table: ${i} records where ${count} were expected`);
  return table;
}

/** Rows formatted and written at a time: a million rows are never one string. */
const CSV_ROWS_PER_WRITE = 4096;

/** Writes the table as outcomes.csv to `path`, a block of rows at a time. */
export function writeOutcomesCsv(path: string, table: OutcomeTable, paths: readonly string[], seed: number, start: string): void {
  const cell = (kind: OutcomeKind, v: number): string => {
    if (Number.isNaN(v)) return '';
    if (kind === 'month') return monthAt(start, v);
    return formatNumber(v);
  };
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, csvText([['run', 'seed', ...paths, ...OUTCOME_COLUMNS.map((c) => c.name)]]));
    const n = table.run.length;
    for (let from = 0; from < n; from += CSV_ROWS_PER_WRITE) {
      const rows: string[][] = [];
      for (let i = from; i < Math.min(n, from + CSV_ROWS_PER_WRITE); i++) {
        rows.push([String(table.run[i]), String(seed), ...table.inputs.map((column) => formatNumber(column[i])), ...OUTCOME_COLUMNS.map(({ kind }, c) => cell(kind, table.outcomes[c][i]))]);
      }
      writeSync(fd, csvText(rows));
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * outcomes.arrow: every column typed (run and counts as 32-bit integers, the seed as a 64-bit one,
 * months as `YYYY-MM` text, the rest as doubles) and its unit in the field's metadata (`unit`).
 * `paths` are the drawn inputs, in the units of the scenario's fields.
 */
export function outcomesArrow(table: OutcomeTable, paths: readonly string[], seed: number, start: string, currency: string): Uint8Array {
  const n = table.run.length;
  // Numbers are rounded as in every other output file, so the bytes do not depend on the machine.
  // Each column becomes an Arrow vector before the next is laid out, so only one is ever held as
  // plain values.
  const vectors: Record<string, Vector> = {
    run: vectorFromArray(Int32Array.from(table.run)),
    seed: vectorFromArray(new BigInt64Array(n).fill(BigInt(seed))),
  };
  const units = new Map<string, string>([
    ['run', 'run index'],
    ['seed', 'master seed'],
  ]);
  paths.forEach((p, k) => {
    vectors[p] = vectorFromArray(table.inputs[k].map(roundForFile));
    units.set(p, 'drawn input');
  });
  OUTCOME_COLUMNS.forEach((column, c) => {
    const v = table.outcomes[c];
    const present = (f: (x: number) => number | string) => Array.from(v, (x) => (Number.isNaN(x) ? null : f(x)));
    vectors[column.name] =
      column.kind === 'month'
        ? vectorFromArray(
            present((x) => monthAt(start, x)),
            new Utf8(),
          )
        : column.kind === 'count'
          ? vectorFromArray(
              present((x) => x),
              new Int32(),
            )
          : vectorFromArray(present(roundForFile), new Float64());
    units.set(column.name, outcomeUnit(column, currency));
  });
  const plain = new Table(vectors);
  const schema = new Schema(plain.schema.fields.map((f) => new Field(f.name, f.type, f.nullable, new Map([['unit', units.get(f.name)!]]))));
  return tableToIPC(
    new Table(
      schema,
      plain.batches.map((b) => new RecordBatch(schema, b.data)),
    ),
    'file',
  );
}

/** The outcome table in both forms a batch (or a merge) writes. */
export function outcomeTableFiles(table: OutcomeTable, plan: BatchPlan): [StreamedFile, OutputFile] {
  const { paths, seed, scenario } = plan;
  return [
    { name: 'outcomes.csv', write: (path) => writeOutcomesCsv(path, table, paths, seed, scenario.start) },
    { name: 'outcomes.arrow', content: outcomesArrow(table, paths, seed, scenario.start, scenario.currency) },
  ];
}

/** One finished run as the library hands it out: inputs by path, outcomes by name, months as YYYY-MM. */
export interface OutcomeRecord {
  run: number;
  seed: number;
  /** Each drawn input's value, by the path of its scenario field. */
  inputs: Record<string, number>;
  /** Every outcome of the output contract: a number, a month as YYYY-MM, or null where the run has none. */
  outcomes: Record<OutcomeName, number | string | null>;
}

/** The rows of an outcome table, as outcomes.csv holds them but named and typed. */
export function outcomeRecords(table: OutcomeTable, plan: BatchPlan): OutcomeRecord[] {
  const start = plan.scenario.start;
  return Array.from(table.run, (run, i) => ({
    run,
    seed: plan.seed,
    inputs: Object.fromEntries(plan.paths.map((p, k) => [p, table.inputs[k][i]])),
    outcomes: Object.fromEntries(
      OUTCOME_COLUMNS.map((c, k) => {
        const v = table.outcomes[k][i];
        return [c.name, Number.isNaN(v) ? null : c.kind === 'month' ? monthAt(start, v) : v];
      }),
    ) as Record<OutcomeName, number | string | null>,
  }));
}
