import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario, loadScenarioWithFiles, MAX_EXTENDS_CHAIN } from '../../src/scenario/index.js';
import { edit, errorMessage, positionOf, VALID_FIXTURE, validText } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'gpu-market-extends-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let written = 0;

/** Writes `text` under a fresh folder of the temporary one and returns its path. */
function write(name: string, text: string, folder = `case-${++written}`): string {
  const file = join(dir, folder, name);
  mkdirSync(join(dir, folder), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** The fixture as `base.yaml` and `child` beside it, extending it; returns the child's path. */
function childOf(child: string, parent = validText()): string {
  const folder = `case-${++written}`;
  write('base.yaml', parent, folder);
  return write('child.yaml', `extends: base.yaml\n${child}`, folder);
}

const parentOf = (child: string): string => join(child, '..', 'base.yaml');

describe('a scenario that extends another', () => {
  it('merges nested mappings key by key: what the child leaves out is the parent’s', () => {
    const s = loadScenario(childOf('vendor:\n  outputScale: 2\nmarket:\n  hype: { floor: 0.1 }\n'));
    const parent = loadScenario(VALID_FIXTURE);
    expect(s.vendor.outputScale).toBe(2);
    expect(s.vendor.shippingMonths).toBe(parent.vendor.shippingMonths);
    expect(s.vendor.exportControls).toEqual(parent.vendor.exportControls);
    expect(s.market.hype).toEqual({ ...parent.market.hype, floor: 0.1 });
    expect({ ...s, vendor: parent.vendor, market: parent.market }).toEqual(parent);
  });

  it('replaces scalars and lists whole', () => {
    const s = loadScenario(childOf('name: Child\nvendor:\n  exportControls:\n    - { region: CN, generation: A100, from: 2024-01 }\n'));
    expect(s.name).toBe('Child');
    expect(s.vendor.exportControls).toEqual([{ region: 'CN', generation: 'A100', from: '2024-01' }]);
  });

  it('changes single list items through a mapping keyed by item name or index', () => {
    const s = loadScenario(childOf('generations:\n  H800: { perfRatio: 3 }\nvendor:\n  exportControls:\n    0: { from: 2024-11 }\n'));
    const parent = loadScenario(VALID_FIXTURE);
    expect(s.generations).toEqual([parent.generations[0], { ...parent.generations[1], perfRatio: 3 }]);
    expect(s.vendor.exportControls).toEqual([{ ...parent.vendor.exportControls[0], from: '2024-11' }]);
  });

  it('merges uncertain by key, each distribution replaced whole', () => {
    const parent = `${validText()}uncertain:\n  vendor.outputScale: { dist: lognormal, median: 1, sigma: 0.3 }\n  market.hype.floor: { dist: uniform, min: 0.1, max: 0.3 }\n`;
    const child = 'uncertain:\n  vendor.outputScale: { dist: uniform, min: 0.5, max: 2 }\n  market.contractDiscount: { dist: uniform, min: 0.1, max: 0.3 }\n';
    expect(loadScenario(childOf(child, parent)).uncertain).toEqual({
      'vendor.outputScale': { dist: 'uniform', min: 0.5, max: 2 },
      'market.hype.floor': { dist: 'uniform', min: 0.1, max: 0.3 },
      'market.contractDiscount': { dist: 'uniform', min: 0.1, max: 0.3 },
    });
  });

  it('removes a field the parent set when the child gives it null, leaving its default', () => {
    const parent = `${validText()}uncertain:\n  vendor.outputScale: { dist: lognormal, median: 1, sigma: 0.3 }\n`;
    const s = loadScenario(childOf('uncertain: null\ngenerations:\n  H800: { outputCapGpusPerMonth: null }\nvendor: { shippingMonths: ~ }\n', parent));
    expect(s.uncertain).toEqual({});
    expect(s.generations[1].outputCapGpusPerMonth).toBeUndefined();
    expect(s.vendor.shippingMonths).toBe(2);
  });

  it('keeps a null that removes nothing, so that it is reported as written', () => {
    const child = childOf('probe:\n  holdMonths: null\n');
    expect(errorMessage(() => loadScenario(child))).toBe(`${child}:3:15: probe.holdMonths: expected a number, found an empty value`);
  });

  it('reports a required field removed with null at the null', () => {
    const child = childOf('market:\n  contractMonths: null\n');
    expect(errorMessage(() => loadScenario(child))).toBe(`${child}:3:19: market.contractMonths: expected a number, found nothing (the field is missing)`);
  });

  it('follows a chain, each extends relative to its own file', () => {
    const base = write('base.yaml', validText(), 'chain/lib');
    const middle = write('middle.yaml', 'extends: lib/base.yaml\nvendor: { outputScale: 3, shippingMonths: 1 }\nname: Middle\n', 'chain');
    const top = write('top.yaml', 'extends: ../middle.yaml\nvendor: { outputScale: 4 }\n', 'chain/stress');
    const { scenario, files } = loadScenarioWithFiles(top);
    expect(files).toEqual([top, middle, base]);
    expect(scenario.vendor).toMatchObject({ outputScale: 4, shippingMonths: 1 });
    expect(scenario.name).toBe('Middle');
  });

  it('accepts an absolute path', () => {
    const base = write('base.yaml', validText());
    expect(loadScenario(write('child.yaml', `extends: ${JSON.stringify(base)}\nname: Absolute\n`)).name).toBe('Absolute');
  });

  it('behaves as before without extends', () => {
    expect(loadScenarioWithFiles(VALID_FIXTURE)).toEqual({ scenario: loadScenario(VALID_FIXTURE), files: [VALID_FIXTURE] });
  });
});

describe('an extends that cannot be followed', () => {
  it('is refused on a cycle, naming the files, at the extends that closes it', () => {
    const a = write('a.yaml', 'extends: b.yaml\n', 'cycle');
    const b = write('b.yaml', 'name: B\nextends: a.yaml\n', 'cycle');
    expect(errorMessage(() => loadScenario(a))).toBe(`${b}:2:10: extends: a cycle: ${a} extends ${b} extends ${a}`);
  });

  it('is refused when a file extends itself', () => {
    const self = write('self.yaml', 'extends: self.yaml\n');
    expect(errorMessage(() => loadScenario(self))).toBe(`${self}:1:10: extends: a cycle: ${self} extends ${self}`);
  });

  it(`is refused past ${MAX_EXTENDS_CHAIN} files in a chain`, () => {
    write('level-0.yaml', validText(), 'deep');
    const levels = Array.from({ length: MAX_EXTENDS_CHAIN }, (_, i) => write(`level-${i + 1}.yaml`, `extends: level-${i}.yaml\n`, 'deep'));
    expect(loadScenario(levels[MAX_EXTENDS_CHAIN - 2]).name).toBe('Loader test fixture');
    const message = errorMessage(() => loadScenario(levels[MAX_EXTENDS_CHAIN - 1]));
    expect(message).toMatch(new RegExp(`^${literal(join(dir, 'deep', 'level-1.yaml'))}:1:10: extends: a chain of more than ${MAX_EXTENDS_CHAIN} files \\(`));
    expect(message).toContain(`a scenario may build on at most ${MAX_EXTENDS_CHAIN - 1} others`);
  });

  it('names the extending file’s extends line when the parent is missing', () => {
    const child = write('child.yaml', '# a stress test\nname: Child\nextends: nowhere.yaml\n');
    expect(errorMessage(() => loadScenario(child))).toBe(`${child}:3:10: extends: ${join(child, '..', 'nowhere.yaml')}: cannot read file: no such file`);
  });

  it('names the extends line when the parent is a folder', () => {
    const child = write('child.yaml', 'extends: .\n');
    expect(errorMessage(() => loadScenario(child))).toMatch(/child\.yaml:1:10: extends: .*: cannot read file: it is a directory$/);
  });

  it('names the extends line when the parent holds no mapping', () => {
    const list = childOf('', '- name: x\n');
    expect(errorMessage(() => loadScenario(list))).toBe(`${list}:1:10: extends: ${parentOf(list)} holds a list of 1 item, where a scenario holds a mapping of fields`);
    const empty = childOf('', '# nothing yet\n');
    expect(errorMessage(() => loadScenario(empty))).toBe(`${empty}:1:10: extends: ${parentOf(empty)} is empty, where a scenario holds a mapping of fields`);
  });

  it('reports bad YAML in the parent where it is, in the parent', () => {
    const child = childOf('', 'name: "unclosed\n');
    expect(errorMessage(() => loadScenario(child))).toBe(`${parentOf(child)}:2:1: invalid YAML: Missing closing "quote`);
  });

  it('is refused when extends is not a path', () => {
    const child = write('child.yaml', 'extends: [a.yaml, b.yaml]\n');
    expect(errorMessage(() => loadScenario(child))).toBe(`${child}:1:10: extends: expected the path of the scenario file this one builds on, relative to this file, found a list of 2 items`);
  });

  it('is refused below the top level, in any file of the chain', () => {
    const child = childOf('vendor:\n  extends: other.yaml\n');
    expect(errorMessage(() => loadScenario(child))).toBe(`${child}:3:3: vendor.extends: expected extends only at the top level of the file, found it inside vendor`);
    const parent = edit(validText(), '  shippingMonths: 3\n', '  shippingMonths: 3\n  extends: x.yaml\n');
    const other = childOf('name: Other\n', parent);
    expect(errorMessage(() => loadScenario(other))).toBe(
      `${parentOf(other)}:${positionOf(parent, 'extends: x.yaml')}: vendor.extends: expected extends only at the top level of the file, found it inside vendor`,
    );
  });

  it('is refused when a list item to change does not exist, at its key', () => {
    const child = childOf('generations:\n  H900: { perfRatio: 3 }\n');
    expect(errorMessage(() => loadScenario(child))).toBe(`${child}:3:3: generations.H900: expected an index or one of the names A100, H800, found "H900"`);
    const past = childOf('vendor:\n  exportControls:\n    1: { from: 2024-11 }\n');
    expect(errorMessage(() => loadScenario(past))).toBe(`${past}:4:5: vendor.exportControls.1: expected an index from 0 to 0, found "1"`);
  });

  it('is refused when a list item is changed with something other than a mapping', () => {
    const child = childOf('generations:\n  H800: 3\n');
    expect(errorMessage(() => loadScenario(child))).toBe(
      `${child}:3:9: generations.H800: expected a mapping of the fields to change in item H800 of generations (to replace the list, write it out as a list), found 3`,
    );
  });
});

describe('a problem in a merged scenario', () => {
  it('is reported at the child’s file and line when the child set the value', () => {
    const text = 'name: Child\nlessors:\n  specialist:\n    pue: 0.5\n';
    const child = childOf(text);
    expect(errorMessage(() => loadScenario(child))).toBe(`${child}:${positionOf(`extends: base.yaml\n${text}`, '0.5')}: lessors.specialist.pue: expected a number ≥ 1, found 0.5`);
  });

  it('is reported at the parent’s file and line when the parent set it', () => {
    const parent = edit(validText(), 'pue: 1.35', 'pue: 0.5');
    const child = childOf('name: Child\n', parent);
    expect(errorMessage(() => loadScenario(child))).toBe(`${parentOf(child)}:${positionOf(parent, 'pue: 0.5', 5)}: lessors.specialist.pue: expected a number ≥ 1, found 0.5`);
  });

  it('is reported at the child’s change to a list item, with the item’s path', () => {
    const child = childOf('generations:\n  H800:\n    perfRatio: -3\n');
    expect(errorMessage(() => loadScenario(child))).toBe(`${child}:4:16: generations[1].perfRatio: expected a number > 0, found -3`);
  });

  it('is reported at a list item the child did not change in the parent', () => {
    const parent = edit(validText(), 'perfRatio: 2.8', 'perfRatio: -2.8');
    const child = childOf('generations:\n  A100: { perfRatio: 1 }\n', parent);
    expect(errorMessage(() => loadScenario(child))).toBe(`${parentOf(child)}:${positionOf(parent, '-2.8')}: generations[1].perfRatio: expected a number > 0, found -2.8`);
  });

  it('points an unknown key at the key in the file that wrote it', () => {
    const child = childOf('vendor:\n  outputScal: 2\n');
    expect(errorMessage(() => loadScenario(child))).toMatch(new RegExp(`^${literal(child)}:3:3: vendor\\.outputScal: expected one of the fields outputScale \\(closest\\)`));
  });

  it('reports the child’s problem before the parent’s', () => {
    const parent = edit(validText(), 'pue: 1.35', 'pue: 0.5');
    const child = childOf('name: Child\nentrants: { poolSize: -1 }\n', parent);
    expect(errorMessage(() => loadScenario(child))).toBe(`${child}:3:23: entrants.poolSize: expected an integer ≥ 0, found -1`);
  });

  it('reports a bad uncertain input at the key in the file that wrote it', () => {
    const parent = `${validText()}uncertain:\n  vendor.outputScal: { dist: uniform, min: 0.5, max: 2 }\n`;
    const child = childOf('uncertain:\n  vendor.shippingMonths: { dist: uniform, min: 1, max: 3 }\n', parent);
    expect(errorMessage(() => loadScenario(child))).toMatch(new RegExp(`^${literal(child)}:3:3: uncertain\\.vendor\\.shippingMonths: expected a choice of whole numbers`));
    const inherited = childOf('name: Child\n', parent);
    expect(errorMessage(() => loadScenario(inherited))).toMatch(new RegExp(`^${literal(parentOf(inherited))}:${positionOf(parent, 'vendor.outputScal:')}: uncertain\\.vendor\\.outputScal: `));
  });

  it('in a --set still names the --set', () => {
    const child = childOf('vendor: { outputScale: 2 }\n');
    expect(errorMessage(() => loadScenario(child, ['vendor.outputScale=-1']))).toBe('--set vendor.outputScale=-1: vendor.outputScale: expected a number ≥ 0, found -1');
  });
});

/** `text` as a regular expression that matches it literally. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
