/**
 * Statistics for Monte Carlo batches: pure, deterministic, mergeable accumulators whose merged state
 * does not depend on how runs are split into shards or in which order shards are merged.
 */
export * from './codec.js';
export * from './ddSketch.js';
export * from './exactSum.js';
export * from './metricBands.js';
export * from './probability.js';
export * from './wilson.js';
export * from './wireJSON.js';
