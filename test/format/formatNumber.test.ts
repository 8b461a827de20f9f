import { describe, expect, it } from 'vitest';
import { formatNumber, roundForFile } from '../../src/format/formatNumber.js';

describe('formatNumber', () => {
  it('writes integers exactly, however large', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(1500)).toBe('1500');
    expect(formatNumber(-42)).toBe('-42');
    expect(formatNumber(123456789012345)).toBe('123456789012345');
  });

  it('writes negative zero as 0', () => {
    expect(formatNumber(-0)).toBe('0');
  });

  it('keeps short decimals as they are', () => {
    expect(formatNumber(22.84)).toBe('22.84');
    expect(formatNumber(0.1)).toBe('0.1');
  });

  it('rounds other numbers to 12 significant digits', () => {
    expect(formatNumber(1 / 3)).toBe('0.333333333333');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(30.123456789012345)).toBe('30.123456789');
    expect(formatNumber(-1234567.891234567)).toBe('-1234567.89123');
  });

  it('gives the same text for numbers that differ only in their last bits', () => {
    const x = 0.7 * 3;
    const y = x + Number.EPSILON * 2;
    expect(x).not.toBe(y);
    expect(formatNumber(x)).toBe(formatNumber(y));
  });

  it('writes very small and very large non-integers in exponent form, as JavaScript does', () => {
    expect(formatNumber(1.5e-9)).toBe('1.5e-9');
    expect(formatNumber(1.25e21)).toBe('1.25e+21');
  });

  it('refuses NaN and infinities instead of writing them', () => {
    expect(() => formatNumber(NaN)).toThrow(/NaN/);
    expect(() => formatNumber(Infinity)).toThrow(/Infinity/);
    expect(() => roundForFile(-Infinity)).toThrow(/-Infinity/);
  });

  it('gives JSON the same value as the text it writes', () => {
    const v = 2 / 7;
    expect(JSON.stringify(roundForFile(v))).toBe(formatNumber(v));
  });
});
