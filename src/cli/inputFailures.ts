/**
 * A command that ran many runs, every one of which failed because its input was more than the model
 * can hold (a ModelDivergence, marked `input` in the failure list), had bad input: exit 2 with the
 * first run's reason and no output. Some runs failing among others that finish is a result.
 */
import type { RunFailure } from '../montecarlo/chunk.js';
import { UsageError } from './errors.js';

export const everyRunFailedOnInput = (file: string, first: RunFailure): UsageError =>
  new UsageError(`${file}: every run failed on its input; the first, run ${first.index}: ${first.message}`);

/**
 * Throws the bad-input error when no run completed and every failure was the input's, after
 * `tidy` (removing what the command wrote on the way; a failure to tidy does not hide the refusal).
 */
export function refuseIfInputFailedEveryRun(file: string, completed: number, failures: readonly RunFailure[], tidy?: () => void): void {
  if (completed > 0 || failures.length === 0 || !failures.every((f) => f.input)) return;
  try {
    tidy?.();
  } catch {
    // Tidying up is best effort; the refusal is what matters.
  }
  throw everyRunFailedOnInput(file, failures.reduce((a, b) => (b.index < a.index ? b : a)));
}
