/**
 * A lessor's fleet: its cohorts and running totals kept in step with them, so that the monthly
 * phases read the fleet's size, capacity, power, depreciation, book value and cash cost without
 * walking every cohort. Every change to `l.cohorts` goes through this module.
 *
 * Cohorts serve exactly their depreciation life, so straight-line depreciation is constant between
 * additions and retirements, and book value falls by it once a month.
 */
import type { Scenario } from '../scenario/schema.js';
import { cashCostPerGpuMonth } from './costs.js';
import { fillRange, truncate } from './arrays.js';
import type { FleetSummary } from './lessorNumbers.js';
import type { Cohort, CostTable, Lessor } from './state.js';

/** When an empty fleet's next cohort retires. */
export const NEVER = Number.MAX_SAFE_INTEGER;

function apply(s: Scenario, costs: CostTable, l: Lessor, c: Cohort, sign: 1 | -1, month: number): void {
  const g = s.generations[c.gen];
  const f = l.fleet;
  const n = sign * c.count;
  f.gpus += n;
  f.byGeneration[c.gen] += n;
  f.capacityRef += n * g.perfRatio;
  f.kw += n * g.powerKwPerGpu;
  f.depreciation += (n * c.costPerGpu) / c.lifeMonths;
  f.bookValue += n * c.costPerGpu * Math.max(0, 1 - (month - c.start) / c.lifeMonths);
  f.cashCostFull += n * cashCostPerGpuMonth(costs, l.kind, c.gen, 1);
  if (sign < 0) l.fleetShrank = true;
}

export function addCohort(s: Scenario, costs: CostTable, l: Lessor, c: Cohort, month: number): void {
  l.cohorts.push(c);
  apply(s, costs, l, c, 1, month);
  l.fleet.nextRetirement = Math.min(l.fleet.nextRetirement, c.start + c.lifeMonths);
}

/** Retires cohorts that reached the end of their life by `month`; returns how many GPUs left. */
export function retireDue(s: Scenario, costs: CostTable, l: Lessor, month: number): number {
  if (month < l.fleet.nextRetirement) return 0;
  return retireWhere(s, costs, l, month, -1);
}

/** Remaining book value of the lessor's cohorts of generation `gen` in `month`. */
export function generationBookValue(l: Lessor, gen: number, month: number): number {
  let value = 0;
  for (const c of l.cohorts) if (c.gen === gen) value += c.count * c.costPerGpu * Math.max(0, 1 - (month - c.start) / c.lifeMonths);
  return value;
}

/** Retires every cohort of generation `gen` (economic retirement); returns how many GPUs left. */
export function retireGeneration(s: Scenario, costs: CostTable, l: Lessor, gen: number, month: number): number {
  return retireWhere(s, costs, l, month, gen);
}

/**
 * Takes out of the fleet the cohorts of generation `gen`, or with `gen` -1 those at the end of
 * their life by `month`; keeps the totals in step and returns their GPUs.
 */
function retireWhere(s: Scenario, costs: CostTable, l: Lessor, month: number, gen: number): number {
  let retired = 0;
  let next = NEVER;
  const cohorts = l.cohorts;
  let k = 0;
  for (let i = 0; i < cohorts.length; i++) {
    const c = cohorts[i];
    if (gen < 0 ? month >= c.start + c.lifeMonths : c.gen === gen) {
      apply(s, costs, l, c, -1, month);
      retired += c.count;
    } else {
      cohorts[k++] = c;
      next = Math.min(next, c.start + c.lifeMonths);
    }
  }
  truncate(cohorts, k);
  l.fleet.nextRetirement = next;
  settle(l);
  return retired;
}

/** Takes every cohort out of the fleet (the lessor is leaving) and returns them. */
export function removeAll(l: Lessor): Cohort[] {
  const all = l.cohorts;
  l.cohorts = [];
  emptyFleet(l.fleet);
  l.fleetShrank = true;
  return all;
}

/** A month passes: book value falls by one month of depreciation. */
export function ageFleet(l: Lessor): void {
  l.fleet.bookValue -= l.fleet.depreciation;
  settle(l);
}

/** Empties a fleet's summary in place: a lessor waiting for its first GPUs passes here every month. */
function emptyFleet(f: FleetSummary): void {
  f.clear(NEVER);
  fillRange(f.byGeneration, 0);
}

/** Running sums drift by rounding; an empty fleet is exactly empty, and book value never negative. */
function settle(l: Lessor): void {
  const f = l.fleet;
  if (l.cohorts.length === 0) emptyFleet(f);
  // Written every time, not only when negative: a store that first runs mid-run costs V8 a deopt.
  else f.bookValue = f.bookValue < 0 ? 0 : f.bookValue;
}
