/**
 * The typed library API of gpu-market: load a scenario, simulate a path, read its metrics.
 * The CLI is a thin shell over these same functions.
 */
export * from './model/index.js';
export * from './scenario/index.js';
export * from './sensitivity/index.js';
export * from './thesis/index.js';
export * from './discovery/index.js';
export {
  buildReport,
  crpsFromQuantiles,
  defaultReportDir,
  parseObserved,
  readObserved,
  ReportInputError,
  scoreObserved,
  writeReport,
  type ObservedData,
  type ObservedScores,
  type ReportOptions,
  type ReportResult,
} from './report/index.js';
