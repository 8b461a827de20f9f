/**
 * A command that ran many runs, every one of which failed because its input was more than the model
 * can hold (a ModelDivergence, marked `input` in the failure list), had bad input: exit 2 with the
 * first run's reason and no output. Some runs failing among others that finish is a result.
 */
import type { RunFailure } from '../montecarlo/chunk.js';
import { UsageError } from './errors.js';

/** How a command's runs ended, as far as the refusal needs to know. */
export interface RunTally {
  completed: number;
  failed: number;
  failedOnInput: number;
  /** The failure the refusal names. */
  first: RunFailure | null;
}

/**
 * Throws the bad-input error when no run completed and every failure was the input's, after
 * `tidy` (removing what the command wrote on the way; a failure to tidy does not hide the refusal).
 */
export function refuseIfEveryRunFailedOnInput(file: string, t: RunTally, tidy?: () => void): void {
  if (t.completed > 0 || t.failed === 0 || t.failedOnInput !== t.failed || t.first === null) return;
  try {
    tidy?.();
  } catch {
    // Tidying up is best effort; the refusal is what matters.
  }
  throw new UsageError(`${file}: every run failed on its input; the first, run ${t.first.index}: ${t.first.message}`);
}

/** The same, for a command that holds its failures: the one of the lowest run index is named. */
export function refuseIfInputFailedEveryRun(file: string, completed: number, failures: readonly RunFailure[], tidy?: () => void): void {
  const first = failures.length === 0 ? null : failures.reduce((a, b) => (b.index < a.index ? b : a));
  refuseIfEveryRunFailedOnInput(file, { completed, failed: failures.length, failedOnInput: failures.filter((f) => f.input).length, first }, tidy);
}
