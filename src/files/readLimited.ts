/**
 * Input files that are read whole and then parsed are refused by their size first: a file far
 * larger than any real input costs seconds and gigabytes to parse before any check could fail.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** A file over its size limit; the caller turns it into its own kind of input error. */
export class FileTooLarge extends Error {
  /** The size, or for a stream that ran past the limit, "more than" the limit. */
  readonly sizeText: string;

  constructor(
    readonly file: string,
    size: number | null,
    readonly limit: number,
  ) {
    const sizeText = size === null ? `more than ${bytes(limit)}` : bytes(size);
    super(`${file}: too large: ${sizeText}, where at most ${bytes(limit)} are read`);
    this.sizeText = sizeText;
  }

  /** "too large: …, where `what` may have at most … (`limitText`)", for the caller's own error. */
  reason(what: string, limitText: string): string {
    return `too large: ${this.sizeText}, where ${what} may have at most ${bytes(this.limit)} (${limitText})`;
  }
}

export const bytes = (n: number): string => `${n.toLocaleString('en-US')} bytes`;

/** The text (UTF-8) of `file` if it has at most `limit` bytes, else FileTooLarge, as `readBytesAtMost`. */
export const readTextAtMost = (file: string, limit: number): string => readBytesAtMost(file, limit).toString('utf8');

/**
 * The bytes of `file` if it has at most `limit` of them, else FileTooLarge; other failures are the
 * file system's. Read in pieces, never more than `limit` and one byte: a pipe or a device says
 * nothing of its size beforehand.
 */
export function readBytesAtMost(file: string, limit: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > limit) throw new FileTooLarge(file, size, limit);
    const pieces: Buffer[] = [];
    let total = 0;
    for (;;) {
      const piece = Buffer.allocUnsafe(Math.min(PIECE_BYTES, limit + 1 - total));
      const n = readSync(fd, piece, 0, piece.length, null);
      if (n === 0) break;
      pieces.push(piece.subarray(0, n));
      total += n;
      if (total > limit) throw new FileTooLarge(file, null, limit);
    }
    return Buffer.concat(pieces, total);
  } finally {
    closeSync(fd);
  }
}

const PIECE_BYTES = 1 << 20;
