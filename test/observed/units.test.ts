import { describe, expect, it } from 'vitest';
import { parseUnit } from '../../src/observed/units.js';

describe('parseUnit', () => {
  it.each([
    ['CNY per GPU-hour', 'money', 'CNY', 1],
    ['USD per GPU-month', 'money', 'USD', 730],
    ['CNY per 8-GPU server-month', 'money', 'CNY', 8 * 730],
    ['CNY per 8-GPU node-month', 'money', 'CNY', 8 * 730],
    ['USD per 4-GPU instance-month', 'money', 'USD', 4 * 730],
    ['USD per 8-GPU instance-hour', 'money', 'USD', 8],
    ['USD per 8-GPU server-hour', 'money', 'USD', 8],
    ['weeks', 'time', null, 4.35],
    ['months', 'time', null, 1],
    ['days', 'time', null, 30.44],
    ['share of revenue', 'share', null, 1],
    ['share', 'share', null, 1],
    ['%', 'share', null, 100],
    ['percent', 'share', null, 100],
  ])('reads %s', (text, dimension, currency, divisor) => {
    const unit = parseUnit(text)!;
    expect([unit.dimension, unit.currency, unit.divisor(730)]).toEqual([dimension, currency, divisor]);
  });

  it('takes a month as the scenario hours in a month', () => {
    expect(parseUnit('EUR per 8-GPU node-month')!.divisor(744)).toBe(8 * 744);
  });

  it('reads a unit regardless of case and runs of spaces, keeping it as written', () => {
    const unit = parseUnit(' cny  per gpu-hour ')!;
    expect([unit.text, unit.currency, unit.divisor(730)]).toEqual([' cny  per gpu-hour ', 'CNY', 1]);
  });

  it.each(['CNY per hour', 'CNY/GPU-h', 'per GPU-hour', 'CNY per 0-GPU server-month', 'years', ''])('knows no unit %j', (text) => {
    expect(parseUnit(text)).toBeUndefined();
  });
});
