/**
 * One-at-a-time swings for a tornado chart: every input at its median (u = ½) gives the base
 * point; each input in turn is set to its 10th and then its 90th percentile (u = 0.1, 0.9) with
 * the others at their medians. 2k + 1 points.
 *
 * A stochastic model is evaluated R times at every point (replicates), replicate j with the random
 * stream j at every point (common random numbers), and the point's value is the mean over its
 * replicates: the difference between the high and the low point of an input is then the input's
 * effect, with the noise that both share cancelled. `swingStandardError` is the standard error of
 * that paired difference (n − 1), so a swing within about two of it is not told apart from noise.
 *
 * Blocks: block 0 is the base point, blocks 2i + 1 and 2i + 2 the low and high points of input i,
 * each R identical rows. A replicate without a value (null) is left out of its point's mean, and
 * out of the paired difference.
 */
import { checkBlockValues, type Block, type BlockValues } from './blocks.js';

export interface TornadoDesign {
  method: 'tornado';
  k: number;
  /** Replicates per point. */
  r: number;
  low: number;
  high: number;
  blocks: Block[];
}

export interface TornadoPoint {
  /** Mean over the replicates that have a value; null if none has. */
  value: number | null;
  /** Replicates without a value. */
  missing: number;
}

export interface TornadoBar {
  input: number;
  low: TornadoPoint;
  high: TornadoPoint;
  /** high − low: positive when the outcome rises with the input; null if either is missing. */
  swing: number | null;
  /** Standard error of the mean paired difference high − low; null with fewer than two pairs. */
  swingStandardError: number | null;
}

export interface TornadoResult {
  method: 'tornado';
  r: number;
  /** The probabilities of the low and high points (0.1 and 0.9 unless chosen otherwise). */
  lowProbability: number;
  highProbability: number;
  base: TornadoPoint;
  /** Sorted by |swing|, largest first (missing swings last, then by input). */
  bars: TornadoBar[];
}

export function tornadoDesign(k: number, r: number, o: { low?: number; high?: number } = {}): TornadoDesign {
  const low = o.low ?? 0.1;
  const high = o.high ?? 0.9;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`a tornado needs at least one input, got ${k}`);
  if (!Number.isInteger(r) || r < 1) throw new RangeError(`a tornado needs at least one replicate, got ${r}`);
  if (!(low > 0 && low < 0.5 && high > 0.5 && high < 1)) throw new RangeError(`a tornado needs 0 < low < ½ < high < 1, got ${low} and ${high}`);
  const point = (i: number, u: number) => Array.from({ length: r }, () => Array.from({ length: k }, (_, c) => (c === i ? u : 0.5)));
  const blocks = [point(-1, 0.5)];
  for (let i = 0; i < k; i++) blocks.push(point(i, low), point(i, high));
  return { method: 'tornado', k, r, low, high, blocks };
}

function pointOf(values: readonly (number | null)[]): TornadoPoint {
  const present = values.filter((v): v is number => v !== null);
  const value = present.length === 0 ? null : present.reduce((a, x) => a + x, 0) / present.length;
  return { value, missing: values.length - present.length };
}

export function tornadoEffects(design: TornadoDesign, values: BlockValues): TornadoResult {
  checkBlockValues(design.blocks, values);
  const bars: TornadoBar[] = Array.from({ length: design.k }, (_, input) => {
    const lowValues = values[2 * input + 1];
    const highValues = values[2 * input + 2];
    const low = pointOf(lowValues);
    const high = pointOf(highValues);
    const diffs: number[] = [];
    lowValues.forEach((lo, j) => {
      const hi = highValues[j];
      if (lo !== null && hi !== null) diffs.push(hi - lo);
    });
    let swingStandardError: number | null = null;
    if (diffs.length >= 2) {
      const mean = diffs.reduce((a, x) => a + x, 0) / diffs.length;
      swingStandardError = Math.sqrt(diffs.reduce((a, x) => a + (x - mean) ** 2, 0) / (diffs.length - 1) / diffs.length);
    }
    const swing = low.value === null || high.value === null ? null : high.value - low.value;
    return { input, low, high, swing, swingStandardError };
  });
  bars.sort((a, b) => {
    if (a.swing === null || b.swing === null) return (a.swing === null ? 1 : 0) - (b.swing === null ? 1 : 0) || a.input - b.input;
    return Math.abs(b.swing) - Math.abs(a.swing) || a.input - b.input;
  });
  return { method: 'tornado', r: design.r, lowProbability: design.low, highProbability: design.high, base: pointOf(values[0]), bars };
}
