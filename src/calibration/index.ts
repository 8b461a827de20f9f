/** Calibration to observed history by ABC-SMC, and the scores of forecasts against it. */
export { abcSmc, emptyState, weightedQuantile, type AbcHooks, type AbcOptions, type AbcProgress, type AbcState, type Population, type RoundKey, type Simulate, type StopReason } from './abcSmc.js';
export { distance, scaledResidual, seriesShares, type Target } from './distance.js';
export { priorOf, valuesOf, type Prior } from './prior.js';
export { cellTargets, modelSimulator, runParticles, type CellTarget, type ModelSimulatorOptions } from './modelSimulator.js';
export { inputPosteriors, posteriorCorrelations, fit, type InputPosterior } from './posterior.js';
export { calibratedScenarioText, type Provenance } from './calibratedScenario.js';
export { calibrationDocument, posteriorCsv, type CalibrationDocument, type Predictive } from './calibrationDocument.js';
export { posteriorPlan, runForecast, type Forecast, type SeriesBands } from './predictive.js';
export { ensembleScore, pitHistogram, type EnsembleScore } from './forecastScores.js';
