/** Writing a command's files, the one way every command does it: atomically, then listing them. */
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { FileToWrite } from '../files/writeFiles.js';
import { removeOrphans, removeStaleTempDirs, writeRun } from '../files/writeFiles.js';
import { removeStaleCheckpointTemps } from '../montecarlo/checkpoint.js';
import { PATHS_FILE, PATHS_TEMP } from '../montecarlo/pathsFile.js';
import { SAMPLES_FILE } from '../montecarlo/samples.js';
import { SHARD_FILE } from '../montecarlo/shard.js';
import { RESOLVED_SCENARIO_FILE } from '../scenario/resolved.js';
import { OutputError, UsageError } from './errors.js';
import type { CliIo } from './io.js';

/**
 * Checks, before anything runs, that `outDir` can become the output folder: it is a folder or
 * does not exist yet, and the nearest folder above it that exists is one this process may write
 * in. A command that runs for an hour must not find out at the end that its `--out` is a file.
 * Then clears what killed writers into it left behind.
 */
export function checkOutDir(outDir: string): void {
  checkWritable(outDir);
  removeStaleTempDirs(outDir);
  removeStaleCheckpointTemps(outDir);
  removeOrphans(outDir, PATHS_TEMP);
}

function checkWritable(outDir: string): void {
  let path = resolve(outDir);
  for (;;) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (err) {
      const parent = dirname(path);
      const code = (err as NodeJS.ErrnoException).code;
      // ENOTDIR: a file above it; the walk up finds which.
      if ((code === 'ENOENT' || code === 'ENOTDIR') && parent !== path) {
        path = parent;
        continue;
      }
      throw new UsageError(`output folder ${outDir}: ${(err as Error).message} (choose another with --out)`);
    }
    if (!isDirectory) {
      throw new UsageError(`output folder ${outDir}: ${path === resolve(outDir) ? 'it is a file' : `${path} is a file`}, not a folder (choose another with --out)`);
    }
    try {
      accessSync(path, constants.W_OK | constants.X_OK);
    } catch {
      throw new UsageError(`output folder ${outDir}: no permission to write in ${path} (choose another with --out)`);
    }
    return;
  }
}

/**
 * The files of a batch, whole or one shard, or of a merge: one set in a folder. A batch written
 * into the folder of another takes the other's files that it does not write away with it, so that
 * a shard's outcomes never stand beside another batch's summary.
 */
export const BATCH_FILES = ['summary.json', 'outcomes.csv', 'outcomes.arrow', PATHS_FILE, SAMPLES_FILE, 'run-info.json', RESOLVED_SCENARIO_FILE, SHARD_FILE] as const;

/**
 * Writes `files` into `outDir` atomically, with the files of `supersedes` it does not write taken
 * out of it (see `writeRun`); a failure becomes an OutputError naming the folder.
 */
export function writeOutputs(outDir: string, files: readonly FileToWrite[], supersedes: readonly string[] = []): string[] {
  try {
    return writeRun(outDir, files, supersedes);
  } catch (err) {
    throw new OutputError(outDir, err);
  }
}

export function reportWritten(io: CliIo, paths: readonly string[]): void {
  for (const path of paths) io.out(`wrote ${path}\n`);
}
