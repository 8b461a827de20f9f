import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenario/index.js';

describe('ScenarioError', () => {
  it('formats file:line:col, path, expected and found on one line', () => {
    const err = new ScenarioError({ file: 'scenarios/x.yaml', line: 12, column: 7, path: 'lessors.entrant.pue', expected: 'a number ≥ 1', found: '0.5' });
    expect(err.format()).toBe('scenarios/x.yaml:12:7: lessors.entrant.pue: expected a number ≥ 1, found 0.5');
    expect(err.message).toBe(err.format());
    expect(err).toBeInstanceOf(Error);
  });

  it('leaves out line:col and path when there are none', () => {
    const err = new ScenarioError({ file: 'x.yaml', path: '', expected: 'a readable file', found: 'no such file', problem: 'cannot read file: no such file' });
    expect(err.format()).toBe('x.yaml: cannot read file: no such file');
  });

  it('never lets a newline into the message', () => {
    const err = new ScenarioError({ file: 'x.yaml', line: 1, column: 1, path: 'a', expected: 'one\nthing', found: 'two\r\n  things' });
    expect(err.format()).toBe('x.yaml:1:1: a: expected one thing, found two things');
  });
});
