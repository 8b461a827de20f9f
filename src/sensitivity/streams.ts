/**
 * The random streams of a sensitivity analysis, named apart from a batch's design stream and from
 * the per-run streams, so a design and its bootstrap depend only on (seed, purpose).
 */
import { createRng, type Rng } from '../model/random.js';

export type SensitivityStream = 'sobol-design' | 'sobol-bootstrap' | 'morris-design';

export function sensitivityRng(seed: number | string, stream: SensitivityStream): Rng {
  if (seed === undefined || seed === null || seed === '') throw new Error('a seed is required');
  return createRng(`gpu-market/${seed}/sensitivity-${stream}`);
}
