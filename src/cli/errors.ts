/**
 * Every failure ends as exactly one line on stderr and an exit code: scenario authors and scripts
 * read these, not programmers, so stack traces appear only when GPU_MARKET_DEBUG=1 asks for them.
 */
import { CommanderError } from 'commander';
import { ModelDivergence } from '../model/divergence.js';
import { BatchInterrupted, WorkerOutOfMemory } from '../montecarlo/batch.js';
import { ChunkNotRun } from '../montecarlo/executor.js';
import { QueueServerError } from '../queue/serverError.js';
import { ScenarioError } from '../scenario/index.js';
import { oneLine } from '../scenario/oneLine.js';
import { EXIT, type ExitCode } from './exitCodes.js';
import type { CliIo } from './io.js';

export const PROGRAM = 'gpu-market';

/** A bad option or argument on the command line: exit 2, nothing written. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The run went fine but its files could not be put into the output folder. */
export class OutputError extends Error {
  constructor(
    readonly outDir: string,
    cause: unknown,
    what = `cannot write ${outDir}`,
  ) {
    super(`${what}: ${reasonOf(cause)}`, { cause });
    this.name = 'OutputError';
  }
}

function reasonOf(err: unknown): string {
  const e = err as NodeJS.ErrnoException | undefined;
  switch (e?.code) {
    case 'ENOTDIR':
      return `a part of the path is a file, not a folder (${e.path ?? ''})`;
    case 'EEXIST':
      return `a file is in the way of a folder (${e.path ?? ''})`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${e.path ?? ''})`;
    case 'EISDIR':
      return `a folder is in the way of a file (${(e as { dest?: string }).dest ?? e.path ?? ''})`;
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

/** Commander's own errors (unknown option, missing argument …) as one line, without "error: ". */
function commanderMessage(err: CommanderError): string {
  if (err.code === 'commander.help') return `missing command; choose one of the commands listed above`;
  return err.message.replace(/^error:\s*/, '');
}

/** Prints `err` as one line and returns the exit code it stands for. */
export function reportError(err: unknown, io: CliIo): ExitCode {
  const line = (text: string) => io.err(`${oneLine(text)}\n`);
  if (err instanceof ScenarioError) {
    line(err.format());
    return EXIT.BAD_INPUT;
  }
  if (err instanceof UsageError) {
    line(`${PROGRAM}: ${err.message}`);
    return EXIT.BAD_INPUT;
  }
  if (err instanceof CommanderError) {
    if (err.exitCode === 0) return EXIT.OK; // --help, --version
    line(`${PROGRAM}: ${commanderMessage(err)}`);
    return EXIT.BAD_INPUT;
  }
  if (err instanceof ModelDivergence) {
    line(`${PROGRAM}: ${err.file === undefined ? '' : `${err.file}: `}${err.message}`);
    return EXIT.BAD_INPUT;
  }
  if (err instanceof WorkerOutOfMemory) {
    line(`${PROGRAM}: ${err.message}; run fewer workers (--workers), fewer or shorter runs, or give Node more memory (NODE_OPTIONS=--max-old-space-size=MB)`);
    return EXIT.FAILURE;
  }
  // The work queue stopped a command that keeps no checkpoint (a calibration keeps one per round).
  if (err instanceof ChunkNotRun || err instanceof QueueServerError || (err instanceof BatchInterrupted && err.cause instanceof ChunkNotRun)) {
    line(`${PROGRAM}: ${err instanceof BatchInterrupted ? (err.cause as ChunkNotRun).reason : err.message}`);
    return EXIT.FAILURE;
  }
  if (err instanceof OutputError) {
    line(`${PROGRAM}: ${err.message}`);
    debugStack(err.cause, io);
    return EXIT.FAILURE;
  }
  line(`${PROGRAM}: internal error: ${err instanceof Error ? err.message : String(err)}`);
  debugStack(err, io);
  return EXIT.FAILURE;
}

function debugStack(err: unknown, io: CliIo): void {
  if (io.env.GPU_MARKET_DEBUG === '1' && err instanceof Error && err.stack) io.err(`${err.stack}\n`);
}
