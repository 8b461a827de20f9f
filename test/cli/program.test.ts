import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exitCodes.js';
import { buildProgram } from '../../src/cli/program.js';
import { BASELINE, ROOT } from './helpers.js';
import { runInProcess } from './inProcess.js';

const run = runInProcess;

const COMMANDS: readonly Command[] = buildProgram({ out: () => {}, err: () => {}, env: {} }, { code: EXIT.OK }).commands;

/** The arguments a command needs to get as far as checking its options: placeholders will do. */
function minimalArgs(c: Command): string[] {
  const operands = c.registeredArguments.map(() => BASELINE);
  const required = c.options.filter((o) => o.mandatory).flatMap((o) => [o.long!, 'x']);
  return [c.name(), ...operands, ...required];
}

describe('gpu-market without a command', () => {
  it('lists every command with its description on stdout, and exits 2 with one line on stderr', async () => {
    const r = await run([]);
    expect(r.code).toBe(EXIT.BAD_INPUT);
    expect(r.stderr).toBe('gpu-market: missing command; choose one of the commands listed above\n');
    expect(COMMANDS.length).toBeGreaterThanOrEqual(10);
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c.name()} +${c.description().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    expect(r.stdout).toContain('gpu-market <command> --help');
  });
});

describe('--out -', () => {
  const takesOut = COMMANDS.filter((c) => c.options.some((o) => o.long === '--out'));

  it.each(takesOut.map((c) => [c.name(), c]))('%s refuses it with exit 2 and one line, before doing anything', async (_, c) => {
    const r = await run([...minimalArgs(c), '--out', '-']);
    expect(r.code, r.stderr).toBe(EXIT.BAD_INPUT);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('gpu-market: --out: expected a folder path, found "-": every command writes a folder of files, which cannot go to standard output\n');
    expect(existsSync(join(ROOT, '-'))).toBe(false);
  });

  it('is checked for every command that writes files', () => {
    expect(takesOut.map((c) => c.name()).sort()).toEqual(['backtest', 'batch', 'calibrate', 'compare', 'discover', 'merge', 'report', 'run', 'sensitivity', 'thesis']);
  });
});

describe('--help', () => {
  it.each(COMMANDS.map((c) => [c.name()]))('of %s ends with an example on the shipped files', async (name) => {
    const r = await run([name, '--help']);
    expect(r.code).toBe(EXIT.OK);
    const block = /\nExample:\n((?: {2}\$ gpu-market .+\n)+)$/.exec(r.stdout);
    expect(block, r.stdout).not.toBeNull();
    const invocations = block![1]
      .trimEnd()
      .split('\n')
      .map((line) => line.replace(/^ {2}\$ /, '').split(' '));
    expect(invocations.at(-1)!.slice(0, 2)).toEqual(['gpu-market', name]);
    // Every shipped file it names is there to try it on.
    const shipped = invocations
      .flat()
      .flatMap((w) => w.split('='))
      .filter((w) => w.startsWith('scenarios/'));
    expect(shipped.length, block![1]).toBeGreaterThan(0);
    for (const file of shipped) expect(existsSync(join(ROOT, file)), file).toBe(true);
  });
});
