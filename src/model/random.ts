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

/**
 * The ziggurat of Marsaglia and Tsang (2000) with 128 layers: a draw is one uniform, a table lookup
 * and a multiplication 98.8 % of the time; the rest are settled exactly by rejection (the wedges) and
 * by Marsaglia's exponential method (the tail beyond R). Box–Muller costs a logarithm, a square root
 * and a cosine per draw, and the model draws tens of thousands of normals a run (every lessor's
 * pricing error, every developer's need), so this is a tenth of a run's time. Alea's output is a
 * whole multiple of 2^-32, so each uniform gives a whole 32-bit integer: its sign is the deviate's,
 * its low 7 bits pick the layer, and all 32 place the point (the layer bits move it by under 2^-24
 * of the layer's width).
 */
const LAYERS = 128;
const R = 3.442619855899;
const LAYER_AREA = 9.91256303526217e-3;
/** Per layer: the integer below which a point lies inside the layer's rectangle, the scale from integers to x, and the density at the layer's edge. */
const KN = new Uint32Array(LAYERS);
const WN = new Float64Array(LAYERS);
const FN = new Float64Array(LAYERS);
{
  const m1 = 2 ** 31;
  const q = LAYER_AREA / Math.exp(-0.5 * R * R);
  let dn = R;
  let tn = R;
  KN[0] = (dn / q) * m1;
  KN[1] = 0;
  WN[0] = q / m1;
  WN[LAYERS - 1] = dn / m1;
  FN[0] = 1;
  FN[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(LAYER_AREA / dn + Math.exp(-0.5 * dn * dn)));
    KN[i + 1] = (dn / tn) * m1;
    tn = dn;
    FN[i] = Math.exp(-0.5 * dn * dn);
    WN[i] = dn / m1;
  }
}

/** Standard normal deviate from `rng` (which must be a real generator: a constant would never leave the rejection steps). */
export function normal(rng: Rng): number {
  for (;;) {
    const hz = (rng() * 4294967296) | 0;
    const iz = hz & (LAYERS - 1);
    if (Math.abs(hz) < KN[iz]) return hz * WN[iz];
    if (iz === 0) {
      // The tail beyond R: Marsaglia's method, from exponential deviates (1 - u is never 0).
      let x: number;
      let y: number;
      do {
        x = -Math.log(1 - rng()) / R;
        y = -Math.log(1 - rng());
      } while (y + y < x * x);
      return hz > 0 ? R + x : -R - x;
    }
    const x = hz * WN[iz];
    if (FN[iz] + rng() * (FN[iz - 1] - FN[iz]) < Math.exp(-0.5 * x * x)) return x;
  }
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
