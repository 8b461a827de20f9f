/**
 * `npm run bench:compare -- OTHER_ROOT [--scenario FILE]`: this build's single-run times against
 * another build's (an older commit built in a worktree), for the baseline and the large scenario:
 * each build's own baseline, or with `--scenario` the same file for both, which separates what the
 * code costs from what a richer scenario does. On a shared or
 * small machine one build's timings drift by a half from minute to minute, more than the
 * difference being measured; so the two builds run in turn, each in a fresh process, several
 * times, and the fastest rounds are compared (the least disturbed by anything else on the machine).
 * A benchmark: it prints figures and asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const THIS_ROOT = resolve(HERE, '..', '..');
const ROUNDS = { baseline: 20, large: 3 } as const;
const PAIRS = 4;

interface Timing {
  fastest: number;
  median: number;
}

function timeIn(root: string, which: keyof typeof ROUNDS, scenario: string | undefined): Timing {
  const args = [join(HERE, 'timeRuns.js'), root, which, String(ROUNDS[which]), ...(scenario === undefined ? [] : [scenario])];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`timing ${which} in ${root} failed: ${child.stderr.trim() || `exit ${child.status}`}`);
  return JSON.parse(child.stdout) as Timing;
}

const fixed = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(2));

function main(): number {
  const [other, flag, file, ...rest] = process.argv.slice(2);
  const scenario = flag === '--scenario' && file !== undefined ? resolve(file) : undefined;
  const argsFit = flag === undefined || (scenario !== undefined && rest.length === 0);
  if (!other || !argsFit || !existsSync(join(other, 'dist', 'model', 'simulate.js')) || (scenario !== undefined && !existsSync(scenario))) {
    process.stderr.write('usage: npm run bench:compare -- OTHER_ROOT [--scenario FILE] (a built checkout: OTHER_ROOT/dist/model/simulate.js; a scenario both builds read)\n');
    return 2;
  }
  console.log(`gpu-market bench:compare, node ${process.version}: this build (${THIS_ROOT}) against ${resolve(other)}`);
  console.log(scenario === undefined ? 'each build on its own scenarios/baseline.yaml' : `both builds on ${scenario}`);
  console.log(`${PAIRS} pairs of fresh processes in turn; ms per run, fastest round of each process\n`);
  for (const which of ['baseline', 'large'] as const) {
    const theirs: number[] = [];
    const ours: number[] = [];
    for (let p = 0; p < PAIRS; p++) {
      theirs.push(timeIn(other, which, scenario).fastest);
      ours.push(timeIn(THIS_ROOT, which, scenario).fastest);
    }
    const best = (xs: number[]) => Math.min(...xs);
    console.log(which);
    console.log(`  other build   ${theirs.map(fixed).join('  ')}`);
    console.log(`  this build    ${ours.map(fixed).join('  ')}`);
    console.log(`  ratio of the fastest: ${(best(ours) / best(theirs)).toFixed(2)}\n`);
  }
  return 0;
}

process.exitCode = main();
