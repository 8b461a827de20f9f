/**
 * One batch at a time in an output folder. A batch holds `batch.lock` in its folder while it runs:
 * its process id, host and batch. A second batch into the same folder is refused while the holder
 * runs; a lock whose process has ended on this host (a `kill -9`) is taken over.
 */
import { mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { processAlive } from '../files/writeFiles.js';
import { OutputError, UsageError } from './errors.js';

export const LOCK_FILE = 'batch.lock';

/** A lock file too new to have been written in full is taken as held: its writer may be mid-write. */
const FRESH_MS = 10_000;

interface Holder {
  pid: number;
  host: string;
  batch: string;
  since: string;
}

/** Takes the folder's lock for the batch described by `batch`; returns what releases it. */
export function lockFolder(outDir: string, batch: string): () => void {
  let created = false;
  try {
    statSync(outDir);
  } catch {
    created = true;
  }
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (err) {
    throw new OutputError(outDir, err);
  }
  const path = join(outDir, LOCK_FILE);
  const mine: Holder = { pid: process.pid, host: hostname(), batch, since: new Date().toISOString() };
  for (;;) {
    try {
      writeFileSync(path, JSON.stringify(mine), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new OutputError(outDir, err);
    }
    const holder = readHolder(path);
    if (holder === 'gone') continue;
    if (holder === null || holder.host !== mine.host || (holder.pid > 0 && processAlive(holder.pid))) {
      const who = holder === null ? 'a batch that is starting' : `the batch of process ${holder.pid} on ${holder.host}, since ${holder.since}`;
      throw new UsageError(`output folder ${outDir} is in use by ${who}; wait for it, choose another --out, or delete ${path} if that batch no longer runs`);
    }
    // Its process has ended: the lock is stale.
    rmSync(path, { force: true });
  }
  return () => {
    const holder = readHolder(path);
    if (holder !== null && holder !== 'gone' && holder.pid === mine.pid && holder.host === mine.host) rmSync(path, { force: true });
    if (created) {
      try {
        if (readdirSync(outDir).length === 0) rmdirSync(outDir);
      } catch {
        // Best effort: an empty folder left behind is harmless.
      }
    }
  };
}

/** The lock's holder; null when the file cannot be read yet (just created), 'gone' when it vanished. */
function readHolder(path: string): Holder | null | 'gone' {
  let text: string;
  let age: number;
  try {
    age = Date.now() - statSync(path).mtimeMs;
    text = readFileSync(path, 'utf8');
  } catch {
    return 'gone';
  }
  try {
    const h = JSON.parse(text) as Holder;
    if (Number.isInteger(h.pid) && h.pid > 0 && typeof h.host === 'string') return h;
  } catch {
    // Falls through: unreadable.
  }
  // A lock nobody can read: in use while it may still be being written, stale after that.
  return age < FRESH_MS ? null : { pid: 0, host: hostname(), batch: '', since: '' };
}
