/**
 * Reading what a report is made from: a batch folder, where summary.json, outcomes.csv and
 * samples.json must be and run-info.json may be missing (a merged batch has none). Anything missing
 * or malformed stops the report with one line that names the file, the field or line, what was
 * expected and what was found.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { describeValue } from '../scenario/describeValue.js';
import type { BatchData, BatchSummary, OutcomeRow, RunInfo, SamplePath } from './batchData.js';
import { BatchSummarySchema, summaryFormatProblem } from '../montecarlo/summarySchema.js';
import { ReportInputError } from '../files/inputError.js';
import { MONTH } from '../model/calendar.js';
import { checked, parseJson } from './jsonInput.js';
import { parseScenario, RESOLVED_SCENARIO_FILE, ScenarioError } from '../scenario/index.js';
import { scenarioHash } from '../montecarlo/summary.js';
import type { Scenario } from '../scenario/schema.js';
import { CsvSyntaxError, parseCsv } from '../format/parseCsv.js';

const Samples = z.object({
  format: z.literal('gpu-market-samples/1'),
  // Absent in files written before it was added.
  batch: z.object({ scenarioHash: z.string(), seed: z.number(), runs: z.number(), design: z.string() }).optional(),
  months: z.array(z.string()),
  runs: z.array(z.object({ run: z.number(), seed: z.number().optional(), metrics: z.record(z.string(), z.array(z.number())) })),
});
const Info = z.object({
  startedAt: z.string(),
  seconds: z.number().optional(),
  workers: z.number().optional(),
  node: z.string().optional(),
  scenarioFile: z.string().optional(),
});

/** The metrics the report draws; a summary without them cannot be a batch summary. */
const REQUIRED_METRICS = ['spotRentCcyPerRefGpuHour', 'contractRentCcyPerRefGpuHour', 'cashCostCcyPerRefGpuHour', 'fullCostCcyPerRefGpuHour'];
const REQUIRED_PROBABILITIES = ['blue', 'transition', 'red'];
const OUTCOME_COLUMNS = ['run', 'seed', 'redOnsetMonth', 'probeIrr', 'probeNpvCcy'] as const;

export function readBatch(dir: string): BatchData {
  const summaryText = readText(dir, 'summary.json', true)!;
  const summaryFile = join(dir, 'summary.json');
  const parsed = parseJson(summaryText, summaryFile);
  const old = summaryFormatProblem(parsed);
  if (old !== null) throw new ReportInputError(`${summaryFile}: format: ${old}; run the batch again with this version`);
  const summary = checked(BatchSummarySchema, parsed, summaryFile);
  checkSummary(summary, summaryFile);
  const outcomesFile = join(dir, 'outcomes.csv');
  const outcomes = outcomeRows(readText(dir, 'outcomes.csv', true)!, outcomesFile, summary);
  const samplesFile = join(dir, 'samples.json');
  const samples = checked(Samples, parseJson(readText(dir, 'samples.json', true)!, samplesFile), samplesFile);
  checkSamples(samples, samplesFile, summary);
  const infoText = readText(dir, 'run-info.json', false);
  const infoFile = join(dir, 'run-info.json');
  const info = infoText === undefined ? null : checked(Info, parseJson(infoText, infoFile), infoFile);
  const runInfo: RunInfo | null = info && {
    startedAt: info.startedAt,
    seconds: info.seconds ?? null,
    workers: info.workers ?? null,
    node: info.node ?? null,
    scenarioFile: info.scenarioFile ?? null,
  };
  const scenario = resolvedScenario(dir, summary);
  return {
    dir,
    summary,
    summaryText,
    ...(scenario === undefined ? {} : { scenario }),
    outcomes,
    samples: samples.runs.map((r): SamplePath => ({ run: r.run, metrics: r.metrics })),
    runInfo,
  };
}

/**
 * The batch's resolved scenario, where the folder holds it (a folder written before batch wrote it
 * has none, and the report draws no events); it must be the scenario of summary.json.
 */
function resolvedScenario(dir: string, summary: BatchSummary): Scenario | undefined {
  const text = readText(dir, RESOLVED_SCENARIO_FILE, false);
  if (text === undefined) return undefined;
  const file = join(dir, RESOLVED_SCENARIO_FILE);
  let scenario: Scenario;
  try {
    scenario = parseScenario(text, file);
  } catch (err) {
    if (err instanceof ScenarioError) throw new ReportInputError(`${file}: ${err.message}`);
    throw err;
  }
  if (scenarioHash(scenario) !== summary.scenarioHash) {
    throw new ReportInputError(`${file}: expected the scenario of summary.json (${summary.scenarioHash.slice(0, 12)}), found ${scenarioHash(scenario).slice(0, 12)}; ${SAME_BATCH}`);
  }
  return scenario;
}

function readText(dir: string, name: string, required: boolean): string | undefined {
  const path = join(dir, name);
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !required) return undefined;
    if (code === 'ENOENT') throw new ReportInputError(`${path}: missing; expected a batch folder written by gpu-market batch or merge`);
    if (code === 'EISDIR') throw new ReportInputError(`${path}: expected a file, found a folder`);
    throw new ReportInputError(`${path}: cannot read it (${code ?? String(err)})`);
  }
}

/** What the zod shapes cannot say: series as long as the months, the metrics the charts draw. */
function checkSummary(s: BatchSummary, file: string): void {
  const n = s.months.length;
  for (const name of REQUIRED_METRICS) {
    if (!Object.hasOwn(s.metrics, name)) throw new ReportInputError(`${file}: metrics.${name}: expected the bands of ${name}, found nothing`);
  }
  for (const [name, band] of Object.entries(s.metrics)) {
    for (const [stat, values] of Object.entries(band)) {
      if (values.length !== n) throw new ReportInputError(`${file}: metrics.${name}.${stat}: expected ${n} values, one per month, found ${values.length}`);
    }
  }
  for (const name of REQUIRED_PROBABILITIES) {
    const p = s.probabilities[name];
    if (p === undefined) throw new ReportInputError(`${file}: probabilities.${name}: expected ${n} shares, one per month, found nothing`);
    if (p.length !== n) throw new ReportInputError(`${file}: probabilities.${name}: expected ${n} shares, one per month, found ${p.length}`);
  }
}

/** A batch's identity as summary.json states it, for messages. */
const batchOf = (s: { scenarioHash: string; seed: number; runs: number; design: string }): string => `seed ${s.seed}, ${s.runs} runs, design ${s.design}, scenario ${s.scenarioHash.slice(0, 12)}`;

const SAME_BATCH = 'is the folder a mix of two batches? Run the batch again into an empty folder';

/** samples.json must come from the batch of summary.json: its months, its batch, its seed and runs. */
function checkSamples(samples: z.output<typeof Samples>, file: string, summary: BatchSummary): void {
  if (samples.batch !== undefined && batchOf(samples.batch) !== batchOf(summary)) {
    throw new ReportInputError(`${file}: batch: expected the batch of summary.json (${batchOf(summary)}), found ${batchOf(samples.batch)}; ${SAME_BATCH}`);
  }
  if (samples.months.join() !== summary.months.join()) {
    throw new ReportInputError(`${file}: months: expected the months of summary.json (${summary.months[0]} to ${summary.months.at(-1)}), found other months; ${SAME_BATCH}`);
  }
  samples.runs.forEach((r, i) => {
    if (r.seed !== undefined && r.seed !== summary.seed) {
      throw new ReportInputError(`${file}: runs[${i}].seed: expected the seed of summary.json, ${summary.seed}, found ${r.seed}; ${SAME_BATCH}`);
    }
    if (!Number.isInteger(r.run) || r.run < 0 || r.run >= summary.runs) {
      throw new ReportInputError(`${file}: runs[${i}].run: expected a run of the batch's ${summary.runs}, found ${r.run}; ${SAME_BATCH}`);
    }
  });
}

/** One row per completed run of the batch of summary.json, each with its seed. */
function outcomeRows(text: string, file: string, summary: BatchSummary): OutcomeRow[] {
  const rows = parseOutcomeRows(text, file);
  rows.forEach((r, i) => {
    if (r.seed !== summary.seed) throw new ReportInputError(`${file}:${r.line}: seed: expected the seed of summary.json, ${summary.seed}, found ${r.seed}; ${SAME_BATCH}`);
    if (!Number.isInteger(r.run) || r.run < 0 || r.run >= summary.runs || (i > 0 && r.run <= rows[i - 1].run)) {
      throw new ReportInputError(`${file}:${r.line}: run: expected the runs of the batch's ${summary.runs} in order, found ${r.run}; ${SAME_BATCH}`);
    }
  });
  if (rows.length !== summary.completedRuns) {
    throw new ReportInputError(`${file}: expected one row for each of the ${summary.completedRuns} completed runs of summary.json, found ${rows.length}; ${SAME_BATCH}`);
  }
  return rows.map(({ run, redOnsetMonth, probeIrr, probeNpvCcy }) => ({ run, redOnsetMonth, probeIrr, probeNpvCcy }));
}

function parseOutcomeRows(text: string, file: string): (OutcomeRow & { seed: number; line: number })[] {
  let records;
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new ReportInputError(`${file}:${err.line}: field ${err.column}: expected ${err.expected}, found ${err.found}`);
    throw err;
  }
  if (records.length === 0) throw new ReportInputError(`${file}: expected a header row and one row per run, found an empty file`);
  const [header, ...rows] = records;
  const at = Object.fromEntries(OUTCOME_COLUMNS.map((c) => [c, header.cells.indexOf(c)])) as Record<(typeof OUTCOME_COLUMNS)[number], number>;
  for (const c of OUTCOME_COLUMNS) {
    if (at[c] < 0) throw new ReportInputError(`${file}:${header.line}: header: expected a column ${c}, found none`);
  }
  return rows.map(({ line, cells }) => {
    if (cells.length !== header.cells.length) {
      throw new ReportInputError(`${file}:${line}: expected ${header.cells.length} fields like the header, found ${cells.length}`);
    }
    const number = (column: string, text: string, optional: boolean): number | null => {
      if (text === '' && optional) return null;
      const v = Number(text);
      if (text === '' || !Number.isFinite(v)) throw new ReportInputError(`${file}:${line}: ${column}: expected a number${optional ? ' or nothing' : ''}, found ${describeValue(text)}`);
      return v;
    };
    const onset = cells[at.redOnsetMonth];
    if (onset !== '' && !MONTH.test(onset)) throw new ReportInputError(`${file}:${line}: redOnsetMonth: expected a month as YYYY-MM or nothing, found ${describeValue(onset)}`);
    return {
      line,
      run: number('run', cells[at.run], false)!,
      seed: number('seed', cells[at.seed], false)!,
      redOnsetMonth: onset === '' ? null : onset,
      probeIrr: number('probeIrr', cells[at.probeIrr], true),
      probeNpvCcy: number('probeNpvCcy', cells[at.probeNpvCcy], true),
    };
  });
}
