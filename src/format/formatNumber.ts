/**
 * Numbers as they are written into output files. The same run must give byte-identical files on
 * any machine, so the text may not depend on the last few bits of a floating-point result (which
 * can differ between CPUs and Math library versions): integers are written exactly, everything
 * else is rounded to 12 significant digits first and then written the way JavaScript writes
 * numbers (shortest text that reads back to the same double).
 */

/** The value that is written to a file: integers unchanged, others rounded to 12 significant digits. */
export function roundForFile(value: number): number {
  if (!Number.isFinite(value)) {
    // NaN or ±Infinity in a metric is a model bug; writing it would hide it in a file.
    throw new Error(`cannot write ${String(value)} to an output file: the model must only produce finite numbers`);
  }
  if (Number.isInteger(value)) return value === 0 ? 0 : value; // -0 written as 0
  return Number(value.toPrecision(12));
}

/** Deterministic text for a number in a file, for example `22.84`, `1500`, `0.123456789012`. */
export function formatNumber(value: number): string {
  return String(roundForFile(value));
}
