/**
 * Reports of Monte Carlo batches: one self-contained HTML page with vega-lite charts, each chart
 * also as SVG and CSV, and observed data held against the bands.
 */
export { buildReport, writeReport, writeReportFiles } from './writeReport.js';
export { defaultReportDir } from './reportDir.js';
export type { BuiltReport, ReportFile, ReportOptions, ReportResult } from './writeReport.js';
export { ReportInputError } from './errors.js';
export { parseObserved, type ObservedData, type ObservedPoint } from './observed.js';
export { scoreObserved, type MetricScore, type ObservedScores, type ScoredPoint } from './observedScores.js';
export { crpsFromQuantiles } from './crps.js';
export { escapeHtml, jsonForScript } from './escapeHtml.js';
export { readBatch, readObserved } from './readBatch.js';
export type { BatchData, BatchSummary } from './batchData.js';
export { reportCharts, type ReportChart } from './charts.js';
export { renderSvg } from './renderSvg.js';
