import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.js';
import { errorMessage, validText } from './helpers.js';

const withSets = (...sets: string[]) => parseScenario(validText(), 'scenarios/x.yaml', sets);

describe('--set overrides', () => {
  it('change the value they name', () => {
    const s = withSets('vendor.outputScale=0', 'lessors.entrant.pricing.undercut=0.1', 'end=2027-12', 'probe.entry=2024-03');
    expect(s.vendor.outputScale).toBe(0);
    expect(s.lessors.entrant.pricing.undercut).toBe(0.1);
    expect(s.end).toBe('2027-12');
    expect(s.probe?.entry).toBe('2024-03');
  });

  it('address list items by index or by name', () => {
    const s = withSets('generations[1].outputGrowthPerYear=0.5', 'generations.A100.perfRatio=1.1');
    expect(s.generations[1].outputGrowthPerYear).toBe(0.5);
    expect(s.generations[0].perfRatio).toBe(1.1);
  });

  it('may set fields the file leaves out, optional or defaulted', () => {
    const s = withSets('probe.hurdleIrr=0.2', 'regime.sustainMonths=6');
    expect(s.probe?.hurdleIrr).toBe(0.2);
    expect(s.regime.sustainMonths).toBe(6);
    expect(s.regime.blueMinUtilisation).toBe(0.85);
  });

  it('apply in order, so the last one wins', () => {
    expect(withSets('vendor.outputScale=0', 'vendor.outputScale=2').vendor.outputScale).toBe(2);
  });

  it('read values as YAML, keeping text that is not a scalar as a string', () => {
    const s = withSets('description=Note: prices cut', 'name="42"');
    expect(s.description).toBe('Note: prices cut');
    expect(s.name).toBe('42');
  });

  it('reject an unknown field, listing the known ones with the closest first', () => {
    expect(errorMessage(() => withSets('vendor.outputScal=0'))).toBe(
      '--set vendor.outputScal=0: vendor.outputScal: expected one of the fields outputScale (closest), shippingMonths, ' +
        'initialBacklogMonths, exportControls, orderInflationPerLeadMonth, normalLeadTimeMonths, … (10 in all), found "outputScal"',
    );
  });

  it('reject an index out of range', () => {
    expect(errorMessage(() => withSets('generations[5].perfRatio=1'))).toBe('--set generations[5].perfRatio=1: generations[5]: expected an index from 0 to 1, found index 5');
  });

  it('reject an item name that no item has', () => {
    expect(errorMessage(() => withSets('generations.H900.perfRatio=1'))).toBe('--set generations.H900.perfRatio=1: generations.H900: expected an index or one of the names A100, H800, found "H900"');
  });

  it('reject indexing into a mapping', () => {
    expect(errorMessage(() => withSets('vendor[0]=1'))).toBe('--set vendor[0]=1: vendor[0]: expected a field name (vendor is a mapping), found [0]');
  });

  it('reject a path that goes below a plain value', () => {
    expect(errorMessage(() => withSets('vendor.outputScale.max=1'))).toBe(
      '--set vendor.outputScale.max=1: vendor.outputScale.max: expected nothing after vendor.outputScale (it holds a number), found "max"',
    );
  });

  it('reject text without an equals sign', () => {
    expect(errorMessage(() => withSets('vendor.outputScale'))).toBe('--set vendor.outputScale: expected path=value (for example vendor.outputScale=0), found "vendor.outputScale"');
  });

  it('are validated like the file, with errors pointing at the override', () => {
    expect(errorMessage(() => withSets('vendor.outputScale=-1'))).toBe('--set vendor.outputScale=-1: vendor.outputScale: expected a number ≥ 0, found -1');
  });

  it('get blamed for cross-field problems they cause', () => {
    expect(errorMessage(() => withSets('end=2020-01'))).toBe('--set end=2020-01: end: expected a month not before start 2023-01, found "2020-01"');
  });

  it('get blamed for the fields missing from a section they create', () => {
    const text = validText().replace(/^probe:\n(?: {2}.*\n)+/m, '');
    expect(errorMessage(() => parseScenario(text, 'scenarios/x.yaml', ['probe.gpus=10']))).toBe(
      '--set probe.gpus=10: probe.archetype: expected one of incumbent, specialist, entrant, found nothing (the field is missing)',
    );
  });

  it('do not change other archetypes that share a YAML anchor with the one they set', () => {
    const text = validText()
      .replace('  specialist:\n', '  specialist: &specialist\n')
      .replace(/ {2}entrant:\n(?: {4}.*\n)+/, '  entrant: *specialist\n');
    const s = parseScenario(text, 'x.yaml', ['lessors.entrant.pue=1.9']);
    expect(s.lessors.entrant.pue).toBe(1.9);
    expect(s.lessors.specialist.pue).toBe(1.35);
  });
});
