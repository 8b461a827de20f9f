/**
 * Golden files: the files `gpu-market run` writes for each shipped scenario at seed 1, kept in
 * test/golden/<scenario>/. Any change to the model, a scenario or the output format shows up here
 * as a diff to review. After an intended change, regenerate with
 *   UPDATE_GOLDEN=1 npx vitest run test/golden
 * and commit the new files with the change that caused them.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/model/simulate.js';
import { runFiles } from '../../src/cli/run/runFiles.js';
import { loadScenario } from '../../src/scenario/index.js';

const SCENARIOS = ['scenarios/baseline.yaml', 'scenarios/us-h100-2023.yaml', 'scenarios/chip-glut.yaml', 'scenarios/demand-bust.yaml'];
const SEED = 1;
const update = process.env.UPDATE_GOLDEN === '1';

describe('the files a run writes', () => {
  for (const file of SCENARIOS) {
    const name = basename(file, '.yaml');
    it(`match the golden copy for ${name} at seed ${SEED}`, () => {
      const scenario = loadScenario(file);
      const files = runFiles(scenario, simulate(scenario, SEED), { format: 'csv', seed: SEED, runIndex: 0 });
      const dir = join('test/golden', name);
      for (const f of files) {
        const path = join(dir, f.name);
        if (update) {
          mkdirSync(dir, { recursive: true });
          writeFileSync(path, f.content);
        }
        expect(f.content, path).toBe(readFileSync(path, 'utf8'));
      }
    });
  }
});
