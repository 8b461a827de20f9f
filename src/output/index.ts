/** Output: deterministic text forms of a run (pure), and the one place that writes them to disk. */
export { formatNumber, roundForFile } from './formatNumber.js';
export { csvField, csvText } from './csv.js';
export { jsonText } from './json.js';
export { metricsTable, metricsCsv, metricsJson, type MetricsTable, type Cell } from './metricsTable.js';
export { outcomesJson, outcomesDocument, type OutcomesDocument, type RunIdentity } from './outcomesJson.js';
export { headline } from './headline.js';
export { monthLabel } from './months.js';
export { runFiles, resolvedScenarioJson, METRICS_FORMATS, type MetricsFormat, type OutputFile, type RunFilesOptions } from './runFiles.js';
export { writeRun, tempDirFor } from './writeRun.js';
