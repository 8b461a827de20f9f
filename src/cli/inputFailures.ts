/**
 * A command that ran many runs, every one of which failed because its input was more than the model
 * can hold (a ModelDivergence, marked `input` in the failure list), had bad input: exit 2 with the
 * first run's reason and no output. Some runs failing among others that finish is a result.
 */
import type { RunFailure } from '../montecarlo/chunk.js';
import { UsageError } from './errors.js';

/** The first failure (by run index) when every run failed on its input, else null. */
export function failedOnInputOnly(completed: number, failures: readonly RunFailure[]): RunFailure | null {
  if (completed > 0 || failures.length === 0 || !failures.every((f) => f.input)) return null;
  return failures.reduce((a, b) => (b.index < a.index ? b : a));
}

export const everyRunFailedOnInput = (file: string, first: RunFailure): UsageError =>
  new UsageError(`${file}: every run failed on its input; the first, run ${first.index}: ${first.message}`);

/** Throws the bad-input error when every run failed on its input. */
export function refuseIfInputFailedEveryRun(file: string, completed: number, failures: readonly RunFailure[]): void {
  const first = failedOnInputOnly(completed, failures);
  if (first !== null) throw everyRunFailedOnInput(file, first);
}
