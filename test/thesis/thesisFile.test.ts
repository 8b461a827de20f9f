import { describe, expect, it } from 'vitest';
import { loadScenario, ScenarioError } from '../../src/scenario/index.js';
import { loadThesis, parseThesis } from '../../src/thesis/thesisFile.js';

const baseline = loadScenario('scenarios/baseline.yaml');

const FILE = 'mine.yaml';
const text = (claims: string) => `name: A thesis\nclaims:\n${claims}`;
const claim = (name: string, expr: string, require = '0.5') => `  - name: ${name}\n    expr: ${expr}\n    require: ${require}\n`;

function problem(source: string): string {
  try {
    parseThesis(source, FILE, baseline);
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as ScenarioError).format();
  }
  throw new Error('the thesis loaded');
}

describe('thesis files', () => {
  it('load with their claims compiled against the scenario', () => {
    const t = parseThesis(text(claim('irr', 'probe.irr > 0.15', '0.8') + claim('red', '"redOnset <= 2025-01"')), FILE, baseline);
    expect(t.name).toBe('A thesis');
    expect(t.claims.map((c) => [c.name, c.require, c.compiled.variables.map((v) => v.name)])).toEqual([
      ['irr', 0.8, ['probeIrr']],
      ['red', 0.5, ['redOnsetMonth']],
    ]);
  });

  it('name the file, line and column of a bad expression, with the claim’s path', () => {
    const source = text(claim('a', 'peakRent > 1') + claim('b', 'startRent > 1') + claim('c', 'spotRnt@2025-06 > 1'));
    expect(problem(source)).toBe(`${FILE}:10:11: claims[2].expr: unknown metric "spotRnt"; did you mean spotRent?`);
    expect(problem(text(claim('a', 'x.constructor')))).toBe(`${FILE}:4:11: claims[0].expr: property access "x.constructor" is not allowed`);
    expect(problem(text(claim('a', '"import(\\"fs\\")"')))).toMatch(/^mine\.yaml:4:11: claims\[0\]\.expr: the function "import" is not allowed/);
  });

  it('check their fields like a scenario, one line each', () => {
    expect(problem(text(claim('a', 'peakRent > 1', '1.5')))).toBe(`${FILE}:5:14: claims[0].require: expected a number ≤ 1, found 1.5`);
    expect(problem(text('  - name: a\n    expr: peakRent > 1\n    requires: 0.5\n'))).toBe(
      `${FILE}:5:5: claims[0].requires: expected one of the fields require (closest), name, expr, description, found unknown key "requires"`,
    );
    expect(problem(text(claim('a', 'peakRent > 1') + claim('a', 'startRent > 1')))).toBe(`${FILE}:6:11: claims[1].name: expected a claim name used once, found "a"`);
    expect(problem(text(claim('run', 'peakRent > 1')))).toMatch(/claims\[0\]\.name: expected a name other than run and seed, found "run"/);
    expect(problem(text(claim('has space', 'peakRent > 1')))).toMatch(/claims\[0\]\.name: expected a name of letters, digits, _ and -/);
    expect(problem('name: x\nclaims: []\n')).toBe(`${FILE}:2:9: claims: expected a non-empty list, found a list of 0 items`);
    expect(problem('')).toBe(`${FILE}: expected a mapping with name: and claims: at the top level, found an empty file`);
    expect(problem('name: [unclosed\n')).toMatch(/^mine\.yaml:\d+:\d+: invalid YAML/);
    expect(problem(text(claim('a', 'x'.repeat(100_000))))).toMatch(/claims\[0\]\.expr: expected a string of at most 2000 characters, found "x+…" \(100000 characters\)/);
  });

  it('say when the file cannot be read', () => {
    expect(() => loadThesis('no/such/thesis.yaml', baseline)).toThrow('no/such/thesis.yaml: cannot read file: no such file');
  });

  it('ship examples that load against the scenarios they are written for', () => {
    const us = loadScenario('scenarios/us-h100-2023.yaml');
    const pitch = loadThesis('scenarios/theses/vendor-pitch-2023.yaml', us);
    expect(pitch.claims.length).toBeGreaterThanOrEqual(3);
    expect(loadThesis('scenarios/theses/entrant-irr.yaml', baseline).claims[0].expr).toBe('probe.irr > 0.15');
    expect(loadThesis('scenarios/theses/turn-timing.yaml', baseline).claims.map((c) => c.expr)).toContain('redOnset <= 2025-01');
  });
});
