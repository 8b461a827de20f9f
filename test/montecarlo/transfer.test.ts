import { describe, expect, it } from 'vitest';
import { fromBuffer, toBuffer } from '../../src/montecarlo/transfer.js';

describe('moving a result as one buffer', () => {
  it('gives back the same value, typed arrays included, at any alignment', () => {
    const value = {
      name: 'chunk',
      n: 3,
      nothing: null,
      list: [1, 2.5, -0.125],
      cells: [
        { counts: Uint32Array.from([1, 2, 3]), sum: Float64Array.from([0.1, -2e300]) },
        { counts: new Uint32Array(0), sum: Float64Array.from([Math.PI]), flags: Uint8Array.from([1, 0, 1, 1, 1]) },
      ],
      ints: Int32Array.from([-7, 8]),
    };
    const back = fromBuffer<typeof value>(toBuffer(value));
    expect(back).toEqual(value);
    expect(back.cells[0].counts).toBeInstanceOf(Uint32Array);
    expect(back.cells[1].flags).toBeInstanceOf(Uint8Array);
    expect(Array.from(back.cells[0].sum)).toEqual([0.1, -2e300]);
  });
});
