/**
 * The sampling layer of Monte Carlo batches: distributions of uncertain inputs, sampling designs
 * (plain Monte Carlo, Latin hypercube, a user's table), and rank correlation between inputs.
 * Pure functions: no files, no workers; all randomness from the `Rng` passed in.
 */
export { DistributionSchema, type Distribution, type DistributionInput, type DistributionKind, type DistributionSummary, describe, quantile, summary } from './distributions.js';
export { designRng, sampleDesign, shuffleInPlace, unitDesign, type DesignKind, type UncertainInput } from './designs.js';
export { CorrelationError, CorrelationSchema, checkCorrelationMatrix, correlationMatrix, type Correlation } from './correlations.js';
export { imposeRankCorrelation } from './imanConover.js';
export { parseParameterTable, type ParameterTable, type ParameterTableOptions } from './table.js';
export { ranks, spearman } from './ranks.js';
export { normalCdf, normalQuantile } from './normal.js';
export { betaQuantile, incompleteBeta } from './beta.js';
