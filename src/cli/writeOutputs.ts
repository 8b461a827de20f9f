/** Writing a command's files, the one way every command does it: atomically, then listing them. */
import type { OutputFile } from '../output/runFiles.js';
import { writeRun } from '../output/writeRun.js';
import { OutputError } from './errors.js';
import type { CliIo } from './io.js';

/** Writes `files` into `outDir` atomically; a failure becomes an OutputError naming the folder. */
export function writeOutputs(outDir: string, files: readonly OutputFile[]): string[] {
  try {
    return writeRun(outDir, files);
  } catch (err) {
    throw new OutputError(outDir, err);
  }
}

export function reportWritten(io: CliIo, paths: readonly string[]): void {
  for (const path of paths) io.out(`wrote ${path}\n`);
}
