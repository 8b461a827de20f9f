/**
 * Observed market data: the simple `date,metric,value[,source]` format and the market-history
 * format, read, checked and held against a scenario in the model's units.
 */
export {
  bindObserved,
  DEFAULT_RELATIVE_ERROR,
  MAX_OBSERVED_BYTES,
  parseObserved,
  parseObservedFile,
  readObserved,
  readObservedFile,
  type Observation,
  type ObservedData,
  type ObservedFile,
  type ObservedTarget,
} from './readObserved.js';
export { scenarioTarget } from './target.js';
export { parseUnit, type Dimension, type Unit } from './units.js';
