/**
 * The typed library API of gpu-market: load a scenario, simulate a path, read its metrics.
 * The CLI is a thin shell over these same functions.
 */
export * from './model/index.js';
export * from './scenario/index.js';
