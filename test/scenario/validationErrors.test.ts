import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.js';
import { edit, errorMessage, positionOf, validText } from './helpers.js';

const load = (text: string) => () => parseScenario(text, 'scenarios/x.yaml');

describe('a scenario that parses but does not validate', () => {
  it('points at an unknown nested key, listing the known ones', () => {
    const text = edit(validText(), '    pue: 1.45\n', '    pue: 1.45\n    foo: 1\n');
    expect(errorMessage(load(text))).toBe(
      `scenarios/x.yaml:${positionOf(text, 'foo: 1')}: lessors.entrant.foo: expected one of the fields initialCount, initialGpus, ` +
        'sizeDispersion, initialGeneration, initialFleetMaxAgeMonths, initialCashCcyPerGpu, … (25 in all), found unknown key "foo"',
    );
  });

  it('puts the closest field first when a key is misspelt, rather than complaining the real one is missing', () => {
    const text = edit(validText(), '    pue: 1.45\n', '    peu: 1.45\n');
    expect(errorMessage(load(text))).toMatch(new RegExp(`^scenarios/x\\.yaml:${positionOf(text, 'peu')}: lessors\\.entrant\\.peu: expected one of the fields pue \\(closest\\), `));
  });

  it('says a string was found where a number is expected', () => {
    const text = edit(validText(), 'pue: 1.45', 'pue: abc');
    expect(errorMessage(load(text))).toBe(`scenarios/x.yaml:${positionOf(text, 'abc')}: lessors.entrant.pue: expected a number, found "abc"`);
  });

  it('says a number is below its minimum', () => {
    const text = edit(validText(), 'pue: 1.45', 'pue: 0.5');
    expect(errorMessage(load(text))).toBe(`scenarios/x.yaml:${positionOf(text, 'pue: 0.5', 5)}: lessors.entrant.pue: expected a number ≥ 1, found 0.5`);
  });

  it('rejects a negative capacity, naming the list item', () => {
    const text = edit(validText(), 'outputGpusPerMonth: 4000', 'outputGpusPerMonth: -5');
    expect(errorMessage(load(text))).toBe(`scenarios/x.yaml:${positionOf(text, '-5')}: generations[0].outputGpusPerMonth: expected a number ≥ 0, found -5`);
  });

  it('rejects a probability above 1', () => {
    const text = edit(validText(), 'baseMonthlyProbability: 0.01', 'baseMonthlyProbability: 1.5');
    expect(errorMessage(load(text))).toBe(`scenarios/x.yaml:${positionOf(text, 'Probability: 1.5', 13)}: entrants.baseMonthlyProbability: expected a number ≤ 1, found 1.5`);
  });

  it('says "an integer" for whole-number fields', () => {
    const text = edit(validText(), 'depreciationMonths: 36', 'depreciationMonths: 6');
    expect(errorMessage(load(text))).toBe(`scenarios/x.yaml:${positionOf(text, 'depreciationMonths: 6\n', 20)}: lessors.entrant.depreciationMonths: expected an integer ≥ 12, found 6`);
  });

  it('rejects an end month before the start month', () => {
    const text = edit(validText(), 'end: 2029-12', 'end: 2022-12');
    expect(errorMessage(load(text))).toBe(`scenarios/x.yaml:${positionOf(text, '2022-12')}: end: expected a month not before start 2023-01, found "2022-12"`);
  });

  it('explains the month format', () => {
    const text = edit(validText(), 'end: 2029-12', 'end: 2029-13');
    expect(errorMessage(load(text))).toBe(`scenarios/x.yaml:${positionOf(text, '2029-13')}: end: expected a month written as YYYY-MM, found "2029-13"`);
  });

  it('lists the allowed values of a choice', () => {
    const text = edit(validText(), 'currency: CNY', 'currency: GBP');
    expect(errorMessage(load(text))).toBe(`scenarios/x.yaml:${positionOf(text, 'GBP')}: currency: expected one of CNY, USD, EUR, found "GBP"`);
  });

  it('names the generations when one that does not exist is referred to', () => {
    const text = edit(validText(), 'referenceGeneration: A100', 'referenceGeneration: B200');
    expect(errorMessage(load(text))).toBe(`scenarios/x.yaml:${positionOf(text, 'B200')}: referenceGeneration: expected one of the generations (A100, H800), found "B200"`);
  });

  it('places a missing field at the mapping that should hold it', () => {
    const text = edit(validText(), '  hypeSensitivity: 2\n', '');
    expect(errorMessage(load(text))).toBe(`scenarios/x.yaml:${positionOf(text, 'poolSize')}: entrants.hypeSensitivity: expected a number, found nothing (the field is missing)`);
  });

  it('reports the top-most of several problems', () => {
    let text = edit(validText(), 'baseMonthlyProbability: 0.01', 'baseMonthlyProbability: 1.5');
    text = edit(text, 'outputGpusPerMonth: 4000', 'outputGpusPerMonth: -5');
    expect(errorMessage(load(text))).toMatch(/^scenarios\/x\.yaml:\d+:\d+: generations\[0\]\.outputGpusPerMonth: /);
  });

  it('shortens a long string value and keeps the message on one line', () => {
    const text = edit(validText(), 'currency: CNY', `currency: "${'multi\\nline '.repeat(20)}"`);
    const message = errorMessage(load(text));
    expect(message).toMatch(/^scenarios\/x\.yaml:4:11: currency: expected one of CNY, USD, EUR, found "multi\\nline multi\\nline .*…"$/);
    expect(message.length).toBeLessThan(160);
  });
});
