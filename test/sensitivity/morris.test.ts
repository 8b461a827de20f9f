import { describe, expect, it } from 'vitest';
import { evaluateBlocks } from '../../src/sensitivity/blocks.js';
import { MORRIS_STEP, morrisDesign, morrisEffects } from '../../src/sensitivity/morris.js';

const LEVELS_4 = [1 / 8, 3 / 8, 5 / 8, 7 / 8];

describe('Morris elementary effects', () => {
  it('walk each trajectory one input at a time, by ½ in probability, on the grid of 4 levels', () => {
    const d = morrisDesign(5, 30, 4, 1);
    expect(d.blocks).toHaveLength(6);
    for (let t = 0; t < 30; t++) {
      const points = d.blocks.map((b) => b[t]);
      for (const p of points) for (const u of p) expect(LEVELS_4).toContain(u);
      const changed = new Set<number>();
      d.steps[t].forEach(({ input, direction }, s) => {
        const diff = points[s + 1].map((u, i) => u - points[s][i]);
        diff.forEach((x, i) => expect(x).toBeCloseTo(i === input ? direction * MORRIS_STEP : 0, 12));
        changed.add(input);
      });
      expect(changed.size).toBe(5);
    }
  });

  it('rank a linear function by the size of its coefficients, with effects exactly the coefficients and an inactive input at 0', () => {
    const c = [4, -10, 0, 1.5, -0.5];
    const d = morrisDesign(c.length, 20, 4, 2);
    const r = morrisEffects(
      d,
      evaluateBlocks(d.blocks, (u) => u.reduce((s, x, i) => s + c[i] * x, 0)),
    );
    r.effects.forEach((e, i) => {
      expect(e.mu).toBeCloseTo(c[i], 10);
      expect(e.muStar).toBeCloseTo(Math.abs(c[i]), 10);
      expect(e.sigma).toBeCloseTo(0, 10);
      expect(e.effects).toBe(20);
    });
    const ranking = [...r.effects].sort((a, b) => b.muStar! - a.muStar!).map((e) => e.input);
    expect(ranking).toEqual([1, 0, 3, 4, 2]);
  });

  it('show a non-linear or interacting input by its spread σ, and a sign change by μ* > |μ|', () => {
    // x0 enters through 8(u0 − ½)²: a step from 1/8 to 5/8 changes f by −1, one from 3/8 to 7/8 by
    // +1, so its effects are ∓2 (per unit of probability); x1 and x2 interact through 4·u1·u2.
    const d = morrisDesign(3, 200, 4, 3);
    const r = morrisEffects(
      d,
      evaluateBlocks(d.blocks, (u) => 8 * (u[0] - 0.5) ** 2 + 4 * u[1] * u[2]),
    );
    const [x0, x1, x2] = r.effects;
    expect(x0.muStar).toBeCloseTo(2, 10);
    expect(Math.abs(x0.mu!)).toBeLessThan(0.5);
    expect(x0.sigma!).toBeGreaterThan(1.5);
    for (const x of [x1, x2]) {
      expect(x.muStar).toBeCloseTo(2, 0);
      expect(x.sigma!).toBeGreaterThan(0.5);
    }
  });

  it('leave out an effect whose two points do not both have a value', () => {
    const d = morrisDesign(2, 10, 4, 4);
    const values = evaluateBlocks(d.blocks, (u) => u[0] + 2 * u[1]);
    values[1][0] = null; // trajectory 0 loses both its effects, which share point 1
    const r = morrisEffects(d, values);
    expect(r.effects.map((e) => e.effects)).toEqual([9, 9]);
    expect(r.effects[1].mu).toBeCloseTo(2, 10);
  });

  it('are the same for the same seed', () => {
    expect(morrisDesign(4, 10, 6, 9)).toEqual(morrisDesign(4, 10, 6, 9));
    expect(morrisDesign(4, 10, 6, 9).blocks).not.toEqual(morrisDesign(4, 10, 6, 10).blocks);
  });

  it('refuse an odd number of levels or a single trajectory', () => {
    expect(() => morrisDesign(2, 10, 3, 1)).toThrow(/even/);
    expect(() => morrisDesign(2, 1, 4, 1)).toThrow(/at least 2 trajectories/);
  });
});
