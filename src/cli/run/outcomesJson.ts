/**
 * A run's scalar outcomes as JSON: every outcome of the output contract (model/outcomeColumns.ts)
 * under its name, months written as `YYYY-MM` (null for "none"), and a `units` map beside them.
 * The key order is the contract's, not the model objects', so that the file stays the same when
 * the model's code is reordered.
 */
import { OUTCOME_COLUMNS, outcomeUnits, outcomeValue, type OutcomeName } from '../../model/outcomeColumns.js';
import type { RunResult } from '../../model/metrics.js';
import type { Scenario } from '../../scenario/schema.js';
import { roundForFile } from '../../format/formatNumber.js';
import { jsonText } from '../../format/json.js';
import { monthLabel } from './months.js';

export interface RunIdentity {
  seed: number | string;
  runIndex: number;
}

export interface OutcomesDocument {
  scenario: string;
  currency: string;
  seed: number | string;
  runIndex: number;
  startMonth: string;
  endMonth: string;
  months: number;
  /** Numbers, months as YYYY-MM, null where the run has none. */
  outcomes: Record<OutcomeName, number | string | null>;
  units: Record<OutcomeName, string>;
}

export function outcomesDocument(scenario: Scenario, result: RunResult, run: RunIdentity): OutcomesDocument {
  const start = result.months[0] ?? scenario.start;
  const written = (c: (typeof OUTCOME_COLUMNS)[number]) => {
    const v = outcomeValue(c, result.outcomes);
    return v === null ? null : c.kind === 'month' ? monthLabel(start, v) : roundForFile(v);
  };
  return {
    scenario: scenario.name,
    currency: scenario.currency,
    seed: run.seed,
    runIndex: run.runIndex,
    startMonth: start,
    endMonth: result.months[result.months.length - 1] ?? scenario.end,
    months: result.months.length,
    outcomes: Object.fromEntries(OUTCOME_COLUMNS.map((c) => [c.name, written(c)])) as Record<OutcomeName, number | string | null>,
    units: outcomeUnits(scenario.currency),
  };
}

/** The outcomes document as 2-space JSON with a trailing newline. */
export function outcomesJson(scenario: Scenario, result: RunResult, run: RunIdentity): string {
  return jsonText(outcomesDocument(scenario, result, run));
}
