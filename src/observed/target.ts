/** The target an observed-data file is held against, taken from a scenario. */
import { monthRange } from '../model/calendar.js';
import type { Scenario } from '../scenario/schema.js';
import type { ObservedTarget } from './observation.js';

export function scenarioTarget(s: Scenario): ObservedTarget {
  return {
    currency: s.currency,
    region: s.region,
    hoursPerMonth: s.hoursPerMonth,
    generations: s.generations.map((g) => g.name),
    months: monthRange(s.start, s.end),
  };
}
