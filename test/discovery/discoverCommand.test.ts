import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASELINE, cli, expectBadInput, tempDirForFile } from '../cli/helpers.js';

const dir = tempDirForFile('discover');
// Two years and 60 runs: enough for a tail of 6 runs and a PRIM search, a few seconds per batch.
const SHORT = ['--set', 'end=2024-12', '--runs', '60', '--quiet'];

function discover(out: string, ...extra: string[]) {
  return cli(['discover', BASELINE, ...SHORT, '--out', join(dir, out), ...extra]);
}

describe('gpu-market discover', () => {
  it('writes discovery.json with the outcome, tail, threshold and boxes, and prints them', () => {
    const r = discover('w1', '--outcome', 'probe.irr', '--workers', '1');
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(join(dir, 'w1', 'discovery.json'), 'utf8'));
    expect(doc.scenario).toMatch(/Baseline/);
    expect(doc.scenarioHash).toMatch(/^[0-9a-f]{64}$/);
    expect(doc).toMatchObject({ outcome: 'probe.irr', outcomeName: 'probeIrr', tail: 'low', share: 0.1, runs: 60, completedRuns: 60, failedRuns: 0 });
    expect(typeof doc.threshold).toBe('number');
    expect(doc.inputs).toContain('entrants.baseMonthlyProbability');
    // The tail holds about a tenth of the runs that have a value (ties may add a few).
    expect(doc.runsInTail).toBeGreaterThanOrEqual(Math.floor(doc.runsWithValue * 0.1));
    expect(doc.baseShare).toBeCloseTo(doc.runsInTail / 60, 10);
    expect(Array.isArray(doc.boxes)).toBe(true);
    expect(doc.boxes.length).toBeLessThanOrEqual(3);
    for (const b of doc.boxes) {
      expect(Object.keys(b)).toEqual(['coverage', 'density', 'mass', 'cases', 'casesInTail', 'restrictions', 'selectedStep', 'trajectory']);
      expect(b.density).toBeGreaterThan(doc.baseShare);
      for (const x of b.restrictions) expect(doc.inputs).toContain(x.input);
    }
    expect(r.stdout).toContain('Outcome     probe.irr, its lowest 10.0 %');
    expect(r.stdout).toMatch(/Threshold {3}probe\.irr ≤ -?\d/);
    expect(r.stdout).toMatch(/Base share {2}\d+\.\d % of runs in the tail/);
    expect(r.stdout).toMatch(/Box 1 {2}coverage|No box: /);
  });

  it('writes the same bytes for 1 and 2 workers', () => {
    const r = discover('w2', '--outcome', 'probe.irr', '--workers', '2');
    expect(r.status, r.stderr).toBe(0);
    const one = readFileSync(join(dir, 'w1', 'discovery.json'), 'utf8');
    expect(readFileSync(join(dir, 'w2', 'discovery.json'), 'utf8')).toBe(one);
  });

  it('counts a month that never comes as after the horizon, in the high tail', () => {
    const r = discover('never', '--outcome', 'probe.paybackMonth', '--tail', 'high', '--share', '0.2', '--workers', '2');
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(join(dir, 'never', 'discovery.json'), 'utf8'));
    expect(doc).toMatchObject({ tail: 'high', share: 0.2, outcomeUnit: 'month', runsWithValue: 60 });
    // A probe that has not paid back within two years is the common case on this short horizon.
    expect(doc.runsNever).toBeGreaterThan(0);
    expect(doc.runsInTail).toBeGreaterThanOrEqual(doc.runsNever);
    expect(doc.thresholdText).toBe('never (after 2024-12)');
  });

  it('refuses an unknown outcome with a suggestion, before running, writing nothing', () => {
    const out = join(dir, 'bad-outcome');
    const r = cli(['discover', BASELINE, '--outcome', 'probe.ir', '--out', out]);
    expectBadInput(r, '--outcome', 'unknown outcome "probe.ir"', 'did you mean probe.irr');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a bad --tail or --share, writing nothing', () => {
    const out = join(dir, 'bad-tail');
    expectBadInput(cli(['discover', BASELINE, '--outcome', 'probe.irr', '--tail', 'worst', '--out', out]), '--tail: expected low or high, found "worst"');
    expectBadInput(cli(['discover', BASELINE, '--outcome', 'probe.irr', '--share', '1', '--out', out]), '--share');
    expect(existsSync(out)).toBe(false);
  });
});
