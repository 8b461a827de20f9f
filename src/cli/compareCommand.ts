/**
 * `gpu-market compare <batch-dir> <batch-dir>…`: batches side by side on one page, each against
 * the first, with compare.json (the table of differences) and each chart as SVG and CSV beside it.
 * Every folder is read and checked before anything is written; a bad one is a usage error (exit 2)
 * naming the folder or file. The report library is loaded only when the command runs.
 */
import { resolve } from 'node:path';
import { UsageError } from './errors.js';
import { EXIT, type ExitCode } from './exitCodes.js';
import type { CliIo } from './io.js';
import { defaultCompareDir, parseOutDir } from './options.js';
import { asUsage } from './reportCommand.js';
import { checkOutDir, writeOutputs } from './writeOutputs.js';

export interface CompareOptions {
  out?: string;
}

export async function compareCommand(dirs: readonly string[], o: CompareOptions, io: CliIo): Promise<ExitCode> {
  const given = o.out === undefined ? undefined : parseOutDir(o.out);
  if (dirs.length < 2) throw new UsageError(`compare: expected at least two batch folders, found ${dirs.length}`);
  const outDir = given ?? defaultCompareDir(dirs);
  const into = dirs.find((d) => resolve(d) === resolve(outDir));
  if (into !== undefined) throw new UsageError(`--out: ${outDir} is the batch folder ${into}; the comparison goes into a folder of its own (choose another with --out)`);
  checkOutDir(outDir);
  const { buildComparison } = await import('../report/compare/writeCompare.js');
  const { writeReportFiles } = await import('../report/writeReport.js');
  const built = await asUsage(() => buildComparison(dirs));
  const written = writeReportFiles(outDir, built.files, writeOutputs);
  io.out('Headline differences\n');
  for (const line of built.headlines) io.out(`  - ${line}\n`);
  const charts = built.files.filter((f) => f.path.startsWith('charts/')).length;
  io.out(`\nwrote ${written[0]} and ${written[1]}, with ${charts} charts as SVG (charts/) and their data as CSV (data/)\n`);
  io.out(`compare: ${written[0]}\n`);
  return EXIT.OK;
}
