import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { binomialUpperTail, lnGamma } from '../../src/discovery/binomialTail.js';
import { decileTarget } from '../../src/discovery/decileTarget.js';
import { boxContains, prim } from '../../src/discovery/prim.js';

const NAMES = ['x1', 'x2', 'x3', 'x4', 'x5'];

/**
 * 2,000 cases uniform on [0,1]^5; y is true inside x1 ∈ [0.2, 0.5], x3 ∈ [0.6, 0.9], with each
 * label flipped with probability `noise`.
 */
function plantedBox(seed: string, noise: number, n = 2000): { X: number[][]; y: boolean[] } {
  const rng = seedrandom(seed);
  const X: number[][] = [];
  const y: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const row = NAMES.map(() => rng());
    const inside = row[0] >= 0.2 && row[0] <= 0.5 && row[2] >= 0.6 && row[2] <= 0.9;
    X.push(row);
    y.push(rng() < noise ? !inside : inside);
  }
  return { X, y };
}

describe('PRIM', () => {
  for (const seed of ['planted-1', 'planted-2', 'planted-3']) {
    it(`recovers a planted box in noisy data, restricting only the inputs that matter (${seed})`, () => {
      const { X, y } = plantedBox(seed, 0.05);
      const r = prim(X, y, NAMES);
      expect(r.boxes).toHaveLength(1);
      const box = r.boxes[0];
      expect(box.restrictions.map((x) => x.input)).toEqual(['x1', 'x3']);
      const [x1, x3] = box.restrictions;
      expect(x1.lower).toBeCloseTo(0.2, 1);
      expect(Math.abs(x1.lower! - 0.2)).toBeLessThan(0.05);
      expect(Math.abs(x1.upper! - 0.5)).toBeLessThan(0.05);
      expect(Math.abs(x3.lower! - 0.6)).toBeLessThan(0.05);
      expect(Math.abs(x3.upper! - 0.9)).toBeLessThan(0.05);
      expect(box.density).toBeGreaterThan(0.85);
      expect(box.coverage).toBeGreaterThan(0.5);
      expect(x1.quasiP).toBeLessThan(1e-6);
      // The reported figures are those of the box's own cases.
      const inside = X.map((row) => boxContains(box, row));
      const count = inside.filter(Boolean).length;
      const hits = inside.filter((v, i) => v && y[i]).length;
      expect(box.cases).toBe(count);
      expect(box.interesting).toBe(hits);
      expect(box.density).toBeCloseTo(hits / count, 12);
      expect(box.coverage).toBeCloseTo(hits / r.interesting, 12);
      expect(box.mass).toBeCloseTo(count / X.length, 12);
    });
  }

  it('recovers the box from clean data, to within a peel', () => {
    const { X, y } = plantedBox('clean', 0);
    const box = prim(X, y, NAMES).boxes[0];
    expect(box.restrictions.map((x) => [x.input, x.lower, x.upper])).toEqual([
      ['x1', expect.closeTo(0.2, 1), expect.closeTo(0.5, 1)],
      ['x3', expect.closeTo(0.6, 1), expect.closeTo(0.9, 1)],
    ]);
    expect(box.density).toBeGreaterThan(0.95);
    expect(box.coverage).toBeGreaterThan(0.9);
  });

  it('records a peeling trajectory that starts from the whole space and gains density', () => {
    const { X, y } = plantedBox('trajectory', 0.05);
    const box = prim(X, y, NAMES).boxes[0];
    const t = box.trajectory;
    expect(t[0]).toMatchObject({ coverage: 1, mass: 1, restricted: [] });
    for (let i = 1; i < t.length; i++) {
      expect(t[i].density).toBeGreaterThan(t[i - 1].density);
      expect(t[i].mass).toBeLessThan(t[i - 1].mass);
      expect(t[i].mass).toBeGreaterThanOrEqual(0.05);
    }
    expect(box.selectedStep).toBeGreaterThan(0);
  });

  it('finds a second box by covering when the interest lies in two places', () => {
    const rng = seedrandom('two-boxes');
    const X: number[][] = [];
    const y: boolean[] = [];
    for (let i = 0; i < 3000; i++) {
      const row = [rng(), rng(), rng()];
      X.push(row);
      y.push((row[0] < 0.3 && row[1] < 0.3) || (row[1] > 0.7 && row[2] > 0.7));
    }
    const r = prim(X, y, ['a', 'b', 'c'], { maxBoxes: 3 });
    expect(r.boxes.map((b) => b.restrictions.map((x) => [x.input, x.lower === null ? null : +x.lower.toFixed(1), x.upper === null ? null : +x.upper.toFixed(1)]))).toEqual([
      [
        ['a', null, 0.3],
        ['b', null, 0.3],
      ],
      [
        ['b', 0.7, null],
        ['c', 0.7, null],
      ],
    ]);
    expect(r.stopReason).toMatch(/^after 2 boxes: /);
    expect(r.boxes[0].coverage + r.boxes[1].coverage).toBeGreaterThan(0.9);
    expect(r.boxes.every((b) => b.density > 0.9)).toBe(true);
  });

  it('says why there is no box when no case, or every case, is of interest', () => {
    const { X } = plantedBox('edges', 0, 200);
    const none = prim(
      X,
      X.map(() => false),
      NAMES,
    );
    expect(none.boxes).toEqual([]);
    expect(none.stopReason).toMatch(/no case is of interest/);
    const all = prim(
      X,
      X.map(() => true),
      NAMES,
    );
    expect(all.boxes).toEqual([]);
    expect(all.stopReason).toMatch(/every case is of interest/);
    expect(prim([], [], NAMES).stopReason).toMatch(/no cases/);
    expect(
      prim(
        X.map(() => []),
        X.map((_, i) => i % 2 === 0),
        [],
      ).stopReason,
    ).toMatch(/no inputs/);
  });

  it('usually finds nothing in pure noise', () => {
    let found = 0;
    for (let s = 0; s < 10; s++) {
      const rng = seedrandom(`noise-${s}`);
      const X = Array.from({ length: 1000 }, () => NAMES.map(() => rng()));
      const y = X.map(() => rng() < 0.4);
      if (prim(X, y, NAMES).boxes.length > 0) found++;
    }
    expect(found).toBeLessThanOrEqual(3);
  });

  for (const objective of ['gainPerCase', 'mean'] as const) {
    it(`peels an input with few values by whole values (objective ${objective})`, () => {
      const rng = seedrandom('discrete');
      const X: number[][] = [];
      const y: boolean[] = [];
      for (let i = 0; i < 1500; i++) {
        const row = [[2, 3, 4][Math.floor(rng() * 3)], rng()];
        X.push(row);
        y.push(row[0] === 4 && row[1] > 0.5 ? rng() < 0.9 : rng() < 0.05);
      }
      const box = prim(X, y, ['shippingMonths', 'u'], { objective }).boxes[0];
      expect(box.restrictions.map((x) => [x.input, x.lower, x.upper !== null])).toEqual([
        ['shippingMonths', 4, false],
        ['u', expect.closeTo(0.5, 1), false],
      ]);
    });
  }

  it('is deterministic and does not depend on the order of equal values', () => {
    const { X, y } = plantedBox('determinism', 0.1);
    expect(prim(X, y, NAMES)).toEqual(prim(X, y, NAMES));
  });

  it('selects by a minimum density when asked, trading coverage for density', () => {
    const { X, y } = plantedBox('threshold', 0.05);
    const loose = prim(X, y, NAMES, { select: { minDensity: 0.5 }, paste: false, maxPValue: 1 }).boxes[0];
    const wracc = prim(X, y, NAMES, { paste: false, maxPValue: 1 }).boxes[0];
    expect(loose.density).toBeGreaterThanOrEqual(0.5);
    expect(loose.coverage).toBeGreaterThanOrEqual(wracc.coverage);
    expect(prim(X, y, NAMES, { select: { minDensity: 1 } }).boxes).toEqual([]);
  });

  it('rejects inputs it cannot use', () => {
    expect(() => prim([[1, 2]], [true], ['a'])).toThrow(/row 0 of X has 2 values, expected 1/);
    expect(() => prim([[NaN]], [true], ['a'])).toThrow(/finite/);
    expect(() => prim([[1]], [true, false], ['a'])).toThrow(/1 rows but y has 2/);
    expect(() => prim([[1]], [true], ['a'], { peelAlpha: 0.7 })).toThrow(/peelAlpha/);
  });
});

describe('worst-decile targets', () => {
  it('marks the lowest or highest tenth of an outcome, never a missing value', () => {
    const values = [...Array.from({ length: 20 }, (_, i) => i + 1), null];
    const low = decileTarget(values, 'lowest');
    const high = decileTarget(values, 'highest');
    // Type 7: the 10 % quantile of 1..20 is 2.9, the 90 % quantile 18.1.
    expect(low.filter(Boolean)).toHaveLength(2);
    expect(low.slice(0, 3)).toEqual([true, true, false]);
    expect(high.slice(17)).toEqual([false, true, true, false]);
  });

  it('feeds PRIM: the lowest decile of an outcome driven by one input is found on that input', () => {
    const rng = seedrandom('decile');
    const X = Array.from({ length: 2000 }, () => [rng(), rng(), rng()]);
    const irr = X.map((r) => 0.3 * r[1] + 0.02 * rng());
    const box = prim(X, decileTarget(irr, 'lowest'), ['a', 'b', 'c']).boxes[0];
    expect(box.restrictions.map((r) => r.input)).toEqual(['b']);
    expect(box.restrictions[0].upper).toBeLessThan(0.15);
  });
});

describe('binomial upper tail', () => {
  it('matches hand-computed values', () => {
    expect(binomialUpperTail(0, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.3)).toBe(0);
    // P(X ≥ 2), X ~ Bin(3, 0.5) = 4/8.
    expect(binomialUpperTail(2, 3, 0.5)).toBeCloseTo(0.5, 12);
    // P(X ≥ 9), X ~ Bin(10, 0.5) = 11/1024.
    expect(binomialUpperTail(9, 10, 0.5)).toBeCloseTo(11 / 1024, 12);
    expect(binomialUpperTail(5000, 10000, 0.5)).toBeCloseTo(0.5 + 0.5 * 0.00797871, 5);
    expect(lnGamma(10)).toBeCloseTo(Math.log(362880), 10);
  });
});
