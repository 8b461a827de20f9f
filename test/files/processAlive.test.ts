import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { processAlive } from '../../src/files/writeFiles.js';

/** The state letter of process `pid` in /proc, or undefined once it is gone. */
const stateOf = (pid: number): string | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2];
  } catch {
    return undefined;
  }
};

describe('processAlive', () => {
  it('is true for this process and false for one that does not exist', () => {
    expect(processAlive(process.pid)).toBe(true);
    expect(processAlive(2 ** 22 + 12_345)).toBe(false);
  });

  it.runIf(existsSync('/proc/self/stat'))('is false for a killed process its parent has not reaped (a zombie)', async () => {
    // sh starts a short child, then becomes a `sleep` that never waits for it: the child, once
    // ended, stays a zombie until the sleep ends.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 20'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const pid = await new Promise<number>((resolve) => parent.stdout.once('data', (b: Buffer) => resolve(Number(b.toString().trim()))));
      for (let i = 0; i < 100_000 && stateOf(pid) !== 'Z'; i++) await new Promise(setImmediate);
      expect(stateOf(pid)).toBe('Z');
      expect(processAlive(pid)).toBe(false);
      expect(processAlive(parent.pid!)).toBe(true);
    } finally {
      parent.kill('SIGKILL');
    }
  });
});
