/**
 * Comparing batches side by side: compare.html (one self-contained page), compare.json (the table
 * of differences), and each chart as charts/<name>.svg and data/<name>.csv, as the report writes
 * them. Every folder is read and checked before anything is written, and the same folders give
 * byte-identical files.
 *
 * The batches must be in one currency (their money outcomes would not compare) and share at least
 * one month; the charts and the red-ocean rows are drawn over the months they share.
 */
import { join } from 'node:path';
import { ReportInputError } from '../../files/inputError.js';
import { packageVersion } from '../../files/packageVersion.js';
import { browserLibraries } from '../browserLibraries.js';
import { tableCsv } from '../chartTable.js';
import { renderSvg } from '../renderSvg.js';
import { writeReportFiles, type ReportFile } from '../writeReport.js';
import { compareCharts } from './charts.js';
import { compareHtml } from './compareHtml.js';
import { readComparedBatches, type ComparedBatch } from './compareInput.js';
import { compareJson, skippedMetrics } from './compareJson.js';
import { commonMonths, comparisons, type Comparison } from './comparison.js';
import { comparisonHeadlines } from './headlines.js';

export interface BuiltComparison {
  /** compare.html first, then compare.json, charts/ and data/. */
  files: ReportFile[];
  headlines: string[];
  comparisons: Comparison[];
}

export interface ComparisonResult {
  dir: string;
  /** Paths written, compare.html first. */
  files: string[];
  headlines: string[];
}

const range = (b: ComparedBatch): string => `${b.batch.summary.months[0]} to ${b.batch.summary.months.at(-1)}`;

/** The months the batches share; refuses batches in other currencies, or with no month in common. */
function checkedMonths(batches: readonly ComparedBatch[]): string[] {
  const [first, ...rest] = batches;
  for (const b of rest) {
    const ccy = b.batch.summary.currency;
    if (ccy !== first.batch.summary.currency) {
      throw new ReportInputError(
        `${join(b.batch.dir, 'summary.json')}: currency: expected ${first.batch.summary.currency}, the currency of ${first.batch.dir}, found ${ccy}; batches in different currencies cannot be compared`,
      );
    }
  }
  const months = commonMonths(batches);
  if (months.length === 0) {
    throw new ReportInputError(`compare: the batches have no month in common (${batches.map((b) => `${b.key} ${range(b)}`).join(', ')}); compare batches whose months overlap`);
  }
  return months;
}

export async function buildComparison(dirs: readonly string[]): Promise<BuiltComparison> {
  const batches = readComparedBatches(dirs);
  const months = checkedMonths(batches);
  const compared = comparisons(batches, months);
  const charts = compareCharts(batches, months);
  const headlines = comparisonHeadlines(compared);
  const svgs = await Promise.all(charts.map((c) => renderSvg(c.spec)));
  const html = compareHtml({
    batches,
    months,
    comparisons: compared,
    headlines,
    charts,
    skippedMetrics: skippedMetrics(batches),
    version: packageVersion(),
    libraries: browserLibraries(),
  });
  const files: ReportFile[] = [
    { path: 'compare.html', content: html },
    { path: 'compare.json', content: compareJson(batches, months, compared) },
    ...charts.map((c, i) => ({ path: `charts/${c.name}.svg`, content: svgs[i].svg })),
    ...charts.map((c) => ({ path: `data/${c.name}.csv`, content: tableCsv(c.table) })),
  ];
  return { files, headlines, comparisons: compared };
}

/** Compares the batches in `dirs` (the first is A, the reference) and writes the files into `out`. */
export async function writeComparison(dirs: readonly string[], out: string): Promise<ComparisonResult> {
  const built = await buildComparison(dirs);
  return { dir: out, files: writeReportFiles(out, built.files), headlines: built.headlines };
}
