import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { ScenarioError } from '../../src/scenario/index.js';

export const VALID_FIXTURE = 'test/fixtures/scenario/valid.yaml';
export const validText = (): string => readFileSync(VALID_FIXTURE, 'utf8');

/** The fixture with `from` (which must occur exactly once) replaced by `to`. */
export function edit(text: string, from: string, to: string): string {
  expect(text.split(from).length - 1, `"${from}" should occur once in the text`).toBe(1);
  return text.replace(from, to);
}

/** 1-based line:col of `needle`, which must occur exactly once, plus `shift` columns. */
export function positionOf(text: string, needle: string, shift = 0): string {
  expect(text.split(needle).length - 1, `"${needle}" should occur once in the text`).toBe(1);
  const before = text.slice(0, text.indexOf(needle) + shift);
  const lines = before.split('\n');
  return `${lines.length}:${lines[lines.length - 1].length + 1}`;
}

/** The one-line message of the ScenarioError that `run` throws. */
export function errorMessage(run: () => unknown): string {
  let caught: unknown;
  try {
    run();
  } catch (err) {
    caught = err;
  }
  expect(caught, 'expected a ScenarioError').toBeInstanceOf(ScenarioError);
  const message = (caught as ScenarioError).format();
  expect(message).not.toContain('\n');
  return message;
}
