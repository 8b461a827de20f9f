import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Built by test/globalSetup.ts before any test runs. */
export const MAIN = join(ROOT, 'dist', 'cli', 'main.js');
export const BASELINE = 'scenarios/baseline.yaml';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `gpu-market <args>` as a child process, from the repository root unless `cwd` says otherwise. */
export function cli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliResult {
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, GPU_MARKET_DEBUG: '', ...options.env },
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Checks that the command was refused as bad input: exit 2, nothing on stdout, exactly one line
 * on stderr holding (or matching) every fragment, and no stack trace. Returns that line.
 */
export function expectBadInput(r: CliResult, ...fragments: (string | RegExp)[]): string {
  expect(r.status, `exit code; stderr was: ${r.stderr}`).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n'), 'stderr ends with a newline').toBe(true);
  const lines = r.stderr.slice(0, -1).split('\n');
  expect(lines, 'exactly one line on stderr').toHaveLength(1);
  for (const f of fragments) {
    if (typeof f === 'string') expect(lines[0]).toContain(f);
    else expect(lines[0]).toMatch(f);
  }
  expect(r.stderr).not.toMatch(/^\s*at /m);
  return lines[0];
}

/** A temporary folder for the whole test file, removed after it. */
export function tempDirForFile(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `gpu-market-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Names in `dir` that look like the temporary folders the run command writes through. */
export const tempLeftovers = (dir: string): string[] => readdirSync(dir).filter((n) => n.includes('.tmp-'));

export const baselineText = (): string => readFileSync(join(ROOT, BASELINE), 'utf8');

/** `text` with `from`, which must occur exactly once, replaced by `to`. */
export function edit(text: string, from: string, to: string): string {
  expect(text.split(from).length - 1, `"${from}" occurs once`).toBe(1);
  return text.replace(from, to);
}

/** 1-based `line:col` of `needle` (which must occur exactly once) in `text`, plus `shift` columns. */
export function positionOf(text: string, needle: string, shift = 0): string {
  expect(text.split(needle).length - 1, `"${needle}" occurs once`).toBe(1);
  const lines = text.slice(0, text.indexOf(needle) + shift).split('\n');
  return `${lines.length}:${lines[lines.length - 1].length + 1}`;
}
