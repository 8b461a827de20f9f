import { describe, expect, it } from 'vitest';
import { reportError, UsageError } from '../../src/cli/errors.js';
import { EXIT } from '../../src/cli/exitCodes.js';
import type { CliIo } from '../../src/cli/io.js';
import { ScenarioError } from '../../src/scenario/index.js';

function capture(env: Record<string, string> = {}): CliIo & { stderr: () => string } {
  let text = '';
  return { out: () => {}, err: (t) => void (text += t), env, stderr: () => text };
}

describe('reportError', () => {
  it('prints a ScenarioError as its one-line format and asks for exit 2', () => {
    const io = capture();
    const err = new ScenarioError({ file: 'x.yaml', line: 3, column: 5, path: 'end', expected: 'a month', found: '"soon"' });
    expect(reportError(err, io)).toBe(EXIT.BAD_INPUT);
    expect(io.stderr()).toBe(`${err.format()}\n`);
  });

  it('prints a usage error after the program name and asks for exit 2', () => {
    const io = capture();
    expect(reportError(new UsageError('--seed: expected a whole number 0 or more, found "x"'), io)).toBe(EXIT.BAD_INPUT);
    expect(io.stderr()).toBe('gpu-market: --seed: expected a whole number 0 or more, found "x"\n');
  });

  it('prints an unexpected error as one internal-error line, without a stack, and asks for exit 1', () => {
    const io = capture();
    expect(reportError(new Error('boom\nsecond line'), io)).toBe(EXIT.FAILURE);
    expect(io.stderr()).toBe('gpu-market: internal error: boom second line\n');
  });

  it('adds the stack after the line when GPU_MARKET_DEBUG=1', () => {
    const io = capture({ GPU_MARKET_DEBUG: '1' });
    reportError(new Error('boom'), io);
    const [first, ...rest] = io.stderr().split('\n');
    expect(first).toBe('gpu-market: internal error: boom');
    expect(rest.some((l) => /^\s+at /.test(l))).toBe(true);
  });

  it('reports a thrown non-Error value too', () => {
    const io = capture();
    expect(reportError('odd', io)).toBe(EXIT.FAILURE);
    expect(io.stderr()).toBe('gpu-market: internal error: odd\n');
  });
});
