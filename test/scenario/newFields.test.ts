/**
 * The scenario fields of the demand regimes, supply responses, export-control timing, power, policy
 * build-out and the probe's contract get the same one-line errors as every other field: the file,
 * the line and column, the field's path, what was expected and what was found.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.js';
import { edit, errorMessage, positionOf } from './helpers.js';

const FILE = 'scenarios/baseline.yaml';
const text = readFileSync(FILE, 'utf8');
const load = (t: string) => () => parseScenario(t, FILE);

describe('the new scenario fields', () => {
  it.each([
    [
      'an unknown demand regime in the schedule',
      'demand:\n  initial: boom\n',
      'demand:\n  initial: boom\n  schedule: [{ from: 2024-06, regime: slump }]\n',
      'regime: slump',
      /^scenarios\/baseline\.yaml:\d+:\d+: demand\.schedule\[0\]\.regime: expected one of boom, squeeze, wave, found "slump"$/,
    ],
    [
      'a monthly switch chance above 1',
      'boom: { squeeze: 0.015, wave: 0.01 }',
      'boom: { squeeze: 1.5, wave: 0.01 }',
      'squeeze: 1.5, wave',
      /^scenarios\/baseline\.yaml:\d+:\d+: demand\.switchPerMonth\.boom\.squeeze: expected a number ≤ 1, found 1\.5$/,
    ],
    [
      'a ban announced after it starts',
      '{ region: CN, generation: A800, from: 2023-11, announced: 2023-07 }',
      '{ region: CN, generation: A800, from: 2023-11, announced: 2024-02 }',
      'announced: 2024-02',
      /^scenarios\/baseline\.yaml:\d+:\d+: vendor\.exportControls\[1\]\.announced: expected a month not after from 2023-11, found "2024-02"$/,
    ],
    [
      'a grey channel with a negative volume',
      'grey: { premiumShare: 0.5, maxGpusPerMonth: 150 }',
      'grey: { premiumShare: 0.5, maxGpusPerMonth: -150 }',
      'maxGpusPerMonth: -150',
      /^scenarios\/baseline\.yaml:\d+:\d+: vendor\.exportControls\[3\]\.grey\.maxGpusPerMonth: expected a number ≥ 0, found -150$/,
    ],
    [
      'a policy build-out of an unknown generation',
      'generation: Domestic910B, gpusPerMonth: 300',
      'generation: Ascend, gpusPerMonth: 300',
      'generation: Ascend',
      /^scenarios\/baseline\.yaml:\d+:\d+: policyBuild\.generation: expected one of the generations \(A100, A800, H800, Domestic910B, H100, H20\), found "Ascend"$/,
    ],
    [
      'a packaging ceiling below 1',
      'maxMultiple: 1.8',
      'maxMultiple: 0.5',
      'maxMultiple: 0.5',
      /^scenarios\/baseline\.yaml:\d+:\d+: vendor\.packaging\.maxMultiple: expected a number ≥ 1, found 0\.5$/,
    ],
    [
      'an elasticity that is not a number',
      'priceElasticity: 0.6',
      'priceElasticity: high',
      'priceElasticity: high',
      /^scenarios\/baseline\.yaml:\d+:\d+: developers\.startup\.priceElasticity: expected a number, found "high"$/,
    ],
    [
      'a probe contract on more than the whole fleet',
      '  hurdleIrr: 0.15\n',
      '  hurdleIrr: 0.15\n  contract: { share: 1.5, priceCcyPerGpuHour: 30, months: 48, defaultProbabilityPerYear: 0.05 }\n',
      'share: 1.5',
      /^scenarios\/baseline\.yaml:\d+:\d+: probe\.contract\.share: expected a number ≤ 1, found 1\.5$/,
    ],
  ])('refuse %s with one line naming the file, line and field', (_, from, to, found, message) => {
    const bad = edit(text, from, to);
    const msg = errorMessage(load(bad));
    expect(msg).toMatch(message);
    expect(msg.startsWith(`${FILE}:${positionOf(bad, found).split(':')[0]}:`)).toBe(true);
  });
});
