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
