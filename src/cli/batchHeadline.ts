/**
 * What `batch` and `merge` print when the summary is written: the batch in two lines, then the
 * verdict, sentence for sentence the one at the top of the batch's report (report/headlines.ts),
 * so that the terminal, the page and summary.json give one number for each question.
 */
import type { BatchSummary } from '../montecarlo/summarySchema.js';
import { headlines, type VerdictInputs } from '../report/headlines.js';
import { rentUnitWords, type RentUnit } from '../analysis/rentUnit.js';

/** The verdict's sentences under a title, one bullet each, as `batch`, `merge` and `report` print them. */
export function verdictText(lines: readonly string[]): string {
  return `Verdict\n${lines.map((l) => `  - ${l}\n`).join('')}`;
}

/**
 * The unit the verdict's rents are in, where it is a generation's, in the words the report's
 * header uses: which rents are its own and which converted.
 */
export function unitLine(currency: string, unit: RentUnit): string {
  const converted = unit.perfRatio === null ? '' : `; costs converted at its perfRatio of ${unit.perfRatio}`;
  return `Rents     ${rentUnitWords(currency, unit)}: the ${unit.generation}'s own spot and contract indices${converted}`;
}

export function batchHeadline(x: VerdictInputs): string {
  const s: BatchSummary = x.summary;
  const rows = [
    `Scenario  ${s.scenario}`,
    `Runs      ${s.completedRuns} of ${s.runs} (${s.failedRuns} failed), seed ${s.seed}, design ${s.design}`,
    ...(x.unit ? [unitLine(s.currency, x.unit)] : []),
    '',
  ];
  return `${rows.join('\n')}\n${verdictText(headlines(x))}`;
}
