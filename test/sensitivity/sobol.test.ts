import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateBlocks, type BlockValues } from '../../src/sensitivity/blocks.js';
import { sobolDesign, sobolIndices, type SobolResult } from '../../src/sensitivity/sobol.js';

/** Ishigami (a = 7, b = 0.1) on [−π, π]³, written on the unit cube. */
function ishigami(u: readonly number[]): number {
  const x = u.map((v) => -Math.PI + 2 * Math.PI * v);
  return Math.sin(x[0]) + 7 * Math.sin(x[1]) ** 2 + 0.1 * x[2] ** 4 * Math.sin(x[0]);
}

/** Analytic indices of Ishigami(7, 0.1). */
const ISHIGAMI = { firstOrder: [0.3139, 0.4424, 0], total: [0.5576, 0.4424, 0.2437] };

function sobolOf(k: number, n: number, seed: number, f: (u: readonly number[]) => number | null, resamples = 200): SobolResult {
  const design = sobolDesign(k, n, seed);
  return sobolIndices(design, evaluateBlocks(design.blocks, f), { resamples });
}

describe('Sobol indices (Saltelli 2010 first order, Jansen total)', () => {
  it('recover the Ishigami indices within 0.02 at N = 65,536 (327,680 evaluations)', () => {
    const r = sobolOf(3, 65_536, 1, ishigami, 1000);
    expect(r.rowsUsed).toBe(65_536);
    r.indices!.forEach((x, i) => {
      expect(Math.abs(x.firstOrder - ISHIGAMI.firstOrder[i]), `S${i + 1}`).toBeLessThan(0.02);
      expect(Math.abs(x.total - ISHIGAMI.total[i]), `ST${i + 1}`).toBeLessThan(0.02);
      // The bootstrap intervals hold their estimate and are about as narrow as the tolerance.
      for (const [value, ci] of [
        [x.firstOrder, x.firstOrderInterval],
        [x.total, x.totalInterval],
      ] as const) {
        expect(ci.low).toBeLessThanOrEqual(value);
        expect(ci.high).toBeGreaterThanOrEqual(value);
        expect(ci.high - ci.low).toBeLessThan(0.03);
      }
    });
    // A deterministic function has no random stream to explain anything.
    expect(Math.abs(r.stream!.value)).toBeLessThan(0.02);
  });

  it('give 95 % bootstrap intervals that hold the analytic Ishigami index about 95 % of the time', () => {
    let inside = 0;
    let total = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const r = sobolOf(3, 1024, seed, ishigami, 400);
      r.indices!.forEach((x, i) => {
        for (const [truth, ci] of [
          [ISHIGAMI.firstOrder[i], x.firstOrderInterval],
          [ISHIGAMI.total[i], x.totalInterval],
        ] as const) {
          total++;
          if (ci.low <= truth && truth <= ci.high) inside++;
        }
      });
    }
    expect(inside / total).toBeGreaterThan(0.85);
    expect(inside / total).toBeLessThan(1);
  });

  it('are the same for the same seed and differ for another', () => {
    const a = sobolOf(3, 256, 7, ishigami);
    expect(sobolOf(3, 256, 7, ishigami)).toEqual(a);
    expect(sobolOf(3, 256, 8, ishigami).indices![0].firstOrder).not.toBe(a.indices![0].firstOrder);
  });

  it('build AB_i from A with column i of B, all inside the open unit cube', () => {
    const d = sobolDesign(4, 50, 3);
    expect(d.blocks).toHaveLength(6);
    const [a, b, ...ab] = d.blocks;
    ab.forEach((m, i) => m.forEach((row, j) => row.forEach((u, c) => expect(u).toBe(c === i ? b[j][c] : a[j][c]))));
    for (const m of d.blocks) for (const row of m) for (const u of row) expect(u > 0 && u < 1).toBe(true);
    // Each column of A and B is a Latin hypercube: one value in each of the 50 strata.
    for (const m of [a, b]) for (let c = 0; c < 4; c++) expect(new Set(m.map((row) => Math.floor(row[c] * 50))).size).toBe(50);
  });

  it('give one first-order index per input that adds up to about 1 for an additive function, and equals its total index', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 2, maxLength: 5 }), (c) => {
        fc.pre(c.some((x) => Math.abs(x) > 0.1));
        const r = sobolOf(c.length, 4096, 1, (u) => u.reduce((s, x, i) => s + c[i] * x, 0), 50);
        const sum = r.indices!.reduce((s, x) => s + x.firstOrder, 0);
        expect(sum).toBeGreaterThan(0.93);
        expect(sum).toBeLessThan(1.07);
        // Linear in uniform inputs: S_i = c_i² / Σ c².
        const norm = c.reduce((s, x) => s + x * x, 0);
        r.indices!.forEach((x, i) => {
          expect(Math.abs(x.firstOrder - (c[i] * c[i]) / norm)).toBeLessThan(0.05);
          expect(Math.abs(x.total - x.firstOrder)).toBeLessThan(0.05);
        });
      }),
      { numRuns: 25, seed: 42 },
    );
  });

  it('permute with the inputs: swapping two inputs swaps their indices', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), (i, j) => {
        const swap = (u: readonly number[]) => u.map((_, c) => u[c === i ? j : c === j ? i : c]);
        const a = sobolOf(3, 2048, 5, ishigami, 20).indices!;
        const b = sobolOf(3, 2048, 5, (u) => ishigami(swap(u)), 20).indices!;
        const at = (c: number) => (c === i ? j : c === j ? i : c);
        for (let c = 0; c < 3; c++) {
          expect(Math.abs(b[at(c)].total - a[c].total)).toBeLessThan(0.06);
          expect(Math.abs(b[at(c)].firstOrder - a[c].firstOrder)).toBeLessThan(0.06);
        }
      }),
      { numRuns: 6, seed: 7 },
    );
  });

  it('drop a base row from every matrix when any of its values is missing', () => {
    const d = sobolDesign(3, 400, 2);
    const values: BlockValues = d.blocks.map((block) => block.map((row) => ishigami(row)));
    const missingRows = [3, 10, 399];
    missingRows.forEach((j, b) => (values[1 + b][j] = null));
    const r = sobolIndices(d, values, { resamples: 20 });
    expect(r.rowsUsed).toBe(397);
    const kept = (m: (number | null)[]) => m.filter((_, j) => !missingRows.includes(j));
    const reference = sobolIndices({ ...d, n: 397, blocks: d.blocks.map((m) => m.filter((_, j) => !missingRows.includes(j))) }, values.map(kept), { resamples: 20 });
    expect(r.indices!.map((x) => x.total)).toEqual(reference.indices!.map((x) => x.total));
  });

  it('attribute nothing when the outcome does not vary', () => {
    const r = sobolOf(2, 64, 1, () => 3.5);
    expect(r.indices).toBeNull();
    expect(r.variance).toBe(0);
    expect(r.mean).toBe(3.5);
  });

  it('see the shared random stream of each base row as the stream’s own share of the variance', () => {
    // y = x0 + ε_j with the same ε_j in row j of A, B and every AB_i (common random numbers):
    // Var x0 = 1/12 and Var ε = 1/12, so the input and the stream explain half each.
    const d = sobolDesign(2, 8192, 4);
    const eps = d.blocks[0].map((_, j) => ((j * 0.6180339887) % 1) - 0.5);
    const values = d.blocks.map((block) => block.map((row, j) => row[0] + eps[j]));
    const r = sobolIndices(d, values, { resamples: 50 });
    expect(r.stream!.value).toBeCloseTo(0.5, 1);
    expect(r.indices![0].firstOrder).toBeCloseTo(0.5, 1);
    expect(r.indices![0].total).toBeCloseTo(0.5, 1);
    expect(Math.abs(r.indices![1].total)).toBeLessThan(1e-12);
  });

  it('refuse a design without inputs or with a single row', () => {
    expect(() => sobolDesign(0, 10, 1)).toThrow(/at least one input/);
    expect(() => sobolDesign(2, 1, 1)).toThrow(/at least 2 rows/);
  });
});
