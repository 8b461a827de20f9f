import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from '../../src/scenario/index.js';

const FILE = 'scenarios/baseline.yaml';
const text = readFileSync(FILE, 'utf8');
const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

function errorOf(edited: string): string {
  try {
    parseScenario(edited, FILE);
  } catch (e) {
    if (e instanceof ScenarioError) return e.format();
    throw e;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('uncertain inputs in a scenario', () => {
  it('load when every key names a numeric field', () => {
    const s = parseScenario(text, FILE);
    expect(Object.keys(s.uncertain)).toContain('vendor.outputScale');
    expect(s.correlations).toHaveLength(1);
  });

  it('are refused when a key names no field, at the key’s line', () => {
    const line = lineOf('  vendor.outputScale: { dist');
    const msg = errorOf(text.replace('  vendor.outputScale: { dist', '  vendor.outputScal: { dist'));
    expect(msg).toBe(
      `${FILE}:${line}:3: uncertain.vendor.outputScal: expected a field path (one of the fields outputScale (closest), shippingMonths, initialBacklogMonths, exportControls, orderInflationPerLeadMonth, normalLeadTimeMonths, … (10 in all)), found "outputScal"`,
    );
  });

  it('are refused when a key names a field that is not a number', () => {
    const msg = errorOf(text.replace('  vendor.outputScale: { dist', '  region: { dist'));
    expect(msg).toMatch(/uncertain\.region: expected the path of a numeric field, found a field that holds a string$/);
  });

  it('must draw whole numbers for an integer field', () => {
    const msg = errorOf(text.replace('vendor.shippingMonths: { dist: choice, values: [1, 2, 3] }', 'vendor.shippingMonths: { dist: uniform, min: 1, max: 3 }'));
    expect(msg).toMatch(/uncertain\.vendor\.shippingMonths: expected a choice of whole numbers \(the field holds an integer\), found a uniform distribution$/);
  });

  it("must draw within the field's range: all of a bounded distribution, the centre of an unbounded one", () => {
    expect(errorOf(text.replace('lessors.specialist.pricing.cutStep: { dist: uniform, min: 0.2, max: 0.5 }', 'lessors.specialist.pricing.cutStep: { dist: uniform, min: 0.2, max: 1.5 }'))).toMatch(
      /uncertain\.lessors\.specialist\.pricing\.cutStep: expected draws within the field's range, 0 to 0\.9, found a uniform distribution with draws from 0\.2 to 1\.5$/,
    );
    expect(errorOf(text.replace('vendor.outputScale: { dist: lognormal, median: 1, sigma: 0.3 }', 'vendor.outputScale: { dist: lognormal, median: 5000, sigma: 0.3 }'))).toMatch(
      /uncertain\.vendor\.outputScale: expected a median within the field's range, 0 to 1000, found a lognormal distribution with median 5000$/,
    );
  });

  it('may only be correlated when both are uncertain', () => {
    const msg = errorOf(text.replace('b: entrants.baseMonthlyProbability, rho: 0.5', 'b: entrants.poolSize, rho: 0.5'));
    expect(msg).toMatch(/correlations\[0\]\.b: expected a path listed under uncertain, found "entrants\.poolSize"$/);
  });

  it('leave out a field fixed with --set, whatever the path spelling, with its correlations', () => {
    const held: string[] = [];
    const s = parseScenario(text, FILE, ['vendor.outputScale=0.5', 'market.hype.halfLifeMonths=9'], held);
    expect(held).toEqual(['vendor.outputScale', 'market.hype.halfLifeMonths']);
    expect(s.vendor.outputScale).toBe(0.5);
    expect(Object.keys(s.uncertain)).not.toContain('vendor.outputScale');
    expect(Object.keys(s.uncertain)).toContain('vendor.shippingMonths');
    expect(s.correlations).toEqual([]);
    // A container set whole holds the fields under it.
    const market = parseScenario(text, FILE, ['market.offtake={ months: 24, discount: 0.1, prepaymentShare: 0 }']);
    expect(Object.keys(market.uncertain).filter((k) => k.startsWith('market.offtake.'))).toEqual([]);
    // Fields the overrides do not touch stay uncertain.
    expect(Object.keys(parseScenario(text, FILE, ['entrants.poolSize=3']).uncertain)).toEqual(Object.keys(parseScenario(text, FILE).uncertain));
  });
});
