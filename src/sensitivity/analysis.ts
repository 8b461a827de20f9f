/**
 * The three methods behind one pair of calls: `sensitivityDesign` says where to evaluate (blocks
 * of points in the unit cube), `sensitivityEstimate` turns the values there into the method's
 * result. Between the two the caller evaluates, on the model's worker pool or on a plain function
 * (`analyseFunction`), so the estimators can be checked against functions with known answers.
 */
import { evaluateBlocks, type BlockValues } from './blocks.js';
import { morrisDesign, morrisEffects, type MorrisDesign, type MorrisResult } from './morris.js';
import { sobolDesign, sobolIndices, type SobolDesign, type SobolOptions, type SobolResult } from './sobol.js';
import { tornadoDesign, tornadoEffects, type TornadoDesign, type TornadoResult } from './tornado.js';

export const SENSITIVITY_METHODS = ['tornado', 'sobol', 'morris'] as const;
export type SensitivityMethod = (typeof SENSITIVITY_METHODS)[number];

export type SensitivityDesign = TornadoDesign | SobolDesign | MorrisDesign;
export type SensitivityResult = TornadoResult | SobolResult | MorrisResult;

/**
 * What `samples` counts, and its default, per method:
 * - tornado: replicates per point (default 50): R·(2k + 1) evaluations;
 * - sobol: base sample size N (default 2,048): N·(k + 2) evaluations;
 * - morris: trajectories r (default 50): r·(k + 1) evaluations.
 */
export const DEFAULT_SAMPLES: Readonly<Record<SensitivityMethod, number>> = { tornado: 50, sobol: 2048, morris: 50 };

/** Grid levels of a Morris design. */
export const MORRIS_LEVELS = 4;

export interface DesignOptions {
  method: SensitivityMethod;
  /** Inputs. */
  k: number;
  /** See DEFAULT_SAMPLES. */
  samples?: number;
  seed: number;
}

export function sensitivityDesign(o: DesignOptions): SensitivityDesign {
  const samples = o.samples ?? DEFAULT_SAMPLES[o.method];
  switch (o.method) {
    case 'tornado':
      return tornadoDesign(o.k, samples);
    case 'sobol':
      return sobolDesign(o.k, samples, o.seed);
    case 'morris':
      return morrisDesign(o.k, samples, MORRIS_LEVELS, o.seed);
  }
}

/** Evaluations a design needs: rows of all its blocks. */
export const designRuns = (d: SensitivityDesign): number => d.blocks.reduce((a, b) => a + b.length, 0);

export function sensitivityEstimate(design: SensitivityDesign, values: BlockValues, o: SobolOptions = {}): SensitivityResult {
  switch (design.method) {
    case 'tornado':
      return tornadoEffects(design, values);
    case 'sobol':
      return sobolIndices(design, values, o);
    case 'morris':
      return morrisEffects(design, values);
  }
}

/** The whole analysis of a deterministic function `f` on the unit cube [0, 1]^k. */
export function analyseFunction(o: DesignOptions & SobolOptions, f: (u: readonly number[]) => number | null): SensitivityResult {
  const design = sensitivityDesign(o);
  return sensitivityEstimate(design, evaluateBlocks(design.blocks, f), o);
}
