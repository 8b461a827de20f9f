/**
 * Sensitivity analysis: which uncertain inputs drive an outcome. Tornado swings, Sobol indices
 * with bootstrap intervals, Morris elementary effects; designs and estimators are pure functions
 * on the unit cube, and `evaluateOnModel` runs a design on the model's worker pool.
 */
export { evaluateBlocks, type Block, type BlockValues } from './blocks.js';
export {
  analyseFunction,
  DEFAULT_SAMPLES,
  designRuns,
  MORRIS_LEVELS,
  SENSITIVITY_METHODS,
  sensitivityDesign,
  sensitivityEstimate,
  type DesignOptions,
  type SensitivityDesign,
  type SensitivityMethod,
  type SensitivityResult,
} from './analysis.js';
export { tornadoDesign, tornadoEffects, type TornadoBar, type TornadoDesign, type TornadoPoint, type TornadoResult } from './tornado.js';
export { sobolDesign, sobolIndices, type IndexInterval, type SobolDesign, type SobolIndex, type SobolOptions, type SobolResult } from './sobol.js';
export { MORRIS_STEP, morrisDesign, morrisEffects, type MorrisDesign, type MorrisEffect, type MorrisResult } from './morris.js';
export { blockInputValues, evaluateOnModel, type ModelEvaluation, type ModelEvaluatorOptions } from './modelEvaluator.js';
export { outcomeUnit } from './outcomeUnit.js';
export { sensitivityDocument, type SensitivityContext, type SensitivityDocument } from './sensitivityDocument.js';
export { sensitivityCsv } from './sensitivityCsv.js';
export { sensitivityText } from './sensitivityText.js';
