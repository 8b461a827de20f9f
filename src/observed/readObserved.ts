/**
 * Reading observed data: a file of market observations, in the simple format (simpleRows.ts) or
 * as a market history (historyRows.ts), held against a scenario. Reading is two steps, so that a
 * command can check a file before it knows the scenario it will meet (the report reads the batch
 * after the file): `readObservedFile` checks the CSV, the header and every row, `bindObserved`
 * holds the rows against the scenario. A bad row stops the reader with one line,
 * `FILE:LINE: field: expected …, found …` (a ReportInputError, exit 2 on the command line).
 */
import { createHash } from 'node:crypto';
import { FileTooLarge, readBytesAtMost } from '../files/readLimited.js';
import { ReportInputError } from '../files/inputError.js';
import { failIn } from './cells.js';
import { bindHistory } from './historyRows.js';
import { requireInTarget } from './simpleRows.js';
import type { ObservedData, ObservedTarget } from './observation.js';
import { parseObservedFile, type ObservedFile } from './observedFile.js';

export { DEFAULT_RELATIVE_ERROR, type Observation, type ObservedData, type ObservedTarget } from './observation.js';
export { parseObservedFile, type ObservedFile } from './observedFile.js';

/** Largest observed-data file read: a market history is a few hundred rows, a few tens of KB. */
export const MAX_OBSERVED_BYTES = 16 * 1024 * 1024;

/** Reads and checks an observed-data file as far as it can be without a scenario. */
/** A file as read: its checked rows, and the SHA-256 of its bytes, which names exactly what a calibration was fitted to. */
export type ReadObservedFile = ObservedFile & { sha256: string };

export function readObservedFile(file: string): ReadObservedFile {
  let bytes: Buffer;
  try {
    bytes = readBytesAtMost(file, MAX_OBSERVED_BYTES);
  } catch (err) {
    if (err instanceof FileTooLarge) throw new ReportInputError(`${file}: ${err.reason('an observed-data file', '16 MB')}`);
    const code = (err as NodeJS.ErrnoException).code;
    throw new ReportInputError(`${file}: cannot read the observed-data file (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : (code ?? String(err))})`);
  }
  return { ...parseObservedFile(bytes.toString('utf8'), file), sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * A checked file held against the scenario `target`. A market history's rows must be of the
 * scenario's months and generations; a simple file's only when `strict` (a fit needs every point
 * inside; a report lists those outside as skipped).
 */
export function bindObserved(observed: ObservedFile, target: ObservedTarget, strict = false): ObservedData {
  if (observed.format === 'simple') {
    if (strict) for (const x of observed.observations) requireInTarget(x, target, failIn(observed.file));
    return { file: observed.file, observations: observed.observations, skipped: [] };
  }
  return bindHistory(observed.file, observed.rows, target);
}

export function parseObserved(text: string, file: string, target: ObservedTarget): ObservedData {
  return bindObserved(parseObservedFile(text, file), target);
}

export function readObserved(file: string, target: ObservedTarget): Promise<ObservedData> {
  return new Promise((resolve) => resolve(bindObserved(readObservedFile(file), target)));
}
