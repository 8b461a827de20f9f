/**
 * One side of `npm run bench:compare`: times single runs of the build in ROOT (this checkout or
 * another one, such as an older commit built in a worktree) in a process of its own, and prints
 * the fastest and the median round as JSON. Only the model's public entry points are used
 * (`simulate`, `loadScenario`, `largeScenario`), which older builds have too.
 *
 * Usage: node dist/bench/timeRuns.js ROOT baseline|large ROUNDS [SCENARIO]
 * (by default ROOT's own scenarios/baseline.yaml; `large` scales whichever it is given).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface Build {
  simulate: (s: unknown, seed: number) => unknown;
  loadScenario: (file: string) => unknown;
  largeScenario: (file: string) => unknown;
}

async function load(root: string): Promise<Build> {
  const from = async <T>(file: string) => (await import(pathToFileURL(join(root, 'dist', file)).href)) as T;
  const [model, scenario, large] = await Promise.all([
    from<Pick<Build, 'simulate'>>('model/simulate.js'),
    from<Pick<Build, 'loadScenario'>>('scenario/load.js'),
    from<Pick<Build, 'largeScenario'>>('bench/largeScenario.js'),
  ]);
  return { simulate: model.simulate, loadScenario: scenario.loadScenario, largeScenario: large.largeScenario };
}

/** Rounds of this many runs; warm-up runs on other seeds before the clock starts. */
const PLAN = { baseline: { runsPerRound: 20, warmUp: 50 }, large: { runsPerRound: 1, warmUp: 1 } } as const;

async function main(): Promise<void> {
  const [root, which, roundsText, scenario] = process.argv.slice(2);
  if (!root || (which !== 'baseline' && which !== 'large') || !(Number(roundsText) >= 1)) {
    process.stderr.write('usage: node dist/bench/timeRuns.js ROOT baseline|large ROUNDS [SCENARIO]\n');
    process.exit(2);
  }
  const build = await load(root);
  const file = scenario ?? join(root, 'scenarios', 'baseline.yaml');
  const s = which === 'large' ? build.largeScenario(file) : build.loadScenario(file);
  const { runsPerRound, warmUp } = PLAN[which];
  for (let i = 0; i < warmUp; i++) build.simulate(s, 1_000 + i);
  const rounds = Number(roundsText);
  const ms: number[] = [];
  // Every round runs the same seeds, so rounds differ only by the machine.
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < runsPerRound; i++) build.simulate(s, i + 1);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6 / runsPerRound);
  }
  ms.sort((a, b) => a - b);
  process.stdout.write(JSON.stringify({ fastest: ms[0], median: ms[Math.floor(ms.length / 2)] }) + '\n');
}

await main();
