import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/model/simulate.js';
import { runFiles } from '../../src/output/runFiles.js';
import { loadScenario } from '../../src/scenario/index.js';
import { baseline, useTempDir } from './helpers.js';

describe("a run's files", () => {
  const tmp = useTempDir();
  const s = baseline();
  const result = simulate(s, 5);

  it('are the metrics in the chosen format, the outcomes and the resolved scenario', () => {
    expect(runFiles(s, result, { seed: 5, runIndex: 0, format: 'csv' }).map((f) => f.name)).toEqual([
      'metrics.csv',
      'outcomes.json',
      'scenario.resolved.json',
    ]);
    expect(runFiles(s, result, { seed: 5, runIndex: 0, format: 'json' })[0].name).toBe('metrics.json');
  });

  it('hold no timestamps, host names or paths', () => {
    const text = runFiles(s, result, { seed: 5, runIndex: 0, format: 'csv' })
      .map((f) => f.content)
      .join('');
    expect(text).not.toContain(process.cwd());
    expect(text).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/);
  });

  it('include a resolved scenario that loads back to the same scenario', () => {
    const resolved = runFiles(s, result, { seed: 5, runIndex: 0, format: 'csv' })[2];
    const file = join(tmp(), resolved.name);
    writeFileSync(file, resolved.content);
    expect(loadScenario(file)).toEqual(s);
  });
});
