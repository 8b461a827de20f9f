import { describe, expect, it } from 'vitest';
import { parseVariable } from '../../src/analysis/variables.js';
import { monthRange } from '../../src/model/calendar.js';
import { outcomeUnit } from '../../src/sensitivity/outcomeUnit.js';

const months = monthRange('2023-01', '2026-12');
const unit = (name: string) => outcomeUnit(parseVariable(name, months, ['H100']), 'USD');

describe('the unit of an outcome or metric', () => {
  it('comes from the outcome files’ units for outcomes, probe outcomes included', () => {
    expect(unit('peakRent')).toBe('USD per reference-GPU-hour');
    expect(unit('maxFallFromPeak')).toBe('share');
    expect(unit('redOnset')).toBe('month');
    expect(unit('probe.irr')).toBe('share per year');
    expect(unit('probe.npv')).toBe('USD');
    expect(unit('lessorsAtEnd')).toBe('lessors');
  });

  it('comes from the unit a metric’s name carries', () => {
    expect(unit('spotRent@2024-06')).toBe('USD per reference-GPU-hour');
    expect(unit('spotRentCcyPerServerMonth@2024-06')).toBe('USD per 8-GPU server-month');
    expect(unit('installedGpus_H100@2024-06')).toBe('GPUs');
    expect(unit('deliveredGpus@2024-06')).toBe('GPUs per month');
    expect(unit('utilisation@2024-06')).toBe('share');
    expect(unit('netMarginEntrant@2024-06')).toBe('share');
    expect(unit('cashCcy@2024-06')).toBe('USD');
    expect(unit('serverPaybackMonths@2024-06')).toBe('months');
  });
});
