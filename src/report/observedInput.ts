/**
 * The observed data a report holds against its batch: a file read here, one already checked, or
 * data already held against the scenario (batch --report reads the file before the batch runs).
 * The scenario's facts come from the batch's summary.json; a summary written before it recorded
 * the region, hours per month and generations serves a simple file, which needs none of them, but
 * not a market history.
 */
import { join } from 'node:path';
import type { ObservedData, ObservedTarget } from '../observed/observation.js';
import { bindObserved, readObservedFile, type ObservedFile } from '../observed/readObserved.js';
import type { BatchData } from './batchData.js';
import { ReportInputError } from './errors.js';

export type ObservedInput = string | ObservedFile | ObservedData;

export function observedForBatch(input: ObservedInput, batch: BatchData): ObservedData {
  if (typeof input !== 'string' && !('format' in input)) return input;
  const observed = typeof input === 'string' ? readObservedFile(input) : input;
  return bindObserved(observed, batchTarget(batch, observed.format === 'history'));
}

/** The batch's scenario as a target; a simple file reads none of region, hours and generations. */
function batchTarget(batch: BatchData, history: boolean): ObservedTarget {
  const s = batch.summary;
  const file = join(batch.dir, 'summary.json');
  const missing = (field: string): never => {
    throw new ReportInputError(`${file}: ${field}: expected the scenario's ${field}, which a market history needs, found nothing; a batch written by an older gpu-market lacks it, so run the batch again`);
  };
  return {
    currency: s.currency,
    region: s.region ?? (history ? missing('region') : ''),
    hoursPerMonth: s.hoursPerMonth ?? (history ? missing('hoursPerMonth') : 0),
    generations: s.generations ?? (history ? missing('generations') : []),
    months: s.months,
  };
}
