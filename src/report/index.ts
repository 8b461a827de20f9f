/**
 * Reports of Monte Carlo batches: one self-contained HTML page with vega-lite charts, each chart
 * also as SVG and CSV, observed data held against the bands, and the batch scenario's theses and
 * sensitivity analyses; and comparisons of batches side by side (compare/).
 */
export { buildReport, writeReport, writeReportFiles } from './writeReport.js';
export { defaultReportDir } from './reportDir.js';
export type { BuiltReport, ReportFile, ReportInputs, ReportOptions, ReportResult } from './writeReport.js';
export { readSensitivity, readThesis, type SensitivityDoc, type SensitivityInput, type ThesisDoc, type ThesisInput } from './analysisData.js';
export { ReportInputError } from '../files/inputError.js';
export { scoreObserved, type MetricScore, type ObservedScores, type ScoredPoint, type SkippedPoint } from '../observed/scores.js';
export { crpsFromQuantiles } from '../stats/crps.js';
export { escapeHtml, jsonForScript } from './escapeHtml.js';
export { readBatch } from './readBatch.js';
export type { BatchData, BatchSummary } from './batchData.js';
export { reportCharts, type ReportChart } from './charts.js';
export { renderSvg } from './renderSvg.js';
export { buildComparison, writeComparison, type BuiltComparison, type ComparisonResult } from './compare/writeCompare.js';
