import { describe, expect, it } from 'vitest';
import { evaluateBlocks, type BlockValues } from '../../src/sensitivity/blocks.js';
import { tornadoDesign, tornadoEffects } from '../../src/sensitivity/tornado.js';

describe('tornado swings', () => {
  it('swing each input from its P10 to its P90 with the others at their medians, largest swing first', () => {
    // f = 10·u0 − 30·u1 + u0·u2 + 0·u3, so: base 10·½ − 15 + ¼ = −9.75;
    // u0: 0.1 → 0.9 swings (10 + ½)·0.8 = 8.4; u1: −30·0.8 = −24; u2: ½·0.8 = 0.4; u3: 0.
    const d = tornadoDesign(4, 1);
    const r = tornadoEffects(
      d,
      evaluateBlocks(d.blocks, (u) => 10 * u[0] - 30 * u[1] + u[0] * u[2]),
    );
    expect(r.base.value).toBeCloseTo(-9.75, 12);
    expect(r.bars.map((b) => b.input)).toEqual([1, 0, 2, 3]);
    expect(r.bars.map((b) => b.swing)).toEqual([expect.closeTo(-24, 12), expect.closeTo(8.4, 12), expect.closeTo(0.4, 12), 0]);
    expect(r.bars[0].low.value).toBeCloseTo(10 * 0.5 - 30 * 0.1 + 0.25, 12);
    expect(r.bars[0].high.value).toBeCloseTo(10 * 0.5 - 30 * 0.9 + 0.25, 12);
    expect(r.bars[0].swingStandardError).toBeNull();
  });

  it('average replicates, and with common random numbers the noise that all points share cancels from the swing', () => {
    const d = tornadoDesign(2, 40);
    const noise = d.blocks[0].map((_, j) => Math.sin(j * 12.9898) * 5);
    const values = d.blocks.map((block) => block.map((row, j) => 2 * row[0] + noise[j]));
    const r = tornadoEffects(d, values);
    const meanNoise = noise.reduce((a, x) => a + x, 0) / noise.length;
    expect(r.base.value).toBeCloseTo(1 + meanNoise, 12);
    expect(r.bars[0]).toMatchObject({ input: 0, swing: expect.closeTo(1.6, 12), swingStandardError: expect.closeTo(0, 12) });
    expect(r.bars[1].swing).toBeCloseTo(0, 12);
  });

  it('give the standard error of the paired difference when the noise differs between points', () => {
    const d = tornadoDesign(1, 4);
    // Differences high − low per replicate: 1, 3, 1, 3 → mean 2, sd √(4/3), s.e. √(4/3)/2.
    const values = [
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [1, 3, 1, 3],
    ];
    const r = tornadoEffects(d, values);
    expect(r.bars[0].swing).toBe(2);
    expect(r.bars[0].swingStandardError).toBeCloseTo(Math.sqrt(4 / 3) / 2, 12);
  });

  it('leave replicates without a value out of their point, and count them', () => {
    const d = tornadoDesign(2, 3);
    const values: BlockValues = d.blocks.map((block) => block.map((row) => row[0] + row[1]));
    values[1][2] = null;
    values[3] = [null, null, null];
    const r = tornadoEffects(d, values);
    const bar0 = r.bars.find((b) => b.input === 0)!;
    expect(bar0.low).toEqual({ value: 0.6, missing: 1 });
    const bar1 = r.bars.find((b) => b.input === 1)!;
    expect(bar1.swing).toBeNull();
    expect(r.bars[r.bars.length - 1].input).toBe(1);
  });
});
