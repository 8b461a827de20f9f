/**
 * The `gpu-market` command line: commander parses, the command functions do the work, and every
 * error, commander's own included, ends as one line on stderr and an exit code.
 */
import { Command, CommanderError } from 'commander';
import { PROGRAM, reportError } from './errors.js';
import { EXIT, type ExitCode } from './exitCodes.js';
import type { CliIo } from './io.js';
import { batchCommand, type BatchOptions } from './batchCommand.js';
import { compareCommand, type CompareOptions } from './compareCommand.js';
import { mergeCommand, type MergeOptions } from './mergeCommand.js';
import { reportCommand, type ReportOptions } from './reportCommand.js';
import { runCommand, type RunOptions } from './runCommand.js';
import { sensitivityCommand, type SensitivityOptions } from './sensitivityCommand.js';
import { validateCommand, type ValidateOptions } from './validateCommand.js';
import { DEFAULT_FOLDER_SUFFIX, defaultOutHelp, MERGE_OUT_DIR } from './options.js';
import { DEFAULT_QUEUE_WAIT, withQueue, type QueueOptions } from './queueOption.js';
import { SENSITIVITY_METHODS } from '../sensitivity/index.js';
import { packageVersion } from '../files/packageVersion.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** The ABC-SMC settings `calibrate` and `backtest` share (see src/calibration/abcSmc.ts). */
function calibrationOptions(command: Command): Command {
  return command
    .option('--params <paths>', 'calibrate only these uncertain inputs, comma-separated (default: all of them)')
    .option('--particles <n>', 'particles per generation', '200')
    .option('--generations <n>', 'generations at most, the draw from the prior included', '10')
    .option('--budget <runs>', 'simulator runs at most (a backtest: per cutoff)', '20000')
    .option('--replicates <n>', 'runs per particle, each with its own random streams', '3')
    .option('--quantile <q>', "each generation's tolerance is this quantile of the last one's distances", '0.5')
    .option('--tolerance <d>', 'stop once a generation reaches this distance (in errors)', '0')
    .option('--min-acceptance <share>', 'stop when fewer than this share of proposals are accepted', '0.02')
    .option('--seed <n>', 'seed, a whole number 0 or more', '1')
    .option('--workers <n>', 'worker threads (default: the machine’s cores)');
}

/** Where a command's chunks run instead of this machine's threads (see queueOption.ts). */
function queueOptions(command: Command): Command {
  return command
    .option('--queue <url>', 'run the chunks on gpu-market worker processes through this Redis work queue: redis://[user:password@]host:port[/db] or rediss://')
    .option('--queue-wait <sec>', `with --queue: how long to wait for an unreachable Redis server before stopping (with a checkpoint where the command keeps one) (default: ${DEFAULT_QUEUE_WAIT})`);
}

/** The commands that show rents can show them per GPU-hour of one generation (see analysis/rentUnit.ts). */
function unitOption(command: Command): Command {
  return command.option(
    '--unit <gen>',
    'show rents per GPU-hour of this generation of the scenario, e.g. H100: its own rent indices, and costs converted at its perfRatio (default: per reference-GPU-hour)',
  );
}

/** The text `--help` shows after a command's options: invocations on the shipped files. */
const example = (...invocations: string[]): string => ['', 'Example:', ...invocations.map((line) => `  $ ${PROGRAM} ${line}`)].join('\n');

/** Each method has a folder of its own, so that one method's run never replaces another's. */
function sensitivityOutHelp(): string {
  const suffixes = SENSITIVITY_METHODS.map((m) => DEFAULT_FOLDER_SUFFIX[m]);
  return `reports/<scenario file name>-<method>: ${suffixes.slice(0, -1).join(', ')} or ${suffixes[suffixes.length - 1]}`;
}

/** What a bare `gpu-market` prints: every command and what it does, one line each. */
function commandList(program: Command): string {
  const commands = program.commands.map((c) => ({ name: c.name(), description: c.description() }));
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.description}`),
    '',
    `${PROGRAM} <command> --help shows a command's options and an example.`,
    '',
  ].join('\n');
}

/** Commander's way of saying that no command was given. */
const isMissingCommand = (err: unknown): boolean => err instanceof CommanderError && err.code === 'commander.help' && err.exitCode !== 0;

/** Builds the program; an action stores its exit code in `result.code`. */
export function buildProgram(io: CliIo, result: { code: ExitCode }): Command {
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
    .option('--out <dir>', `output folder (default: ${defaultOutHelp('run')})`)
    .option('--format <format>', 'metrics file format: csv or json', 'csv')
    .addHelpText('after', example('run scenarios/baseline.yaml --seed 7 --months 48'))
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
    .option('--out <dir>', `output folder (default: ${defaultOutHelp('batch')})`)
    .option('--quiet', 'no progress on stderr')
    .option('--allow-failures', 'exit 0 even if some runs failed')
    .option(
      '--shard <i/k>',
      'run only slice I (from 0) of K of the run indices; combine with merge. auto: the slice of this task of a Slurm job array (SLURM_ARRAY_TASK_ID, _COUNT) or Kubernetes Indexed Job (JOB_COMPLETION_INDEX)',
    )
    .option('--shard-count <k>', 'with --shard auto in a Kubernetes Indexed Job: the number of shards (default: $GPU_MARKET_SHARD_COUNT)')
    .option('--resume', 'go on from the checkpoint an interrupted batch left in --out')
    .option('--thesis <file>', "a thesis file (YAML): test its claims on the batch's own runs, into thesis-<n>-<file name>/ of the output folder (repeatable)", collect, [])
    .option('--paths [metrics]', "also write paths.arrow: every run's value of each metric in each month (a comma-separated list of metrics, or all, the default)")
    .option('--report', 'write the HTML report afterwards, where `report <out>` would: reports/<output folder name without -batch>')
    .option(
      '--observed <file>',
      'with --report: a CSV of observed values to hold against the bands: date, metric, value[, source], or a market history (date, region, gpu, metric, kind, value or low/high, unit, source[, sd, weight])',
    )
    .addHelpText(
      'after',
      example(
        'batch scenarios/baseline.yaml --runs 2000 --report --observed scenarios/observed/china-2023.csv',
        'batch scenarios/baseline.yaml --runs 2000 --thesis scenarios/theses/entrant-irr.yaml --report',
      ),
    )
    .action(async (file: string, options: BatchOptions & QueueOptions) => {
      result.code = await withQueue(options, io, () => batchCommand(file, options, io, io.isTty ?? false));
    });

  program
    .command('sensitivity')
    .description('rank the uncertain inputs by their effect on an outcome: tornado, Sobol indices or Morris effects')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .requiredOption('--outcome <name>', 'an outcome (peakRent, maxFallFromPeak, redOnset, probe.irr …) or metric@YYYY-MM')
    .option('--method <method>', 'tornado, sobol or morris', 'tornado')
    .option('--samples <n>', 'tornado: replicates per point (50); sobol: base sample N (2048); morris: trajectories (50)')
    .option('--seed <n>', 'seed, a whole number 0 or more', '1')
    .option('--workers <n>', 'worker threads (default: the machine’s cores)')
    .option('--set <path=value>', 'override a scenario field (repeatable)', collect, [])
    .option('--out <dir>', `output folder (default: ${sensitivityOutHelp()})`)
    .option('--quiet', 'no progress on stderr')
    .addHelpText('after', example('sensitivity scenarios/baseline.yaml --outcome maxFallFromPeak --method morris'))
    .action(async (file: string, options: SensitivityOptions & QueueOptions) => {
      result.code = await withQueue(options, io, () => sensitivityCommand(file, options, io, io.isTty ?? false));
    });

  program
    .command('thesis')
    .description('test an investment thesis: the probability of each claim over a batch, its verdict, and where it holds')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .argument('<thesis>', 'thesis file (YAML): claims with expressions and required probabilities')
    .option('--runs <n>', 'number of runs', '1000')
    .option('--seed <n>', 'master seed, a whole number 0 or more', '1')
    .option('--workers <n>', 'worker threads (default: the machine’s cores)')
    .option('--set <path=value>', 'override a scenario field (repeatable)', collect, [])
    .option('--out <dir>', `output folder (default: ${defaultOutHelp('thesis', 'thesis file name')})`)
    .option('--quiet', 'no progress on stderr')
    .option('--allow-failures', 'exit 0 even if some runs failed')
    .addHelpText('after', example('thesis scenarios/baseline.yaml scenarios/theses/entrant-irr.yaml --runs 2000'))
    .action(async (file: string, thesisFile: string, options: import('./thesisCommand.js').ThesisOptions & QueueOptions) => {
      // Loaded on use: the expression parser (mathjs) is large, and no other command needs it.
      const { thesisCommand } = await import('./thesisCommand.js');
      result.code = await withQueue(options, io, () => thesisCommand(file, thesisFile, options, io, io.isTty ?? false));
    });

  program
    .command('discover')
    .description('scenario discovery: PRIM boxes of the uncertain inputs where an outcome falls in its worst tail (a decile by default)')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .requiredOption('--outcome <name>', 'an outcome (probe.irr, peakRent, redOnset …) or metric@YYYY-MM')
    .option(
      '--tail <side>',
      'low or high: which end of the outcome is bad; low suits probe.irr or rents, high suits costs or lead times (a month that never comes counts as after the horizon, so in the high tail)',
      'low',
    )
    .option('--share <x>', 'share of the runs in the tail, between 0 and 1', '0.1')
    .option('--runs <n>', 'number of runs', '1000')
    .option('--seed <n>', 'master seed, a whole number 0 or more', '1')
    .option('--workers <n>', 'worker threads (default: the machine’s cores)')
    .option('--set <path=value>', 'override a scenario field (repeatable)', collect, [])
    .option('--boxes <n>', 'most boxes to find, one after another', '3')
    .option('--out <dir>', `output folder (default: ${defaultOutHelp('discover')})`)
    .option('--quiet', 'no progress on stderr')
    .option('--allow-failures', 'exit 0 even if some runs failed')
    .addHelpText('after', example('discover scenarios/baseline.yaml --outcome probe.irr --runs 2000'))
    .action(async (file: string, options: import('./discoverCommand.js').DiscoverOptions & QueueOptions) => {
      // Loaded on use, like thesis: only this command needs it.
      const { discoverCommand } = await import('./discoverCommand.js');
      result.code = await withQueue(options, io, () => discoverCommand(file, options, io, io.isTty ?? false));
    });

  calibrationOptions(
    program
      .command('calibrate')
      .description('fit the uncertain inputs to observed history by ABC-SMC: posterior.csv, calibrated.yaml, calibration.json')
      .argument('<scenario>', 'scenario file (YAML or JSON)')
      .requiredOption(
        '--observed <file>',
        'observed values to fit (CSV): a market history (date, region, gpu, metric, kind, value or low/high, unit, source[, sd, weight]) or date, metric, value[, source]',
      )
      .option('--until <YYYY-MM>', 'use only the observations dated up to this month'),
  )
    .option('--out <dir>', `output folder (default: ${defaultOutHelp('calibrate')})`)
    .option('--resume', 'go on from the checkpoint an interrupted calibration left in --out')
    .option('--quiet', 'no progress on stderr')
    .addHelpText('after', example('calibrate scenarios/us-h100-2023.yaml --observed scenarios/observed/history-to-2024-06.csv --params vendor.outputScale,market.hype.halfLifeMonths'))
    .action(async (file: string, options: import('./calibrateCommand.js').CalibrateOptions & QueueOptions) => {
      const { calibrateCommand } = await import('./calibrateCommand.js');
      result.code = await withQueue(options, io, () => calibrateCommand(file, options, io, io.isTty ?? false));
    });

  calibrationOptions(
    program
      .command('backtest')
      .description('out-of-sample track record: calibrate on the points up to each cutoff, forecast the rest, score against the uncalibrated prior')
      .argument('<scenario>', 'scenario file (YAML or JSON)')
      .requiredOption('--observed <file>', 'observed history (CSV), as for calibrate')
      .requiredOption('--cutoff <YYYY-MM,...>', 'one or more cutoff months, comma-separated')
      .option('--runs <n>', 'runs of each forecast (posterior and prior)', '1000'),
  )
    .option('--out <dir>', `output folder (default: ${defaultOutHelp('backtest')})`)
    .option('--resume', 'reuse finished cutoffs and go on from the checkpoint of an interrupted one')
    .option('--quiet', 'no progress on stderr')
    .addHelpText('after', example('backtest scenarios/baseline.yaml --observed scenarios/observed/history-to-2024-06.csv --cutoff 2023-12'))
    .action(async (file: string, options: import('./backtestCommand.js').BacktestOptions & QueueOptions) => {
      const { backtestCommand } = await import('./backtestCommand.js');
      result.code = await withQueue(options, io, () => backtestCommand(file, options, io, io.isTty ?? false));
    });

  program
    .command('report')
    .description('write the HTML report of a batch: its verdict, charts (also as SVG and CSV), inputs')
    .argument('<batch-dir>', 'folder written by batch or merge')
    .option('--out <dir>', 'output folder (default: reports/<batch folder name without -batch>)')
    .option(
      '--observed <file>',
      'a CSV of observed values to hold against the bands: date, metric, value[, source], or a market history (date, region, gpu, metric, kind, value or low/high, unit, source[, sd, weight])',
    )
    .option('--thesis <dir>', 'a folder written by thesis (or its thesis.json) for the same scenario: adds the theses and their PRIM boxes (repeatable)', collect, [])
    .option('--sensitivity <dir>', 'a folder written by sensitivity (or its sensitivity.json) for the same scenario: adds its chart (repeatable)', collect, [])
    .option('--calibration <dir>', 'a folder written by calibrate (or its calibration.json): adds its posterior, tolerance path and fit (repeatable)', collect, [])
    .option('--backtest <dir>', 'a folder written by backtest (or its backtest.json): adds its scores (repeatable)', collect, [])
    .addHelpText('after', example('report reports/baseline-batch --observed scenarios/observed/china-2023.csv --sensitivity reports/baseline-tornado'))
    .action(async (dir: string, options: ReportOptions) => {
      result.code = await reportCommand(dir, options, io);
    });

  program
    .command('compare')
    .description('scenarios side by side: batches overlaid on one page, each against the first, with a table of differences and their intervals')
    .argument('<batch-dirs...>', 'two or more folders written by batch or merge; the first is the one the others are compared with')
    .option('--out <dir>', 'output folder (default: reports/<first batch folder name>-vs-<second>-compare, without -batch)')
    .addHelpText(
      'after',
      example('batch scenarios/baseline.yaml --runs 1000', 'batch scenarios/chip-glut.yaml --runs 1000', 'compare reports/baseline-batch reports/chip-glut-batch --out reports/baseline-vs-chip-glut'),
    )
    .action(async (dirs: string[], options: CompareOptions) => {
      result.code = await compareCommand(dirs, options, io);
    });

  program
    .command('merge')
    .description('combine the shard folders of a sharded batch into its summary')
    .argument('<dirs...>', 'folders written by batch --shard')
    .option('--out <dir>', `output folder (default: ${MERGE_OUT_DIR})`)
    .addHelpText(
      'after',
      example(
        'batch scenarios/baseline.yaml --runs 2000 --shard 0/2',
        'batch scenarios/baseline.yaml --runs 2000 --shard 1/2',
        'merge reports/baseline-batch-shard-0-of-2 reports/baseline-batch-shard-1-of-2 --out reports/baseline-batch',
      ),
    )
    .action((dirs: string[], options: MergeOptions) => {
      result.code = mergeCommand(dirs, options, io);
    });

  program
    .command('worker')
    .description('join a Redis work queue and run the chunks that batch, thesis, sensitivity, discover, calibrate and backtest put there with --queue')
    .requiredOption('--queue <url>', 'the queue: redis://[user:password@]host:port[/db] or rediss://')
    .option('--workers <n>', 'worker threads (default: the machine’s cores)')
    .option('--concurrency <n>', 'chunks taken at once (default: twice the worker threads, so no thread waits between chunks)')
    .addHelpText('after', example('batch scenarios/baseline.yaml --runs 100000 --queue redis://127.0.0.1:6379', 'worker --queue redis://127.0.0.1:6379 --workers 16'))
    .action(async (options: import('./workerCommand.js').WorkerOptions) => {
      const { workerCommand } = await import('./workerCommand.js');
      result.code = await workerCommand(options, io);
    });

  // The commands that run many simulations can run them on a work queue.
  for (const name of ['batch', 'sensitivity', 'thesis', 'discover', 'calibrate', 'backtest']) queueOptions(program.commands.find((c) => c.name() === name)!);
  for (const name of ['run', 'batch', 'thesis', 'report']) unitOption(program.commands.find((c) => c.name() === name)!);

  program
    .command('validate')
    .description('load and check a scenario file without running it')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--set <path=value>', 'override a scenario field before checking (repeatable)', collect, [])
    .option('--resolved', 'print the scenario as a run uses it, as YAML, instead of the ok line: the files it extends merged in, defaults filled in, --set applied')
    .addHelpText('after', example('validate scenarios/chip-glut.yaml --set vendor.outputScale=0.5', 'validate scenarios/chip-glut.yaml --resolved'))
    .action((file: string, options: ValidateOptions) => {
      result.code = validateCommand(file, options, io);
    });

  return program;
}

/** Runs the CLI on `argv` (the arguments after the program name) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const result: { code: ExitCode } = { code: EXIT.OK };
  const program = buildProgram(io, result);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return result.code;
  } catch (err) {
    // Still an error (exit 2, one line on stderr), but one that shows what there is to choose from.
    if (isMissingCommand(err)) io.out(commandList(program));
    return reportError(err, io);
  }
}
