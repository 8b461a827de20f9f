import { describe, expect, it } from 'vitest';
import { loadScenario, parseScenario } from '../../src/scenario/index.js';
import { edit, errorMessage, positionOf, validText } from './helpers.js';

describe('a file that cannot be read or parsed', () => {
  it('says so in one line when the file does not exist', () => {
    expect(errorMessage(() => loadScenario('scenarios/nope.yaml'))).toBe('scenarios/nope.yaml: cannot read file: no such file');
  });

  it('reports bad indentation at the line:col the YAML parser gives, with its message', () => {
    const text = edit(validText(), '  shippingMonths: 3\n', '  shippingMonths: 3\n     initialBacklogMonths: 1\n');
    const at = positionOf(text, '3\n     initialBacklogMonths');
    expect(errorMessage(() => parseScenario(text, 'x.yaml'))).toBe(`x.yaml:${at}: invalid YAML: Nested mappings are not allowed in compact mappings`);
  });

  it('reports an unclosed quote where the parser gives up on it', () => {
    expect(errorMessage(() => parseScenario('name: "Baseline\n', 'x.yaml'))).toBe('x.yaml:2:1: invalid YAML: Missing closing "quote');
  });

  it('rejects a key written twice in one mapping, at the second one, with its path', () => {
    const text = edit(validText(), '    pue: 1.45\n', '    pue: 1.45\n    pue: 1.5\n');
    const at = positionOf(text, 'pue: 1.5');
    expect(errorMessage(() => parseScenario(text, 'x.yaml'))).toBe(`x.yaml:${at}: lessors.entrant.pue: expected each key once per mapping, found a second "pue"`);
  });

  it('rejects duplicate keys in JSON too', () => {
    expect(errorMessage(() => parseScenario('{"name": "a", "name": "b"}', 'x.json'))).toBe('x.json:1:15: name: expected each key once per mapping, found a second "name"');
  });

  it('rejects an empty file', () => {
    expect(errorMessage(() => parseScenario('# nothing here\n', 'x.yaml'))).toBe('x.yaml: expected a mapping of scenario fields (name: …, start: …, …) at the top level, found an empty file');
  });

  it('rejects a file whose top level is not a mapping', () => {
    expect(errorMessage(() => parseScenario('- name: x\n', 'x.yaml'))).toBe('x.yaml:1:1: expected a mapping of scenario fields (name: …, start: …, …) at the top level, found a list of 1 item');
  });

  it('rejects a file holding more than one YAML document', () => {
    expect(errorMessage(() => parseScenario('name: a\n---\nname: b\n', 'x.yaml'))).toBe('x.yaml:2:1: invalid YAML: more than one YAML document (a scenario file holds exactly one)');
  });
});
