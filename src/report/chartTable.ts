/**
 * The data behind a chart: a flat table that is both the chart's inline data and its CSV file.
 * Charts with several layers keep them in one long table, told apart by a `kind` column, so a
 * reader of the CSV sees everything the chart draws.
 */
import { csvText } from '../format/csv.js';
import { formatNumber } from '../format/formatNumber.js';

export type Cell = string | number | null;
export type Row = Record<string, Cell>;

export interface ChartTable {
  /** Column order of the CSV file. */
  columns: readonly string[];
  rows: Row[];
}

/** The table as CSV: numbers written as in every output file, null as an empty field. */
export function tableCsv(table: ChartTable): string {
  const cell = (v: Cell | undefined): string => (v === null || v === undefined ? '' : typeof v === 'number' ? formatNumber(v) : v);
  return csvText([[...table.columns], ...table.rows.map((r) => table.columns.map((c) => cell(r[c])))]);
}
