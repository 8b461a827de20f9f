/**
 * docs/cli.md is generated from the commands' own --help by scripts/cli-docs.mjs (`npm run
 * docs:cli`). These tests fail when a command, an option or its help text changed and the page was
 * not regenerated. dist/ is built by test/globalSetup.ts before they run.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAIN, ROOT } from '../cli/helpers.js';

function generated(): string {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'cli-docs.mjs'), '--stdout'], { cwd: ROOT, encoding: 'utf8' });
  if (r.error) throw r.error;
  expect(r.status, `scripts/cli-docs.mjs --stdout failed: ${r.stderr}`).toBe(0);
  return r.stdout;
}

describe('docs/cli.md', () => {
  const page = generated();

  it('is exactly what npm run docs:cli generates from the built CLI (regenerate it with npm run docs:cli)', () => {
    expect(readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8')).toBe(page);
  });

  it('has a section for every command the program lists', () => {
    const r = spawnSync(process.execPath, [MAIN, '--help'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const commands = r.stdout
      .slice(r.stdout.indexOf('Commands:'))
      .split('\n')
      .map((line) => /^ {2}([a-z][a-z0-9-]*)\b/.exec(line)?.[1])
      .filter((name): name is string => name !== undefined && name !== 'help');
    expect(commands).toContain('batch');
    for (const name of commands) expect(page).toContain(`\n## gpu-market ${name}\n`);
  });
});
