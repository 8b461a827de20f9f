/**
 * The large run of the benchmark: the baseline market scaled to 1,000 lessors and 10,000
 * developers over 120 months. Agent counts and the vendor's output are scaled together so the
 * market keeps the baseline's balance; each agent keeps its baseline size.
 */
import { loadScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';

export const LARGE_OVERRIDES = [
  'end=2032-12',
  'lessors.incumbent.initialCount=50',
  'lessors.specialist.initialCount=650',
  'lessors.entrant.initialCount=300',
  'developers.frontier.initialCount=400',
  'developers.startup.initialCount=6100',
  'developers.enterprise.initialCount=3500',
  'developers.startup.population.entriesPerMonthAtFullHype=200',
  'entrants.poolSize=1000',
  'vendor.outputScale=50',
] as const;

export function largeScenario(baselineFile: string): Scenario {
  return loadScenario(baselineFile, [...LARGE_OVERRIDES]);
}
