/**
 * A batch's finished run records (inputs, outcomes, extracted values) kept on disk while it runs,
 * so that its memory stays flat however many runs it has: the bands are bounded, the records are
 * not. Each finished chunk appends one line, a JSON array of its records, to a file beside the
 * checkpoint. A checkpoint names the length and SHA-256 of the file as it was then (`SpillMark`);
 * resuming checks that prefix and cuts off whatever chunks finished after it, which the checkpoint
 * does not list. Once every run is done, the records are read back in run order, a chunk at a time,
 * into the outcome table's columns.
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, ftruncateSync, mkdirSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RunRecord } from './chunk.js';

export const RECORDS_FILE = 'checkpoint-records.ndjson';

/** What a checkpoint says of the records file: its first `bytes` bytes hold `runs` records and hash to `sha256`. */
export interface SpillMark {
  bytes: number;
  runs: number;
  sha256: string;
}

/** A records file that cannot be used to resume; `reason` says why, without the file's name. */
export class SpillMismatch extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

const EMPTY_SHA256 = createHash('sha256').digest('hex');

/** Bytes read at a time when the file is read back: lines longer than this are joined across reads. */
const READ_BLOCK = 1 << 20;

/** Where one chunk's line is in the file, and the run index of its first record. */
interface Line {
  offset: number;
  length: number;
  first: number;
}

export class RecordSpill {
  private bytes = 0;
  private count = 0;
  private hash: Hash = createHash('sha256');
  private readonly lines: Line[] = [];

  private constructor(
    readonly path: string,
    /** -1 until the first record is written: a batch that finishes no run leaves no file behind. */
    private fd = -1,
  ) {}

  /** An empty records file in `dir`, created (or emptied, if one is there) when the first records come. */
  static create(dir: string): RecordSpill {
    return new RecordSpill(join(dir, RECORDS_FILE));
  }

  /**
   * The records file in `dir` as `mark` describes it, with what was appended after the mark cut off,
   * and the run index of every record it holds (for the checkpoint's consistency checks). A file
   * that is missing, shorter than the mark, or whose first bytes are not those the mark hashed is
   * refused with a SpillMismatch.
   */
  static resume(dir: string, mark: SpillMark): { spill: RecordSpill; indices: number[] } {
    const path = join(dir, RECORDS_FILE);
    const validMark = mark !== null && typeof mark === 'object' && Number.isSafeInteger(mark.bytes) && mark.bytes >= 0 && Number.isSafeInteger(mark.runs) && mark.runs >= 0;
    if (!validMark) throw new SpillMismatch(path, 'the checkpoint does not describe its records file');
    if (mark.bytes === 0 && mark.runs === 0 && mark.sha256 === EMPTY_SHA256) return { spill: RecordSpill.create(dir), indices: [] };
    let fd: number;
    try {
      fd = openSync(path, 'r+');
    } catch {
      throw new SpillMismatch(path, 'the records file of the checkpoint is missing or unreadable');
    }
    const spill = new RecordSpill(path, fd);
    try {
      const indices: number[] = [];
      spill.bytes = spill.scan(mark.bytes, (line, offset) => {
        spill.hash.update(line);
        const runs = parseLine(path, line);
        if (runs.length > 0) spill.lines.push({ offset, length: line.length, first: runs[0]?.index });
        for (const r of runs) indices.push(r?.index);
      });
      if (spill.bytes < mark.bytes) throw new SpillMismatch(path, `its whole records take ${spill.bytes} bytes where the checkpoint counts ${mark.bytes}`);
      if (spill.hash.copy().digest('hex') !== mark.sha256) throw new SpillMismatch(path, 'its records are not those the checkpoint saw (their SHA-256 differs)');
      if (indices.length !== mark.runs) throw new SpillMismatch(path, `it holds ${indices.length} records where the checkpoint counts ${mark.runs}`);
      ftruncateSync(fd, mark.bytes);
      spill.count = mark.runs;
      return { spill, indices };
    } catch (err) {
      spill.close();
      throw err;
    }
  }

  /** Records appended so far. */
  get runs(): number {
    return this.count;
  }

  /** Appends one chunk's records. A failed write leaves the file as it was before the call. */
  append(runs: readonly RunRecord[]): void {
    if (runs.length === 0) return;
    const line = Buffer.from(`${JSON.stringify(runs)}\n`);
    if (this.fd < 0) {
      mkdirSync(dirname(this.path), { recursive: true });
      this.fd = openSync(this.path, 'w+');
    }
    try {
      for (let done = 0; done < line.length;) done += writeSync(this.fd, line, done, line.length - done, this.bytes + done);
    } catch (err) {
      // A half-written line would spoil every later one: the file goes back to its last whole line.
      try {
        ftruncateSync(this.fd, this.bytes);
      } catch {
        // Already failing; the first error is the one to report.
      }
      throw err;
    }
    this.hash.update(line);
    this.lines.push({ offset: this.bytes, length: line.length, first: runs[0].index });
    this.bytes += line.length;
    this.count += runs.length;
  }

  /** The file as it stands, for a checkpoint. */
  mark(): SpillMark {
    return { bytes: this.bytes, runs: this.count, sha256: this.hash.copy().digest('hex') };
  }

  /**
   * Every record, in ascending run order, read back one chunk at a time. Each line holds one chunk's
   * records in run order, and chunks are disjoint ranges of runs, so ordering the lines by their
   * first run orders every record.
   */
  *inRunOrder(): Generator<RunRecord> {
    // After the batch has let go of the file (see `close`), it is opened again for the reading.
    const reopened = this.fd < 0 && this.bytes > 0;
    if (reopened) this.fd = openSync(this.path, 'r');
    try {
      for (const line of [...this.lines].sort((a, b) => a.first - b.first)) {
        const bytes = Buffer.allocUnsafe(line.length);
        for (let done = 0; done < line.length;) {
          const n = readSync(this.fd, bytes, done, line.length - done, line.offset + done);
          if (n === 0) throw new SpillMismatch(this.path, 'it ended before its last record');
          done += n;
        }
        yield* parseLine(this.path, bytes);
      }
    } finally {
      if (reopened) this.close();
    }
  }

  close(): void {
    if (this.fd < 0) return;
    closeSync(this.fd);
    this.fd = -1;
  }

  /**
   * Calls `onLine` with each whole line (newline included) in the first `limit` bytes of the file
   * and returns how many bytes those lines take: a line cut off at `limit` or at the end of the file is
   * not a whole line.
   */
  private scan(limit: number, onLine: (line: Buffer, offset: number) => void): number {
    const block = Buffer.allocUnsafe(READ_BLOCK);
    let pending: Buffer[] = [];
    let position = 0;
    let whole = 0;
    while (position < limit) {
      const n = readSync(this.fd, block, 0, Math.min(READ_BLOCK, limit - position), position);
      if (n === 0) break;
      let start = 0;
      for (let nl = block.indexOf(10, 0); nl >= 0 && nl < n; nl = block.indexOf(10, start)) {
        const line = Buffer.concat([...pending, block.subarray(start, nl + 1)]);
        pending = [];
        onLine(line, whole);
        whole += line.length;
        start = nl + 1;
      }
      if (start < n) pending.push(Buffer.from(block.subarray(start, n)));
      position += n;
    }
    return whole;
  }
}

function parseLine(path: string, line: Buffer): RunRecord[] {
  let runs: unknown;
  try {
    runs = JSON.parse(line.toString('utf8'));
  } catch {
    throw new SpillMismatch(path, 'a line of it is not JSON');
  }
  if (!Array.isArray(runs)) throw new SpillMismatch(path, 'a line of it is not a list of run records');
  return runs as RunRecord[];
}

/** Removes the records file in `dir`, if there is one. */
export function removeSpill(dir: string): void {
  rmSync(join(dir, RECORDS_FILE), { force: true });
}
