/**
 * Rank correlation between inputs: the list a scenario writes becomes a valid matrix or a clear
 * error, and Iman–Conover reorders a design to that correlation without changing any input's
 * values.
 */
import { describe, expect, it } from 'vitest';
import { CorrelationError, correlationMatrix } from '../../../src/montecarlo/sampling/correlations.js';
import { designRng, sampleDesign, type UncertainInput } from '../../../src/montecarlo/sampling/designs.js';
import { DistributionSchema } from '../../../src/montecarlo/sampling/distributions.js';
import { imposeRankCorrelation } from '../../../src/montecarlo/sampling/imanConover.js';
import { spearman } from '../../../src/montecarlo/sampling/ranks.js';

const input = (path: string, dist: unknown): UncertainInput => ({ path, dist: DistributionSchema.parse(dist) });
const INPUTS = [
  input('vendor.outputScale', { dist: 'lognormal', median: 1, sigma: 0.3 }),
  input('generations.H800.outputGrowthPerYear', { dist: 'uniform', min: 0.5, max: 2 }),
  input('market.hype.initial', { dist: 'beta', alpha: 2, beta: 5 }),
];
const PATHS = INPUTS.map((i) => i.path);
const [A, B, C] = PATHS;
const TARGET = correlationMatrix(PATHS, [
  { a: A, b: B, rho: 0.7 },
  { a: C, b: A, rho: -0.5 },
]);
const column = (rows: number[][], j: number) => rows.map((r) => r[j]);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

/** The thrown error, which must be a CorrelationError. */
function caught(run: () => unknown): CorrelationError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(CorrelationError);
    return err as CorrelationError;
  }
  throw new Error('expected a CorrelationError');
}

describe('the correlation matrix built from a list of pairs', () => {
  it('holds each rho in both triangles and is the identity elsewhere', () => {
    expect(TARGET).toEqual([
      [1, 0.7, -0.5],
      [0.7, 1, 0],
      [-0.5, 0, 1],
    ]);
  });

  it('is the identity for an empty list', () => {
    expect(correlationMatrix([A, B], [])).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it('rejects a path that is not an uncertain input, at that entry', () => {
    const e = caught(() => correlationMatrix(PATHS, [{ a: A, b: 'vendor.outputScal', rho: 0.5 }]));
    expect(e.path).toEqual([0, 'b']);
    expect(e.message).toBe(`correlations[0].b: expected one of the uncertain inputs (${A}, ${B}, ${C}), found "vendor.outputScal"`);
  });

  it('rejects an input correlated with itself', () => {
    expect(caught(() => correlationMatrix(PATHS, [{ a: A, b: A, rho: 0.5 }])).path).toEqual([0, 'b']);
  });

  it('rejects a pair given twice, in either order', () => {
    const e = caught(() =>
      correlationMatrix(PATHS, [
        { a: A, b: B, rho: 0.5 },
        { a: B, b: A, rho: 0.4 },
      ]),
    );
    expect(e.path).toEqual([1]);
    expect(e.message).toMatch(/first in entry 1/);
  });

  it('rejects rho outside [-1, 1]', () => {
    expect(caught(() => correlationMatrix(PATHS, [{ a: A, b: B, rho: 1.5 }])).path).toEqual([0, 'rho']);
  });

  it('rejects correlations that cannot hold together, naming the inputs involved', () => {
    const e = caught(() =>
      correlationMatrix(PATHS, [
        { a: A, b: B, rho: 0.9 },
        { a: B, b: C, rho: 0.9 },
        { a: A, b: C, rho: -0.9 },
      ]),
    );
    expect(e.message).toMatch(/positive definite/);
    expect(e.message).toContain(`${A}, ${B}, ${C}`);
  });

  it('rejects rho = 1, which makes the matrix singular', () => {
    expect(caught(() => correlationMatrix(PATHS, [{ a: A, b: B, rho: 1 }])).message).toMatch(/positive definite/);
  });
});

describe('Iman–Conover on a 3-input Latin hypercube of 1000 runs', () => {
  const design = sampleDesign(INPUTS, 1000, 'lhs', designRng('iman-conover'));
  const correlated = imposeRankCorrelation(design, TARGET);
  const rho = (i: number, j: number) => spearman(column(correlated, i), column(correlated, j));

  it('achieves the target rank correlations within 0.05', () => {
    expect(Math.abs(rho(0, 1) - 0.7)).toBeLessThan(0.05);
    expect(Math.abs(rho(0, 2) - -0.5)).toBeLessThan(0.05);
    expect(Math.abs(rho(1, 2))).toBeLessThan(0.05);
  });

  it('keeps every column’s values exactly, only in a new order', () => {
    for (let j = 0; j < 3; j++) expect(sorted(column(correlated, j))).toEqual(sorted(column(design, j)));
  });

  it('leaves the design it was given untouched', () => {
    expect(design).toEqual(sampleDesign(INPUTS, 1000, 'lhs', designRng('iman-conover')));
  });

  it('gives the same result every time', () => {
    expect(imposeRankCorrelation(design, TARGET)).toEqual(correlated);
  });
});

describe('Iman–Conover, in other settings', () => {
  it('works on a plain Monte Carlo design too', () => {
    const design = sampleDesign(INPUTS, 1000, 'mc', designRng(3));
    const out = imposeRankCorrelation(design, TARGET);
    expect(Math.abs(spearman(column(out, 0), column(out, 1)) - 0.7)).toBeLessThan(0.05);
  });

  it('keeps inputs uncorrelated when the target is the identity', () => {
    const design = sampleDesign(INPUTS, 1000, 'lhs', designRng(4));
    const out = imposeRankCorrelation(design, correlationMatrix(PATHS, []));
    for (const [i, j] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ]) {
      expect(Math.abs(spearman(column(out, i), column(out, j)))).toBeLessThan(0.05);
    }
  });

  it('keeps tied values (a discrete choice) and breaks ties the same way each time', () => {
    const inputs = [input('a', { dist: 'choice', values: [1, 2, 3] }), input('b', { dist: 'uniform', min: 0, max: 1 })];
    const design = sampleDesign(inputs, 300, 'lhs', designRng(5));
    const target = correlationMatrix(['a', 'b'], [{ a: 'a', b: 'b', rho: 0.6 }]);
    const out = imposeRankCorrelation(design, target);
    expect(sorted(column(out, 0))).toEqual(sorted(column(design, 0)));
    expect(imposeRankCorrelation(design, target)).toEqual(out);
    expect(spearman(column(out, 0), column(out, 1))).toBeGreaterThan(0.45);
  });

  it('returns a copy unchanged when there is a single input or a single run', () => {
    expect(imposeRankCorrelation([[1], [2], [3]], [[1]])).toEqual([[1], [2], [3]]);
    expect(
      imposeRankCorrelation(
        [[1, 2]],
        TARGET.slice(0, 2).map((r) => r.slice(0, 2)),
      ),
    ).toEqual([[1, 2]]);
  });
});

describe('the target matrix given to Iman–Conover', () => {
  const design = sampleDesign(INPUTS, 50, 'lhs', designRng(6));

  it('must not be non-positive-definite', () => {
    const impossible = [
      [1, 0.9, -0.9],
      [0.9, 1, 0.9],
      [-0.9, 0.9, 1],
    ];
    expect(caught(() => imposeRankCorrelation(design, impossible)).message).toMatch(/positive definite/);
  });

  it('must be symmetric', () => {
    const e = caught(() =>
      imposeRankCorrelation(design, [
        [1, 0.5, 0],
        [0.4, 1, 0],
        [0, 0, 1],
      ]),
    );
    expect(e.path).toEqual([0, 1]);
  });

  it('must have a unit diagonal and entries in [-1, 1]', () => {
    expect(
      caught(() =>
        imposeRankCorrelation(design, [
          [2, 0, 0],
          [0, 1, 0],
          [0, 0, 1],
        ]),
      ).path,
    ).toEqual([0, 0]);
    expect(
      caught(() =>
        imposeRankCorrelation(design, [
          [1, 1.2, 0],
          [1.2, 1, 0],
          [0, 0, 1],
        ]),
      ).path,
    ).toEqual([0, 1]);
  });

  it('must have one row and column per input', () => {
    expect(
      caught(() =>
        imposeRankCorrelation(design, [
          [1, 0],
          [0, 1],
        ]),
      ).message,
    ).toMatch(/3 × 3/);
  });
});
