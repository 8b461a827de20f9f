/**
 * `gpu-market discover <scenario> --outcome NAME`: scenario discovery on an outcome's worst tail.
 * Runs a Monte Carlo batch (Latin hypercube over the uncertain inputs), marks the runs whose
 * outcome lies in the chosen tail (the lowest or highest `share`, a decile by default), and asks
 * PRIM for the boxes of inputs where those runs concentrate. Prints the threshold, the base share
 * and each box; writes discovery.json (the same bytes for any worker count) atomically. Options and
 * the outcome are checked before any run starts, so a bad one costs nothing and writes nothing.
 *
 * Runs without a value: a number outcome that does not exist (no IRR) is never in the tail, as in
 * decileTarget. A month outcome that never happens (no payback, no red-ocean onset) is taken as
 * happening beyond the horizon, one month after the scenario's end: "never" is the latest
 * possible month, so such runs fall into the high tail, and never into the low one.
 */
import { extractionPlan, parseVariable, UnknownVariable, valueIn, type Variable } from '../analysis/variables.js';
import { decileTarget, tailThreshold, type TailDirection } from '../discovery/decileTarget.js';
import { describeBox, describeRestriction } from '../discovery/describeBox.js';
import { prim, type PrimResult } from '../discovery/prim.js';
import { indexToMonth, monthRange, monthToIndex } from '../model/calendar.js';
import { runBatch } from '../montecarlo/batch.js';
import { closePool, defaultWorkers } from '../montecarlo/pool.js';
import { planBatch } from '../montecarlo/plan.js';
import { scenarioHash } from '../montecarlo/summary.js';
import { jsonText } from '../format/json.js';
import { formatNumber, roundForFile } from '../format/formatNumber.js';
import type { Scenario } from '../scenario/index.js';
import { UsageError } from './errors.js';
import { EXIT, runsExitCode, type ExitCode } from './exitCodes.js';
import type { CliIo } from './io.js';
import { refuseIfInputFailedEveryRun } from './inputFailures.js';
import { loadForRun, noteHeld } from './loadForRun.js';
import { significant } from '../format/textNumber.js';
import { defaultOutDir, parseOutDir, parseRuns, parseSeed, parseShare, parseWorkers, positive } from './options.js';
import { progressMode, progressReporter } from './progress.js';
import { checkOutDir, reportWritten, writeOutputs } from './writeOutputs.js';
import { boxJson } from '../discovery/boxJson.js';
import type { RunsTaken } from '../montecarlo/runsTaken.js';

export interface DiscoverOptions {
  outcome: string;
  tail: string;
  share: string;
  runs: string;
  seed: string;
  workers?: string;
  set: string[];
  boxes: string;
  out?: string;
  quiet?: boolean;
  allowFailures?: boolean;
}

const TAILS: Readonly<Record<string, TailDirection>> = { low: 'lowest', high: 'highest' };

function parseTail(text: string): TailDirection {
  if (!Object.hasOwn(TAILS, text)) throw new UsageError(`--tail: expected low or high, found ${JSON.stringify(text)}`);
  return TAILS[text];
}

function resolveOutcome(text: string, scenario: Scenario, months: readonly string[]): Variable {
  try {
    return parseVariable(
      text,
      months,
      scenario.generations.map((g) => g.name),
    );
  } catch (err) {
    if (err instanceof UnknownVariable) throw new UsageError(`--outcome: ${err.message}`);
    throw err;
  }
}

const isMonth = (v: Variable): boolean => v.kind === 'outcome' && v.unit === 'month';

interface Discovery extends RunsTaken {
  scenario: Scenario;
  outcomeText: string;
  variable: Variable;
  months: string[];
  tail: TailDirection;
  share: number;
  /** Completed runs with a value (for month outcomes, "never" counts as one). */
  withValue: number;
  /** Month outcomes: runs in which the month never comes. */
  never: number;
  threshold: number;
  prim: PrimResult;
}

const num = (v: number): number => roundForFile(v);

/** A value of the outcome in words: a month as YYYY-MM or "never", a number with four significant digits. */
function valueText(d: Discovery, v: number): string {
  if (!isMonth(d.variable)) return significant(v);
  if (v >= d.months.length) return `never (after ${d.months[d.months.length - 1]})`;
  return indexToMonth(monthToIndex(d.months[0]) + Math.round(v));
}

function discoveryJson(d: Discovery): Record<string, unknown> {
  const month = isMonth(d.variable);
  return {
    scenario: d.scenario.name,
    scenarioHash: scenarioHash(d.scenario),
    outcome: d.outcomeText,
    outcomeName: d.variable.kind === 'metric' ? `${d.variable.name}@${d.variable.month}` : d.variable.name,
    outcomeUnit: d.variable.kind === 'outcome' ? d.variable.unit : 'number',
    tail: d.tail === 'lowest' ? 'low' : 'high',
    share: d.share,
    threshold: num(d.threshold),
    thresholdText: valueText(d, d.threshold),
    missingRule: month
      ? 'months count from the scenario start (0 is its first month); a month that never happens counts as the month after the horizon, so it is in the high tail'
      : 'a run without a value is never in the tail',
    runs: d.runs,
    seed: d.seed,
    design: d.design,
    completedRuns: d.completedRuns,
    failedRuns: d.failures.length,
    runsWithValue: d.withValue,
    runsNever: isMonth(d.variable) ? d.never : undefined,
    runsInTail: d.prim.interesting,
    baseShare: num(d.prim.density),
    inputs: d.inputs,
    stopReason: d.prim.stopReason,
    boxes: d.prim.boxes.map((b) => boxJson(b, 'casesInTail')),
    failures: d.failures,
  };
}

function discoveryText(d: Discovery): string {
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
  const sign = d.tail === 'lowest' ? '≤' : '≥';
  const side = d.tail === 'lowest' ? 'lowest' : 'highest';
  const missing = d.completedRuns - d.withValue;
  const lines = [
    `Scenario    ${d.scenario.name}`,
    `Outcome     ${d.outcomeText}, its ${side} ${pct(d.share)}`,
    `Runs        ${d.completedRuns} of ${d.runs} (${d.failures.length} failed), seed ${d.seed}, design ${d.design}` +
      (missing > 0 ? `; ${missing} without a value, never in the tail` : '') +
      (d.never > 0 ? `; ${d.never} in which it never comes, counted after the horizon` : ''),
    `Threshold   ${d.outcomeText} ${sign} ${valueText(d, d.threshold)}`,
    `Base share  ${pct(d.prim.density)} of runs in the tail (${d.prim.interesting} of ${d.prim.cases})`,
    '',
  ];
  if (d.prim.boxes.length === 0) lines.push(`No box: ${d.prim.stopReason}`);
  d.prim.boxes.forEach((b, i) => {
    lines.push(`Box ${i + 1}  coverage ${pct(b.coverage)}, density ${pct(b.density)}, mass ${pct(b.mass)} (${b.interesting} of ${b.cases} runs in the tail)`);
    for (const r of b.restrictions) lines.push(`  ${describeRestriction(r)}  (quasi-p ${formatNumber(Number(r.quasiP.toPrecision(2)))})`);
    lines.push(`  = ${describeBox(b)}`);
  });
  if (d.prim.boxes.length > 0) lines.push(`(${d.prim.stopReason})`);
  return `${lines.join('\n')}\n`;
}

export async function discoverCommand(file: string, o: DiscoverOptions, io: CliIo, isTty: boolean): Promise<ExitCode> {
  const tail = parseTail(o.tail);
  const share = parseShare('--share', o.share);
  const runs = parseRuns(o.runs);
  const seed = parseSeed(o.seed);
  const maxBoxes = positive('--boxes', o.boxes);
  const workers = o.workers === undefined ? defaultWorkers() : parseWorkers(o.workers);
  const outDir = o.out === undefined ? defaultOutDir(file, 'discover') : parseOutDir(o.out);
  checkOutDir(outDir);
  const held: string[] = [];
  const scenario = loadForRun(file, o.set, undefined, held);
  const months = monthRange(scenario.start, scenario.end);
  const variable = resolveOutcome(o.outcome, scenario, months);
  const plan = planBatch(scenario, { runs, seed, design: 'lhs' });
  if (plan.paths.length === 0) throw new UsageError(`${file}: the scenario has no uncertain inputs to search (its uncertain section is empty)`);
  const { cells, positions } = extractionPlan([variable]);

  noteHeld(io.err, held);
  const progress = progressReporter(io.err, progressMode(o, isTty), { total: plan.runs });
  const t0 = process.hrtime.bigint();
  let batch;
  try {
    batch = await runBatch(plan, { workers, extract: cells, onProgress: (d, t) => progress.update(d, t) });
  } finally {
    progress.finish();
    await closePool();
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  refuseIfInputFailedEveryRun(file, batch.runs.length, batch.failures);
  if (batch.runs.length === 0) {
    io.err(`gpu-market: every run failed, nothing to search (${batch.failures[0]?.message ?? 'no runs'})\n`);
    return EXIT.FAILURE;
  }

  const never = months.length;
  const values = batch.runs.map((r) => {
    const v = valueIn(variable, positions[0], r);
    return v === null && isMonth(variable) ? never : v;
  });
  const threshold = tailThreshold(values, tail, share);
  if (threshold === null) throw new UsageError(`--outcome ${o.outcome}: no run of this scenario has a value for it`);
  const target = decileTarget(values, tail, share);
  const d: Discovery = {
    scenario,
    outcomeText: o.outcome,
    variable,
    months,
    tail,
    share,
    seed,
    runs,
    design: plan.design,
    inputs: plan.paths,
    completedRuns: batch.runs.length,
    failures: batch.failures,
    withValue: values.filter((v) => v !== null).length,
    never: isMonth(variable) ? values.filter((v) => v === never).length : 0,
    threshold,
    prim: prim(
      batch.runs.map((r) => r.inputs),
      target,
      plan.paths,
      { maxBoxes },
    ),
  };
  const written = writeOutputs(outDir, [{ name: 'discovery.json', content: jsonText(discoveryJson(d)) }]);
  if (!o.quiet) io.err(`gpu-market: ${runs} runs in ${seconds.toFixed(1)} s on ${workers} worker(s)\n`);
  io.out(discoveryText(d));
  io.out('\n');
  reportWritten(io, written);
  return runsExitCode(io.err, batch.failures.length, runs, 'discovery.json', o.allowFailures);
}
