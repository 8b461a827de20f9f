/**
 * Cash costs per GPU-month by lessor kind and generation, computed once per run: energy at full
 * power (wall power x PUE x hours x tariff) and the costs that do not depend on use (data-center
 * space per kW, operations staff). Overhead is a share of revenue and is not in this table.
 */
import type { Scenario } from '../scenario/schema.js';
import { lessorParams } from './params.js';
import { LESSOR_KINDS, type LessorKind } from './kinds.js';
import type { CostTable } from './state.js';

export function costTable(s: Scenario): CostTable {
  const energyFull: Float64Array[] = [];
  const fixed: Float64Array[] = [];
  for (const kind of LESSOR_KINDS) {
    const p = lessorParams(s, kind);
    energyFull.push(Float64Array.from(s.generations, (g) => g.powerKwPerGpu * p.pue * s.hoursPerMonth * p.energyCcyPerKwh));
    fixed.push(Float64Array.from(s.generations, (g) => g.powerKwPerGpu * p.spaceCcyPerKwMonth + p.opsCcyPerGpuMonth));
  }
  const floorPerHour = energyFull.map((e, k) => e.map((x, g) => (x + fixed[k][g]) / s.hoursPerMonth));
  return { energyFull, fixed, floorPerHour, idlePowerShare: s.market.idlePowerShare };
}

/** Cash cost of one GPU of generation `gen` for a month at utilisation `u`; idle GPUs still draw some power. */
export function cashCostPerGpuMonth(c: CostTable, kind: LessorKind, gen: number, u: number): number {
  const idle = c.idlePowerShare;
  return c.energyFull[kind][gen] * (idle + (1 - idle) * u) + c.fixed[kind][gen];
}
