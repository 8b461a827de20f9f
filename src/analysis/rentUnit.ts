/**
 * The unit rents are shown in: per reference-GPU-hour (the model's market-wide indices), or with
 * `--unit <generation>` per GPU-hour of one generation of the scenario, the hour an investor prices
 * in ("4 USD per H100-hour"). The model prices each generation on its own (`spotRentCcyPerGpuHour_<G>`
 * and the other per-generation families), so a rent in a generation's unit is that generation's own
 * index, never the market-wide index times its perfRatio. Only what the model keeps per
 * reference-GPU-hour alone (costs, the realised rent, per-run outcomes) is converted, at the
 * generation's perfRatio, and then said to be a conversion.
 */
import { generationMetricName, type GenerationMetric } from '../model/metrics.js';

export interface RentUnit {
  /** The generation whose GPU-hours rents are shown in, as the scenario names it. */
  generation: string;
  /** Reference-GPU-hours per hour of the generation (its perfRatio); null where it is not known (a batch folder without its resolved scenario). */
  perfRatio: number | null;
}

/** A `--unit` that names no generation of the scenario; the message lists those it has. */
export class UnknownRentUnit extends Error {}

/**
 * The unit named `name` among the scenario's generations: the exact name, or the one name that
 * matches it but for case (`h100`).
 */
export function rentUnit(name: string, generations: readonly { name: string; perfRatio?: number }[]): RentUnit {
  const exact = generations.find((g) => g.name === name);
  const loose = generations.filter((g) => g.name.toLowerCase() === name.trim().toLowerCase());
  const found = exact ?? (loose.length === 1 ? loose[0] : undefined);
  if (!found) {
    const names = generations.map((g) => g.name).join(', ');
    throw new UnknownRentUnit(`expected one of the scenario's generations (${names}), found ${JSON.stringify(name)}`);
  }
  return { generation: found.name, perfRatio: found.perfRatio ?? null };
}

/** "USD per H100-hour", or "USD per ref-GPU-hour" without a unit. */
export const rentUnitWords = (currency: string, unit: RentUnit | undefined): string => `${currency} per ${unit ? `${unit.generation}-hour` : 'ref-GPU-hour'}`;

/** The generation's own index of a per-generation rent family: `spotRentCcyPerGpuHour_H100`. */
export const ownIndex = (unit: RentUnit, family: Exclude<GenerationMetric, 'installedGpus'>): string => generationMetricName(unit.generation, family);

/**
 * The factor from money per GPU-hour of a generation of `perfRatio` (1: per reference-GPU-hour) to
 * money per GPU-hour of `unit`: a conversion at the perfRatios. Null where the unit's is not known.
 */
export const perHourFactor = (unit: RentUnit, perfRatio: number): number | null => (unit.perfRatio === null ? null : unit.perfRatio / perfRatio);

/** The market-wide rent indices of which each generation has its own, and the family of its own. */
const OWN_FAMILY = { spotRentCcyPerRefGpuHour: 'spotRentCcyPerGpuHour', contractRentCcyPerRefGpuHour: 'contractRentCcyPerGpuHour' } as const;

export type MarketRentIndex = keyof typeof OWN_FAMILY;

export const isMarketRentIndex = (name: string): name is MarketRentIndex => Object.hasOwn(OWN_FAMILY, name);

/** A market-wide rent index as shown in `unit`: that generation's own index of it, or the index itself without a unit. */
export const rentIndexIn = (metric: MarketRentIndex, unit: RentUnit | undefined): string => (unit ? ownIndex(unit, OWN_FAMILY[metric]) : metric);
