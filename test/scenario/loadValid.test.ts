import { describe, expect, it } from 'vitest';
import { loadScenario, parseScenario } from '../../src/scenario/index.js';
import { VALID_FIXTURE, validText } from './helpers.js';

describe('a valid scenario file', () => {
  it('loads with the values the file gives', () => {
    const s = loadScenario(VALID_FIXTURE);
    expect(s.name).toBe('Loader test fixture');
    expect(s.currency).toBe('CNY');
    expect(s.region).toBe('CN');
    expect([s.start, s.end]).toEqual(['2023-01', '2029-12']);
    expect(s.generations.map((g) => g.name)).toEqual(['A100', 'H800']);
    expect(s.lessors.entrant.pue).toBe(1.45);
    expect(s.vendor.exportControls).toEqual([{ region: 'CN', generation: 'H800', from: '2023-11' }]);
  });

  it('gets defaults filled in for the fields it leaves out', () => {
    const s = loadScenario(VALID_FIXTURE);
    expect(s.description).toBe('');
    expect(s.hoursPerMonth).toBe(730);
    expect(s.generations[0].priceDeclinePerYear).toBe(0.1);
    expect(s.vendor).toMatchObject({ outputScale: 1, shippingMonths: 3, initialBacklogMonths: 0 });
    expect(s.lessors.incumbent.pricing).toMatchObject({ undercut: 0, noise: 0.01 });
    expect(s.lessors.incumbent.investment).toMatchObject({ maxOrderShareOfFleet: 0.25, minOrderGpus: 8 });
    expect(s.entrants.maxMonthlyProbability).toBe(0.2);
    expect(s.market.idlePowerShare).toBe(0.3);
    expect(s.probe?.hurdleIrr).toBe(0.15);
    expect(s.regime).toEqual({
      blueMinUtilisation: 0.85,
      blueMinLeadTimeMonths: 3,
      blueMinRentOverFullCost: 1.3,
      redMaxRentOverFullCost: 1.0,
      sustainMonths: 3,
    });
  });

  it('loads the same from JSON text as from YAML', () => {
    const fromYaml = loadScenario(VALID_FIXTURE);
    const fromJson = parseScenario(JSON.stringify(fromYaml, null, 2), 'x.json');
    expect(fromJson).toEqual(fromYaml);
  });

  it('lets archetypes share parameters through YAML anchors and merge keys', () => {
    const text = validText().replace('  specialist:\n', '  specialist: &specialist\n');
    const shared = `${text}`.replace(/ {2}entrant:\n(?: {4}.*\n)+/, '  entrant:\n    <<: *specialist\n    pue: 1.5\n');
    const s = parseScenario(shared, 'x.yaml');
    expect(s.lessors.entrant.initialCount).toBe(s.lessors.specialist.initialCount);
    expect(s.lessors.entrant.pue).toBe(1.5);
    expect(s.lessors.specialist.pue).toBe(1.35);
  });
});
