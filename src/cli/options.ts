/**
 * Checks of option values, kept out of the commands so each rule is in one place. Each returns
 * the parsed value or throws a UsageError that names the option and what was wrong.
 */
import { availableParallelism } from 'node:os';
import { basename, extname, join } from 'node:path';
import { indexToMonth, MONTH, monthToIndex } from '../model/calendar.js';
import { METRICS_FORMATS, type MetricsFormat } from './run/runFiles.js';
import type { SensitivityMethod } from '../sensitivity/index.js';
import { UsageError } from './errors.js';
import { batchName } from '../report/reportDir.js';
import { rentUnit, UnknownRentUnit, type RentUnit } from '../analysis/rentUnit.js';

const WHOLE = /^\d+$/;

function wholeNumber(option: string, text: string, min: number): number {
  const value = Number(text);
  if (!WHOLE.test(text.trim()) || !Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`${option}: expected a whole number ${min} or more, found ${JSON.stringify(text)}`);
  }
  return value;
}

/** `--seed N`: a whole number ≥ 0. */
export const parseSeed = (text: string): number => wholeNumber('--seed', text, 0);

/** A share strictly between 0 and 1 (`--share`, `--quantile`, `--min-acceptance`). */
export function parseShare(option: string, text: string): number {
  const v = Number(text);
  if (text.trim() === '' || !(v > 0 && v < 1)) throw new UsageError(`${option}: expected a number between 0 and 1 (exclusive), found ${JSON.stringify(text)}`);
  return v;
}

/** A month option (`--until`, each `--cutoff`): YYYY-MM, one of the scenario's `months`. */
export function parseMonth(option: string, text: string, months: readonly string[]): string {
  if (!MONTH.test(text)) throw new UsageError(`${option}: expected a month as YYYY-MM, found ${JSON.stringify(text)}`);
  if (!months.includes(text)) throw new UsageError(`${option}: ${text} is outside the scenario's months ${months[0]} to ${months[months.length - 1]}`);
  return text;
}

/** A count option (`--runs`, `--workers`, `--chunk-size`): a whole number ≥ 1. */
export const positive = (option: string, text: string): number => wholeNumber(option, text, 1);

/**
 * Most runs one command takes: each run's outcomes are kept for `outcomes.csv` (a few hundred bytes
 * a run), so ten million runs stay within a few gigabytes. Larger studies run as shards.
 */
export const MAX_RUNS = 10_000_000;

/** `--runs N`: a whole number from 1 to `MAX_RUNS`. */
export function parseRuns(text: string): number {
  const runs = positive('--runs', text);
  if (runs > MAX_RUNS) throw new UsageError(`--runs: expected at most ${MAX_RUNS.toLocaleString('en-US')} runs, found ${JSON.stringify(text)}; split a larger study with --shard`);
  return runs;
}

/** Most workers per core: more only adds threads that wait for a core, each with its own heap. */
export const WORKERS_PER_CORE = 4;

/** `--workers N`: a whole number from 1 to `WORKERS_PER_CORE` times the machine's cores. */
export function parseWorkers(text: string, cores = availableParallelism()): number {
  const workers = positive('--workers', text);
  const most = WORKERS_PER_CORE * cores;
  if (workers > most) throw new UsageError(`--workers: expected at most ${most} (${WORKERS_PER_CORE} per core on this machine's ${cores}), found ${JSON.stringify(text)}`);
  return workers;
}

/** `--months N`: a whole number ≥ 1 (the scenario's own rules bound it above). */
export const parseMonths = (text: string): number => wholeNumber('--months', text, 1);

/** `--format csv|json`: the form of the metrics file. */
export function parseFormat(text: string): MetricsFormat {
  const found = METRICS_FORMATS.find((f) => f === text);
  if (found === undefined) throw new UsageError(`--format: expected ${METRICS_FORMATS.join(' or ')}, found ${JSON.stringify(text)}`);
  return found;
}

/**
 * `--unit GEN`: one of the scenario's generations, whose GPU-hours rents are then shown in. The
 * scenario is the one the command runs (after --set), or the batch's, so a name it lacks is refused
 * before anything runs or is written.
 */
export function parseRentUnit(text: string, generations: readonly { name: string; perfRatio?: number }[]): RentUnit {
  try {
    return rentUnit(text, generations);
  } catch (err) {
    if (err instanceof UnknownRentUnit) throw new UsageError(`--unit: ${err.message}`);
    throw err;
  }
}

/** `--out DIR`: any non-empty path but `-`. */
export function parseOutDir(text: string): string {
  if (text.trim() === '') throw new UsageError('--out: expected a folder path, found ""');
  // `-` means standard output to most tools; here it would quietly become a folder named "-".
  if (text.trim() === '-') throw new UsageError('--out: expected a folder path, found "-": every command writes a folder of files, which cannot go to standard output');
  return text;
}

/**
 * What each command (each sensitivity method on its own) adds to the input file's name to name
 * its default folder in reports/. One table, so that no command run without --out overwrites
 * another's files. The batch report keeps the bare name, which `npm start` and the README open;
 * `report` finds it from the batch folder by dropping `-batch` (src/report/reportDir.ts).
 */
export const DEFAULT_FOLDER_SUFFIX = {
  run: '-run',
  batch: '-batch',
  report: '',
  thesis: '-thesis',
  discover: '-discover',
  tornado: '-tornado',
  sobol: '-sobol',
  morris: '-morris',
  calibrate: '-calibration',
  backtest: '-backtest',
  compare: '-compare',
  // A new sensitivity method fails to compile until it has a folder of its own.
} as const satisfies Record<SensitivityMethod, string> & Record<string, string>;

/** A command (or sensitivity method) with a default folder named after its input file. */
export type OutputKind = keyof typeof DEFAULT_FOLDER_SUFFIX;

/** `merge` has no input file to name its folder after; it writes a batch folder, hence `-batch`. */
export const MERGE_OUT_DIR = `reports/merged${DEFAULT_FOLDER_SUFFIX.batch}`;

/**
 * `compare`'s folder when --out is not given, named after the batch folders without `-batch`:
 * `reports/<first>-vs-<second>-compare`, and `…-and-<n>-more-compare` for more than two.
 */
export function defaultCompareDir(batchDirs: readonly string[]): string {
  const [first, second] = batchDirs.map(batchName);
  const more = batchDirs.length > 2 ? `-and-${batchDirs.length - 2}-more` : '';
  return join('reports', `${first}-vs-${second}${more}${DEFAULT_FOLDER_SUFFIX.compare}`);
}

/** The output folder when --out is not given: `reports/<file name without extension><suffix of kind>`. */
export function defaultOutDir(file: string, kind: OutputKind): string {
  const name = basename(file, extname(file));
  return join('reports', `${name === '' ? 'scenario' : name}${DEFAULT_FOLDER_SUFFIX[kind]}`);
}

/** How --help names the default folder of `kind`, for a file of the given description. */
export const defaultOutHelp = (kind: OutputKind, file = 'scenario file name'): string => `reports/<${file}>${DEFAULT_FOLDER_SUFFIX[kind]}`;

/** The last month of a horizon of `months` months from `start` (both YYYY-MM). */
export const endMonthFor = (start: string, months: number): string => indexToMonth(monthToIndex(start) + months - 1);
