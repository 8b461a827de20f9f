/** The process exit codes of `gpu-market`. Scripts branch on these, so they do not change. */
export const EXIT = {
  /** The command did what was asked. */
  OK: 0,
  /** Something went wrong that is not the input's fault: an internal error, or the output could not be written. */
  FAILURE: 1,
  /** Bad input: a scenario that does not load, a bad option or argument. Nothing was written. */
  BAD_INPUT: 2,
  /** Stopped by Ctrl-C or kill; a batch left a checkpoint to resume from. */
  INTERRUPTED: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * The exit code of a command that ran a batch: a failed run makes it FAILURE (saying so on stderr,
 * and where the failures are listed) unless the user accepted failures with --allow-failures.
 */
export function runsExitCode(err: (text: string) => void, failed: number, runs: number, listedIn: string, allowFailures: boolean | undefined): ExitCode {
  if (failed === 0 || allowFailures) return EXIT.OK;
  err(`gpu-market: ${failed} of ${runs} runs failed (see ${listedIn}); --allow-failures accepts that\n`);
  return EXIT.FAILURE;
}
