/**
 * Theses tested on a batch's own runs (`gpu-market batch --thesis FILE`) are kept in the batch
 * folder, one folder per thesis: `thesis-<n>-<name>/`, n the thesis's place among the --thesis
 * options (from 1) and name its file's name without the extension. The number keeps two thesis
 * files of one name from different folders apart. Each folder holds what the thesis command writes,
 * so `report --thesis` takes it as it takes a thesis command's folder, and the report of the batch
 * finds them itself.
 */
import { readdirSync, rmdirSync, rmSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { OutputFile } from '../files/writeFiles.js';
import { jsonText } from '../format/json.js';
import type { ThesisResult } from './runThesis.js';
import { thesisJson, thesisRunsCsv } from './thesisOutput.js';

/** The files of a thesis result, as the thesis command writes them. */
export const THESIS_FILES = ['thesis.json', 'thesis-runs.csv'] as const;

/** No dots: the temporary folders a write goes through (`<folder>.tmp-…`) never look like a thesis's. */
const FOLDER = /^thesis-([1-9]\d*)-[A-Za-z0-9_-]+$/;

/** The folder, in its batch's folder, of the `n`-th (from 1) thesis, read from `file`. */
export function batchThesisFolder(n: number, file: string): string {
  const name = basename(file, extname(file)).replace(/[^A-Za-z0-9_-]+/g, '-');
  return `thesis-${n}-${name === '' || name === '-' ? 'thesis' : name}`;
}

/** thesis.json and thesis-runs.csv of a result. */
export function thesisFiles(r: ThesisResult): OutputFile[] {
  return [
    { name: THESIS_FILES[0], content: jsonText(thesisJson(r)) },
    { name: THESIS_FILES[1], content: thesisRunsCsv(r) },
  ];
}

/** The names of the thesis folders in `batchDir`, in the order of their numbers; none if it cannot be read. */
export function batchThesisFolders(batchDir: string): string[] {
  let entries;
  try {
    entries = readdirSync(batchDir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isDirectory() && FOLDER.test(e.name))
    .map((e) => e.name)
    .sort((a, b) => number(a) - number(b) || a.localeCompare(b));
}

const number = (folder: string): number => Number(FOLDER.exec(folder)![1]);

/**
 * Takes out of `batchDir` the thesis folders other than `keep`: those of an earlier batch written
 * into the same folder, whose runs are gone. Only the thesis files go; a folder that holds anything
 * else is left, with that in it.
 */
export function removeOtherBatchTheses(batchDir: string, keep: readonly string[]): void {
  for (const folder of batchThesisFolders(batchDir)) {
    if (keep.includes(folder)) continue;
    const dir = join(batchDir, folder);
    for (const name of THESIS_FILES) rmSync(join(dir, name), { force: true });
    try {
      rmdirSync(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOTEMPTY') throw err;
    }
  }
}
