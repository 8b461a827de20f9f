/**
 * The observed data a report holds against its batch: a file read here, one already checked, or
 * data already held against the scenario (batch --report reads the file before the batch runs).
 * The scenario's facts (currency, region, hours per month, generations, months) come from the
 * batch's summary.json.
 */
import type { ObservedData } from '../observed/observation.js';
import { bindObserved, readObservedFile, type ObservedFile } from '../observed/readObserved.js';
import type { BatchData } from './batchData.js';

export type ObservedInput = string | ObservedFile | ObservedData;

export function observedForBatch(input: ObservedInput, batch: BatchData): ObservedData {
  if (typeof input !== 'string' && !('format' in input)) return input;
  const observed = typeof input === 'string' ? readObservedFile(input) : input;
  const s = batch.summary;
  return bindObserved(observed, { currency: s.currency, region: s.region, hoursPerMonth: s.hoursPerMonth, generations: s.generations, months: s.months });
}
