/**
 * The analyses a report can add to a batch: thesis.json, written by `gpu-market thesis`, and
 * sensitivity.json, written by `gpu-market sensitivity`. Each is read from its file (or the folder
 * that holds it) and checked field by field, like summary.json: anything missing or malformed is
 * one ReportInputError naming the file and the field. Strings are taken as they are, whatever
 * they hold: the page escapes them, and nothing here trusts that the writer restricted them.
 *
 * Both must come from the batch's scenario: the same scenario hash where both files carry one
 * (the hash of the resolved scenario, after --set), else the same scenario name (and, for a
 * sensitivity analysis, the same months).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { BatchSummary } from './batchData.js';
import { ReportInputError } from '../files/inputError.js';
import { checked, count, maybe, month, parseJson, share } from './jsonInput.js';

const Restriction = z.object({ input: z.string(), lower: maybe, upper: maybe, quasiP: maybe });
const Step = z.object({ coverage: share, density: share, mass: share, restricted: z.array(z.string()) });
const Box = z.object({
  coverage: share,
  density: share,
  mass: share,
  cases: count,
  casesWhereItHolds: count,
  restrictions: z.array(Restriction),
  selectedStep: count,
  trajectory: z.array(Step),
});
const Claim = z.object({
  name: z.string(),
  expr: z.string(),
  description: z.string().optional(),
  require: share,
  successes: count,
  trials: count,
  probability: share.nullable(),
  interval: z.object({ lower: share, upper: share }),
  verdict: z.enum(['holds', 'fails', 'undecided']),
  conditions: z.object({
    found: z.boolean(),
    stopReason: z.string(),
    cases: count,
    casesWhereItHolds: count,
    boxes: z.array(Box),
  }),
});
const Thesis = z.object({
  thesis: z.string(),
  scenario: z.string(),
  scenarioHash: z.string().optional(),
  currency: z.string(),
  runs: count,
  seed: count,
  design: z.string(),
  completedRuns: count,
  failedRuns: count,
  inputs: z.array(z.string()),
  verdictRule: z.string(),
  claims: z.array(Claim).min(1),
});

const Tornado = z.object({
  replicates: count,
  lowProbability: share,
  highProbability: share,
  base: z.object({ value: maybe, missing: count }),
  bars: z.array(
    z.object({
      path: z.string(),
      lowInput: z.number(),
      highInput: z.number(),
      low: maybe,
      high: maybe,
      lowMissing: count,
      highMissing: count,
      swing: maybe,
      swingStandardError: maybe,
    }),
  ),
});
const Sobol = z.object({
  firstOrderEstimator: z.string(),
  totalEstimator: z.string(),
  baseSampleSize: count,
  rowsUsed: count,
  confidence: share,
  resamples: count,
  interval: z.string(),
  mean: maybe,
  variance: maybe,
  sumFirstOrder: maybe,
  stream: z.object({ value: maybe, low: maybe, high: maybe }).nullable(),
  indices: z.array(z.object({ path: z.string(), firstOrder: maybe, firstOrderLow: maybe, firstOrderHigh: maybe, total: maybe, totalLow: maybe, totalHigh: maybe })),
});
const Morris = z.object({
  trajectories: count,
  levels: count,
  step: z.number(),
  effectUnit: z.string(),
  effects: z.array(z.object({ path: z.string(), mu: maybe, muStar: maybe, sigma: maybe, effects: count })),
});
const Sensitivity = z.object({
  scenario: z.string(),
  scenarioHash: z.string().optional(),
  scenarioFile: z.string(),
  currency: z.string(),
  startMonth: month,
  endMonth: month,
  months: count,
  outcome: z.object({
    name: z.string(),
    variable: z.string(),
    kind: z.enum(['outcome', 'metric']),
    month: z.string().optional(),
    unit: z.string().nullable(),
    monthZero: month.optional(),
    missing: z.string(),
  }),
  method: z.enum(['tornado', 'sobol', 'morris']),
  seed: count,
  samples: count,
  runs: count,
  failedRuns: count,
  missingValues: count,
  censoredValues: count,
  independence: z.string(),
  ignoredCorrelations: z.array(z.object({ a: z.string(), b: z.string(), rho: z.number() })),
  inputs: z.array(z.object({ path: z.string(), distribution: z.string(), p10: z.number(), median: z.number(), p90: z.number() })),
  tornado: Tornado.optional(),
  sobol: Sobol.optional(),
  morris: Morris.optional(),
});

export type ThesisDoc = z.infer<typeof Thesis>;
export type ThesisClaim = ThesisDoc['claims'][number];
export type ThesisBox = ThesisClaim['conditions']['boxes'][number];
export type SensitivityDoc = z.infer<typeof Sensitivity>;

/** A file as given on the command line (or to buildReport), and what it holds. */
export interface ThesisInput {
  file: string;
  doc: ThesisDoc;
}

export interface SensitivityInput {
  file: string;
  doc: SensitivityDoc;
}

/** The text of `name` in the folder `path`, or of the file `path` itself. */
export function readInput(path: string, name: string, writer: string): { file: string; text: string } {
  const read = (file: string): { file: string; text: string } | { file: string; code: string } => {
    try {
      return { file, text: readFileSync(file, 'utf8') };
    } catch (err) {
      return { file, code: (err as NodeJS.ErrnoException).code ?? String(err) };
    }
  };
  let r = read(path);
  if ('code' in r && r.code === 'EISDIR') r = read(join(path, name));
  if ('text' in r) return r;
  if (r.code === 'ENOENT') throw new ReportInputError(`${r.file}: missing; expected ${name} written by ${writer}, or the folder that holds it`);
  if (r.code === 'EISDIR') throw new ReportInputError(`${r.file}: expected a file, found a folder`);
  throw new ReportInputError(`${r.file}: cannot read it (${r.code})`);
}

/** Reads and checks thesis.json (or the folder holding it). */
export function readThesis(path: string): ThesisInput {
  const { file, text } = readInput(path, 'thesis.json', 'gpu-market thesis');
  const doc = checked(Thesis, parseJson(text, file), file);
  doc.claims.forEach((c, i) => {
    if (c.successes > c.trials) throw new ReportInputError(`${file}: claims[${i}].successes: expected at most trials (${c.trials}), found ${c.successes}`);
    if (c.interval.lower > c.interval.upper) throw new ReportInputError(`${file}: claims[${i}].interval: expected lower ≤ upper, found ${c.interval.lower} > ${c.interval.upper}`);
  });
  return { file, doc };
}

/** Reads and checks sensitivity.json (or the folder holding it). */
export function readSensitivity(path: string): SensitivityInput {
  const { file, text } = readInput(path, 'sensitivity.json', 'gpu-market sensitivity');
  const doc = checked(Sensitivity, parseJson(text, file), file);
  if (doc[doc.method] === undefined) throw new ReportInputError(`${file}: ${doc.method}: expected the results of the method "${doc.method}", found nothing`);
  return { file, doc };
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;

/** Refuses an analysis of another scenario than the batch's; `command` is the one to run again. */
function checkScenario(file: string, command: string, doc: { scenario: string; scenarioHash?: string }, s: BatchSummary): void {
  if (doc.scenarioHash !== undefined) {
    if (doc.scenarioHash === s.scenarioHash) return;
    throw new ReportInputError(
      `${file}: scenarioHash: expected the batch's scenario (${short(s.scenarioHash)} in summary.json), found another scenario (${short(doc.scenarioHash)}); run ${command} on the batch's scenario file with the same --set options`,
    );
  }
  if (doc.scenario !== s.scenario) {
    throw new ReportInputError(`${file}: scenario: expected the batch's scenario ${JSON.stringify(s.scenario)}, found ${JSON.stringify(doc.scenario)}; run ${command} on the batch's scenario file`);
  }
}

export function checkThesisScenario(t: ThesisInput, s: BatchSummary): void {
  checkScenario(t.file, 'gpu-market thesis', t.doc, s);
}

export function checkSensitivityScenario(x: SensitivityInput, s: BatchSummary): void {
  checkScenario(x.file, 'gpu-market sensitivity', x.doc, s);
  const first = s.months[0];
  const last = s.months[s.months.length - 1];
  if (x.doc.startMonth !== first || x.doc.endMonth !== last) {
    throw new ReportInputError(
      `${x.file}: startMonth, endMonth: expected the batch's months ${first} to ${last}, found ${x.doc.startMonth} to ${x.doc.endMonth}; run gpu-market sensitivity with the batch's --set options`,
    );
  }
}
