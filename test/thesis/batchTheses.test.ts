/** Theses on a batch's own runs: one extraction for several theses, and their folders in the batch's. */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBatch } from '../../src/montecarlo/batch.js';
import { planBatch } from '../../src/montecarlo/plan.js';
import { loadScenario } from '../../src/scenario/index.js';
import { batchThesisFolder, batchThesisFolders, removeOtherBatchTheses, thesisFiles } from '../../src/thesis/batchTheses.js';
import { runThesis, thesisExtraction, thesisResult } from '../../src/thesis/runThesis.js';
import { parseThesis } from '../../src/thesis/thesisFile.js';

const scenario = loadScenario('scenarios/baseline.yaml', ['end=2024-12']);

const RENTS = `name: Rents
claims:
  - name: rent-up
    expr: spotRent@2024-06 > spotRent@2023-09
    require: 0.5
  - name: rent-halves
    expr: spotRent@2024-12 < 0.5 * spotRent@2023-09
    require: 0.5
`;

const MIXED = `name: Mixed
claims:
  - name: early-red
    expr: redOnset <= 2024-06
    require: 0.5
  - name: rent-down
    expr: spotRent@2024-12 < spotRent@2023-09
    require: 0.5
`;

describe('theses on one batch', () => {
  it('extract each monthly value once, however many theses read it', () => {
    const theses = [parseThesis(RENTS, 'rents.yaml', scenario), parseThesis(MIXED, 'mixed.yaml', scenario)];
    const { cells, readings } = thesisExtraction(scenario, theses);
    // 2023-09, 2024-06 and 2024-12 are months 8, 17 and 23 of the scenario.
    expect(cells.map((c) => c.month)).toEqual([17, 8, 23]);
    expect(readings.map((r) => r.positions)).toEqual([
      [
        [0, 1],
        [2, 1],
      ],
      [[-1], [2, 1]],
    ]);
  });

  it('give each thesis the result the thesis command computes on the same runs', async () => {
    const theses = [parseThesis(RENTS, 'rents.yaml', scenario), parseThesis(MIXED, 'mixed.yaml', scenario)];
    const { cells, readings } = thesisExtraction(scenario, theses);
    const plan = planBatch(scenario, { runs: 24, seed: 5, design: 'lhs' });
    const batch = await runBatch(plan, { workers: 0, extract: cells });
    for (const [i, thesis] of theses.entries()) {
      const shared = thesisResult(plan, readings[i], batch.runs, batch.failures);
      const alone = await runThesis(scenario, thesis, { runs: 24, seed: 5, workers: 0 });
      expect(thesisFiles(shared)).toEqual(thesisFiles(alone));
      expect(shared.rows).toEqual(alone.rows);
    }
  });

  it('refuse a thesis compiled for another scenario', () => {
    const longer = loadScenario('scenarios/baseline.yaml', ['end=2025-12']);
    const thesis = parseThesis(RENTS, 'rents.yaml', longer);
    expect(() => thesisExtraction(scenario, [thesis])).toThrow(/"Rents" was compiled for another scenario/);
  });
});

describe('thesis folders in a batch folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gpu-market-batch-theses-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are numbered, so that files of one name from two folders stay apart', () => {
    expect(batchThesisFolder(1, 'scenarios/theses/entrant-irr.yaml')).toBe('thesis-1-entrant-irr');
    expect(batchThesisFolder(2, 'other/entrant-irr.yaml')).toBe('thesis-2-entrant-irr');
    expect(batchThesisFolder(3, 'my theses/bull case v2.1.yml')).toBe('thesis-3-bull-case-v2-1');
  });

  it('are found in the order of their numbers; temporary folders and other entries are not theses', () => {
    const batch = join(dir, 'found');
    for (const name of ['thesis-10-b', 'thesis-2-a', 'thesis-1-a.tmp-123-0123456789ab', 'charts', 'thesis-x']) mkdirSync(join(batch, name), { recursive: true });
    writeFileSync(join(batch, 'thesis-3-file'), '');
    expect(batchThesisFolders(batch)).toEqual(['thesis-2-a', 'thesis-10-b']);
    expect(batchThesisFolders(join(dir, 'no-such-folder'))).toEqual([]);
  });

  it('of an earlier batch are taken away, but nothing else: what else a folder holds stays', () => {
    const batch = join(dir, 'tidy');
    for (const name of ['thesis-1-keep', 'thesis-2-old', 'thesis-3-notes']) {
      mkdirSync(join(batch, name), { recursive: true });
      writeFileSync(join(batch, name, 'thesis.json'), '{}');
      writeFileSync(join(batch, name, 'thesis-runs.csv'), '');
    }
    writeFileSync(join(batch, 'thesis-3-notes', 'notes.txt'), 'mine');
    removeOtherBatchTheses(batch, ['thesis-1-keep']);
    expect(readdirSync(batch).sort()).toEqual(['thesis-1-keep', 'thesis-3-notes']);
    expect(readdirSync(join(batch, 'thesis-1-keep')).sort()).toEqual(['thesis-runs.csv', 'thesis.json']);
    expect(readdirSync(join(batch, 'thesis-3-notes'))).toEqual(['notes.txt']);
  });
});
