/**
 * Builds dist/ once before any test file runs: the CLI tests spawn `node dist/cli/main.js`, and
 * building in each test file instead would have parallel workers write dist/ at the same time.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

export default function setup(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { encoding: 'utf8' });
  if (build.status !== 0) {
    throw new Error(`the build (tsc -p tsconfig.json) failed, so dist/ may be stale:\n${build.stdout}${build.stderr}`);
  }
}
