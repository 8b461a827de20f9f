/**
 * Seeded random streams. Every run owns its streams; each stream is derived by hashing
 * (masterSeed, runIndex, streamName) so that adding a stream or an agent type never shifts another
 * stream. The generator is seedrandom's Alea (fast, 2^116 period, good enough for simulation).
 * A missing seed is an error: nothing here falls back to an unseeded generator.
 */
import seedrandom from 'seedrandom';

export type Rng = () => number;

export const STREAMS = ['init', 'vendor', 'pricing', 'developers', 'population', 'entry', 'demand'] as const;
export type StreamName = (typeof STREAMS)[number];
export type Streams = Record<StreamName, Rng>;

export function streamSeed(masterSeed: number | string, runIndex: number, stream: string): string {
  if (masterSeed === undefined || masterSeed === null || masterSeed === '') {
    throw new Error('a master seed is required');
  }
  return `gpu-market/${masterSeed}/${runIndex}/${stream}`;
}

export function createRng(seed: string): Rng {
  const prng = seedrandom.alea(seed);
  return () => prng();
}

export function createStreams(masterSeed: number | string, runIndex = 0): Streams {
  const out = {} as Streams;
  for (const s of STREAMS) out[s] = createRng(streamSeed(masterSeed, runIndex, s));
  return out;
}

/** Standard normal by Box–Muller; one draw per call keeps streams easy to reason about. */
export function normal(rng: Rng): number {
  let u = rng();
  while (u <= 1e-300) u = rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Log-normal multiplier with median 1 and log-sd sigma, mean-corrected so its mean is 1. */
export function lognormalFactor(rng: Rng, sigma: number): number {
  if (sigma === 0) return 1;
  return Math.exp(sigma * normal(rng) - (sigma * sigma) / 2);
}

/** Poisson draw by inversion (means here are small: tens at most). */
export function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(rng)));
  const l = Math.exp(-mean);
  let k = 0;
  let p = rng();
  while (p > l) {
    k++;
    p *= rng();
  }
  return k;
}
