/**
 * Putting a run's files into its output folder so that a reader never sees a half-written file
 * under a final name, and a failed write leaves the folder as it was.
 *
 * Everything is first written into a fresh temporary folder beside the target
 * (`<out>.tmp-<pid>-<random>`), on the same file system, so that each file can then be moved into
 * place with one atomic rename. Files already in the folder are kept (as hard links, or copies
 * where links are not possible) in the temporary folder until all renames have succeeded; if one
 * fails, those already moved are put back. The temporary folder is removed in every case.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export interface OutputFile {
  /** A plain file name, no directories. */
  name: string;
  /** Text (written as UTF-8) or bytes. */
  content: string | Uint8Array;
}

/** A file too large to hold whole: `write` writes it, a part at a time, at the path it is given. */
export interface StreamedFile {
  name: string;
  write: (path: string) => void;
}

export type FileToWrite = OutputFile | StreamedFile;

/**
 * Where the temporary folder for `outDir` goes: beside it, and beside the folder a symbolic link
 * points to, so that the renames stay on one file system. Its name says who made it.
 */
export function tempDirFor(outDir: string): string {
  const target = resolve(outDir);
  const base = exists(target) ? realpathSync(target) : target;
  return `${base}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
}

/**
 * Whether process `pid` is alive on this machine (a process we may not signal counts as alive). A
 * process killed but not yet reaped by its parent (a zombie) answers signals, but it is dead: where
 * /proc says so, it counts as dead.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
  return !zombie(pid);
}

function zombie(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return false;
  }
  // "pid (command) state …": the command may hold spaces and parentheses, the state follows the last ")".
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
}

/**
 * Writes one file whole: to `<path>.tmp-<pid>` beside it, then renamed into place, so a reader (a
 * resume, an editor watching it) sees the old file or the new one, never half of one. A failed
 * write removes its temporary file: a full disk must not be left fuller.
 */
export function writeFileAtomic(path: string, content: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * Removes the temporary folders that writes into `outDir` by processes no longer running left
 * beside it (a `kill -9` in the middle of a write). A live process's are its own business.
 */
export function removeStaleTempDirs(outDir: string): void {
  const target = resolve(outDir);
  const bases = new Set([target, exists(target) ? realpathSync(target) : target]);
  for (const base of bases) removeOrphans(dirname(base), new RegExp(`^${escapeRegExp(basename(base))}\\.tmp-(\\d+)-[0-9a-f]{12}$`));
}

/**
 * Removes the entries of `dir` whose names match `pattern`, its first group the id of the process
 * that made them, where that process no longer runs.
 */
export function removeOrphans(dir: string, pattern: RegExp): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = pattern.exec(name);
    if (m && !processAlive(Number(m[1]))) tryQuietly(() => rmSync(join(dir, name), { recursive: true, force: true }));
  }
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Writes `files` into `outDir` (created if needed) and returns the paths written, in order. The
 * files named in `supersedes` that this write does not bring are one set with `files` (a batch's
 * outputs): those found in the folder, from an earlier write of another kind, leave it in the same
 * step, so the folder never holds parts of two such sets.
 */
export function writeRun(outDir: string, files: readonly FileToWrite[], supersedes: readonly string[] = []): string[] {
  checkNames(files);
  const target = resolve(outDir);
  mkdirSync(dirname(target), { recursive: true });
  const tmp = tempDirFor(outDir);
  mkdirSync(tmp);
  try {
    const fresh = join(tmp, 'new');
    const previous = join(tmp, 'previous');
    mkdirSync(fresh);
    mkdirSync(previous);
    for (const f of files) {
      const path = join(fresh, f.name);
      if ('write' in f) f.write(path);
      else writeFileSync(path, f.content);
    }
    const createdDir = !exists(target);
    mkdirSync(target, { recursive: true });
    const placed: { path: string; backup: string | null }[] = [];
    try {
      for (const name of supersedes) {
        const path = join(target, name);
        if (files.some((f) => f.name === name) || !exists(path)) continue;
        const backup = join(previous, name);
        renameSync(path, backup);
        placed.push({ path, backup });
      }
      for (const f of files) {
        const path = join(target, f.name);
        const backup = exists(path) ? keepCopy(path, join(previous, f.name)) : null;
        renameSync(join(fresh, f.name), path);
        placed.push({ path, backup });
      }
    } catch (err) {
      restore(placed);
      if (createdDir) tryQuietly(() => rmdirSync(target));
      throw err;
    }
    return files.map((f) => join(outDir, f.name));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function checkNames(files: readonly FileToWrite[]): void {
  const seen = new Set<string>();
  for (const f of files) {
    if (f.name === '' || f.name !== basename(f.name) || f.name === '.' || f.name === '..') {
      throw new Error(`output file name ${JSON.stringify(f.name)} is not a plain file name`);
    }
    if (seen.has(f.name)) throw new Error(`output file ${f.name} given twice`);
    seen.add(f.name);
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** A second name for the file at `path` (a hard link, else a copy), so it can be put back. */
function keepCopy(path: string, backup: string): string {
  try {
    linkSync(path, backup);
  } catch {
    copyFileSync(path, backup);
  }
  return backup;
}

/** Undoes the renames done so far, newest first: old files back over new ones, new ones removed. */
function restore(placed: readonly { path: string; backup: string | null }[]): void {
  for (const p of [...placed].reverse()) {
    tryQuietly(() => (p.backup === null ? rmSync(p.path, { force: true }) : renameSync(p.backup, p.path)));
  }
}

function tryQuietly(action: () => void): void {
  try {
    action();
  } catch {
    // Best effort while already failing: the first error is the one worth reporting.
  }
}
