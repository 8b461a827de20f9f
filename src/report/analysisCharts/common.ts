/**
 * What the analysis charts share: the page sections they are drawn in, and how the sensitivity
 * charts name their outcome, its unit and their runs. Strings from the files reach titles only
 * through plainText.
 */
import type { SensitivityDoc } from '../analysisData.js';
import type { ReportChart } from '../charts/chart.js';
import { plainText } from '../specs/common.js';

export const THESES = 'Theses';
export const DISCOVERY = 'Scenario discovery';
export const SENSITIVITY = 'Sensitivity';

/** The chart of a sensitivity analysis of one method, named `name`. */
export type SensitivityChart = (d: SensitivityDoc, name: string) => ReportChart;

/** An axis title with the outcome's unit; `change` for effects, which are differences of the outcome. */
export function outcomeAxis(d: SensitivityDoc, what: string, change = false): string {
  if (d.outcome.monthZero !== undefined) return `${what} (${change ? 'months' : `months after ${d.outcome.monthZero}`})`;
  const unit = plainText(d.outcome.unit, '');
  return unit === '' ? what : `${what} (${unit})`;
}

export const outcomeName = (d: SensitivityDoc) => plainText(d.outcome.name, 'the outcome');

export const runsText = (d: SensitivityDoc) => `${d.runs} runs${d.failedRuns > 0 ? `, ${d.failedRuns} failed` : ''}${d.missingValues > 0 ? `, ${d.missingValues} without a value` : ''}`;
