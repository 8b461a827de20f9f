/**
 * The model metric a market-history row is held against, from its metric, kind and gpu cells.
 * Rents go to the price index of the same kind for the same generation; `on_demand` (specialised
 * clouds' posted hourly prices) is close enough to spot to be held against it. A rent for gpu
 * `all` is a rent per reference-GPU-hour; the model keeps list and offtake rents only per
 * generation. Lead times are the vendor's, margins the lessors', both for the whole market.
 */
import { generationMetricName, type GenerationMetric } from '../model/metrics.js';
import { foundCell, orList, type Fail } from './cells.js';
import type { Dimension } from './units.js';

export interface RowMetric {
  /** The model metric's full name. */
  name: string;
  /** What the row's unit must measure. */
  dimension: Dimension;
  /** The generation the row names; null for `all`. */
  generation: string | null;
  /** "rent spot H100": metric, kind and gpu as written. */
  asWritten: string;
}

/** Per rent kind: the per-generation family, and the per-reference-GPU metric where there is one. */
const RENTS: Readonly<Record<string, readonly [GenerationMetric, string | null]>> = {
  spot: ['spotRentCcyPerGpuHour', 'spotRentCcyPerRefGpuHour'],
  on_demand: ['spotRentCcyPerGpuHour', 'spotRentCcyPerRefGpuHour'],
  contract: ['contractRentCcyPerGpuHour', 'contractRentCcyPerRefGpuHour'],
  offtake: ['offtakeRentCcyPerGpuHour', null],
  list: ['listRentCcyPerGpuHour', null],
};

/** Metrics of the whole market: the one kind each takes, the model metric, its dimension. */
const MARKET: Readonly<Record<string, readonly [string, string, Dimension]>> = {
  lead_time: ['vendor', 'leadTimeMonths', 'time'],
  gross_margin: ['lessor', 'grossMargin', 'share'],
  ebitda_margin: ['lessor', 'ebitdaMargin', 'share'],
  net_margin: ['lessor', 'netMargin', 'share'],
};

const ALL = 'all';

export function rowMetric(metric: string, kind: string, gpu: string, line: number, fail: Fail): RowMetric {
  const asWritten = `${metric} ${kind} ${gpu}`;
  if (metric !== 'rent' && !Object.hasOwn(MARKET, metric)) {
    fail(line, 'metric', orList(['rent', ...Object.keys(MARKET)]), foundCell(metric));
  }
  if (metric === 'rent') {
    if (!Object.hasOwn(RENTS, kind)) fail(line, 'kind', `${orList(Object.keys(RENTS))} for a rent`, foundCell(kind));
    if (gpu === '') fail(line, 'gpu', 'a generation such as H100, or all', foundCell(gpu));
    const [family, perRefGpu] = RENTS[kind];
    if (gpu !== ALL) return { name: generationMetricName(gpu, family), dimension: 'money', generation: gpu, asWritten };
    if (perRefGpu === null) fail(line, 'gpu', `a generation (the model keeps ${kind} rents per generation only)`, foundCell(gpu));
    return { name: perRefGpu, dimension: 'money', generation: null, asWritten };
  }
  const [onlyKind, name, dimension] = MARKET[metric];
  if (kind !== onlyKind) fail(line, 'kind', `${onlyKind} for ${metric}`, foundCell(kind));
  if (gpu !== ALL) fail(line, 'gpu', `all for ${metric}`, foundCell(gpu));
  return { name, dimension, generation: null, asWritten };
}
