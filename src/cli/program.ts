/**
 * The `gpu-market` command line: commander parses, the command functions do the work, and every
 * error, commander's own included, ends as one line on stderr and an exit code.
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { PROGRAM, reportError } from './errors.js';
import { EXIT, type ExitCode } from './exitCodes.js';
import type { CliIo } from './io.js';
import { batchCommand, type BatchOptions } from './batchCommand.js';
import { mergeCommand, type MergeOptions } from './mergeCommand.js';
import { runCommand, type RunOptions } from './runCommand.js';
import { validateCommand, type ValidateOptions } from './validateCommand.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Builds the program; an action stores its exit code in `result.code`. */
function buildProgram(io: CliIo, result: { code: ExitCode }): Command {
  const program = new Command(PROGRAM);
  // Set before adding commands, which copy these settings from their parent.
  program
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text),
      // Commander's error text (and help shown on an error) is replaced by reportError's one line.
      writeErr: () => {},
      outputError: () => {},
    })
    .description('Agent-based simulation of the GPU rental market')
    .version(packageVersion(), '-V, --version')
    .showSuggestionAfterError(true);

  program
    .command('run')
    .description('simulate one path of a scenario, write its files and print the headline numbers')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--seed <n>', 'random seed, a whole number 0 or more', '1')
    .option('--months <n>', 'simulate only the first N months from the scenario start')
    .option('--set <path=value>', 'override a scenario field, e.g. vendor.outputScale=0 (repeatable)', collect, [])
    .option('--out <dir>', 'output folder (default: reports/<scenario file name>)')
    .option('--format <format>', 'metrics file format: csv or json', 'csv')
    .action((file: string, options: RunOptions) => {
      result.code = runCommand(file, options, io);
    });

  program
    .command('batch')
    .description('run a Monte Carlo batch over the uncertain inputs and write its summary')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--runs <n>', 'number of runs', '1000')
    .option('--seed <n>', 'master seed, a whole number 0 or more', '1')
    .option('--workers <n>', 'worker threads (default: the machine’s cores)')
    .option('--design <design>', 'mc, lhs, or table=FILE (a CSV of parameter sets)', 'lhs')
    .option('--chunk-size <n>', 'runs per task sent to a worker')
    .option('--set <path=value>', 'override a scenario field (repeatable)', collect, [])
    .option('--out <dir>', 'output folder (default: reports/<scenario file name>-batch)')
    .option('--quiet', 'no progress on stderr')
    .option('--allow-failures', 'exit 0 even if some runs failed')
    .option('--shard <i/k>', 'run only slice I (from 0) of K of the run indices; combine with merge')
    .option('--resume', 'go on from the checkpoint an interrupted batch left in --out')
    .action(async (file: string, options: BatchOptions) => {
      result.code = await batchCommand(file, options, io, io.isTty ?? false);
    });

  program
    .command('merge')
    .description('combine the shard folders of a sharded batch into its summary')
    .argument('<dirs...>', 'folders written by batch --shard')
    .option('--out <dir>', 'output folder (default: reports/merged-batch)')
    .action((dirs: string[], options: MergeOptions) => {
      result.code = mergeCommand(dirs, options, io);
    });

  program
    .command('validate')
    .description('load and check a scenario file without running it')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--set <path=value>', 'override a scenario field before checking (repeatable)', collect, [])
    .action((file: string, options: ValidateOptions) => {
      result.code = validateCommand(file, options, io);
    });

  return program;
}

/** Runs the CLI on `argv` (the arguments after the program name) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const result: { code: ExitCode } = { code: EXIT.OK };
  try {
    await buildProgram(io, result).parseAsync([...argv], { from: 'user' });
    return result.code;
  } catch (err) {
    return reportError(err, io);
  }
}
