/**
 * The batches a comparison reads: each folder read and checked as the report reads it (readBatch),
 * then every per-run outcome of its outcomes.csv, which the report itself draws only a few of.
 * Each batch gets a letter, A for the first, which the page and compare.json name it by.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReportInputError } from '../../files/inputError.js';
import { parseCsv } from '../../format/parseCsv.js';
import { MONTH, monthToIndex } from '../../model/calendar.js';
import { OUTCOME_COLUMNS, type OutcomeName } from '../../model/outcomeColumns.js';
import { describeValue } from '../../scenario/describeValue.js';
import type { BatchData } from '../batchData.js';
import { readBatch } from '../readBatch.js';

/** Most batches on one page: each is a colour on every chart, and more would not read. */
export const MAX_COMPARED = 8;

export interface ComparedBatch {
  /** A, B, C …: the batch's place in the command line. */
  key: string;
  /** `A · <scenario name>`: the legend's and the tables' name of the batch. */
  label: string;
  batch: BatchData;
  /** The completed runs' indices, ascending, as outcomes.csv lists them. */
  runs: number[];
  /**
   * Each outcome by run, aligned with `runs`: numbers, months as month indices (year × 12 +
   * month − 1, so months of batches with other start months compare), null where a run has none.
   */
  outcomes: Record<OutcomeName, (number | null)[]>;
}

export function readComparedBatches(dirs: readonly string[]): ComparedBatch[] {
  if (dirs.length < 2) throw new ReportInputError(`compare: expected at least two batch folders, found ${dirs.length}`);
  if (dirs.length > MAX_COMPARED) throw new ReportInputError(`compare: expected at most ${MAX_COMPARED} batch folders (each is a colour on the charts), found ${dirs.length}`);
  return dirs.map((dir, i) => {
    const batch = readBatch(dir);
    const key = String.fromCharCode(65 + i);
    return { key, label: `${key} · ${batch.summary.scenario}`, batch, ...outcomeColumns(join(dir, 'outcomes.csv')) };
  });
}

/** Every outcome column of outcomes.csv (which readBatch has checked row by row against the summary). */
function outcomeColumns(file: string): Pick<ComparedBatch, 'runs' | 'outcomes'> {
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
  const runAt = header.cells.indexOf('run');
  const columns = OUTCOME_COLUMNS.map((c) => {
    const at = header.cells.indexOf(c.name);
    if (at < 0) throw new ReportInputError(`${file}:${header.line}: header: expected a column ${c.name}, found none; run the batch again with this version`);
    return { ...c, at };
  });
  const outcomes = Object.fromEntries(
    columns.map((c) => [
      c.name,
      rows.map(({ line, cells }) => {
        const text = cells[c.at];
        if (text === '') return null;
        if (c.kind === 'month') {
          if (!MONTH.test(text)) throw new ReportInputError(`${file}:${line}: ${c.name}: expected a month as YYYY-MM or nothing, found ${describeValue(text)}`);
          return monthToIndex(text);
        }
        const v = Number(text);
        if (!Number.isFinite(v)) throw new ReportInputError(`${file}:${line}: ${c.name}: expected a number or nothing, found ${describeValue(text)}`);
        return v;
      }),
    ]),
  ) as Record<OutcomeName, (number | null)[]>;
  return { runs: rows.map((r) => Number(r.cells[runAt])), outcomes };
}
