/** `batch --paths [METRICS]`: which metrics' monthly paths go into paths.arrow. */
import { batchMetricNames } from '../montecarlo/chunk.js';
import type { Scenario } from '../scenario/index.js';
import { UsageError } from './errors.js';

/**
 * The metrics of `--paths`, in the order given (each once): every metric of the scenario's runs
 * for `--paths` alone or `--paths all`; undefined without the option.
 */
export function parsePathsOption(value: string | boolean | undefined, scenario: Scenario): string[] | undefined {
  if (value === undefined || value === false) return undefined;
  const known = batchMetricNames(scenario);
  if (value === true || value.trim() === 'all') return known;
  const names = value
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  if (names.length === 0) throw new UsageError(`--paths: expected a comma-separated list of metrics, or all; found ${JSON.stringify(value)}`);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    const which = unknown.length === 1 ? `no metric ${unknown[0]}` : `no metrics ${unknown.join(', ')}`;
    throw new UsageError(`--paths: the runs have ${which}; the metrics are all, or any of ${known.join(', ')}`);
  }
  return [...new Set(names)];
}
