/**
 * Regime of a month. Blue: scarcity and rich margins (high utilisation, a long vendor lead time and
 * rent well above full cost). Red: spot rent at or below the industry's full cost per hour sold
 * (cash costs, depreciation and interest over the hours actually rented, i.e. the typical lessor's
 * break-even rent at the month's utilisation) while the industry's net margin is negative.
 * Anything else is the transition. Thresholds are scenario parameters.
 */
import type { Scenario } from '../scenario/schema.js';
import { BLUE, RED, TRANSITION } from './metrics.js';

export interface RegimeInputs {
  utilisation: number;
  leadTimeMonths: number;
  spotRent: number;
  fullCost: number;
  netMargin: number;
}

export function classifyRegime(r: Scenario['regime'], x: RegimeInputs): number {
  if (x.spotRent <= r.redMaxRentOverFullCost * x.fullCost && x.netMargin < 0) return RED;
  if (x.utilisation >= r.blueMinUtilisation && x.leadTimeMonths >= r.blueMinLeadTimeMonths && x.spotRent >= r.blueMinRentOverFullCost * x.fullCost) {
    return BLUE;
  }
  return TRANSITION;
}

/** First month of the first run of at least `sustain` red months, or -1. */
export function redOnset(regimes: ArrayLike<number>, sustain: number): number {
  let run = 0;
  for (let t = 0; t < regimes.length; t++) {
    run = regimes[t] === RED ? run + 1 : 0;
    if (run >= sustain) return t - sustain + 1;
  }
  return -1;
}
