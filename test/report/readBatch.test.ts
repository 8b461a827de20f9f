import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportInputError } from '../../src/files/inputError.js';
import { readBatch } from '../../src/report/readBatch.js';
import { defaultReportDir } from '../../src/report/reportDir.js';
import { writeReportFiles } from '../../src/report/writeReport.js';
import { tempDirForFile } from '../cli/helpers.js';
import { fixtureOutcomes, fixtureSamples, fixtureSummary, MONTHS } from './fixture.js';

const OUTCOME_HEADER = 'run,seed,vendor.outputScale,redOnsetMonth,probeIrr,probeNpvCcy';

function writeBatch(dir: string, edit: { summary?: (s: Record<string, unknown>) => void; outcomes?: string; samples?: unknown; runInfo?: string | null } = {}): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const summary = fixtureSummary() as unknown as Record<string, unknown>;
  edit.summary?.(summary);
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary));
  const rows = fixtureOutcomes().map((r) => [r.run, 1, 0.9, r.redOnsetMonth ?? '', r.probeIrr ?? '', r.probeNpvCcy ?? ''].join(','));
  writeFileSync(join(dir, 'outcomes.csv'), edit.outcomes ?? `${OUTCOME_HEADER}\n${rows.join('\n')}\n`);
  writeFileSync(
    join(dir, 'samples.json'),
    JSON.stringify(edit.samples ?? { format: 'gpu-market-samples/1', months: MONTHS, paths: [], runs: fixtureSamples().map((s) => ({ ...s, seed: 1, inputs: [] })) }),
  );
  if (edit.runInfo !== null)
    writeFileSync(join(dir, 'run-info.json'), edit.runInfo ?? JSON.stringify({ startedAt: '2026-01-02T03:04:05.000Z', seconds: 3, workers: 2, host: 'h', node: 'v20', scenarioFile: 's.yaml' }));
  return dir;
}

const refusal = (dir: string): string => {
  try {
    readBatch(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(ReportInputError);
    return (err as Error).message;
  }
  throw new Error('expected the batch to be refused');
};

describe('readBatch', () => {
  const tmp = tempDirForFile('read-batch');

  it('reads the summary, the outcome rows, the sample paths and the run info', () => {
    const b = readBatch(writeBatch(join(tmp, 'good')));
    expect(b.summary.months).toEqual(MONTHS);
    expect(b.outcomes).toHaveLength(40);
    expect(b.outcomes[3]).toEqual({ run: 3, redOnsetMonth: null, probeIrr: -0.28, probeNpvCcy: -31_000_000 });
    expect(b.samples.map((s) => s.run)).toEqual([0, 1, 2]);
    expect(b.runInfo).toEqual({ startedAt: '2026-01-02T03:04:05.000Z', seconds: 3, workers: 2, node: 'v20', scenarioFile: 's.yaml' });
  });

  it('does without run-info.json, which a merged batch does not have', () => {
    expect(readBatch(writeBatch(join(tmp, 'merged'), { runInfo: null })).runInfo).toBeNull();
  });

  it('names the missing file', () => {
    const dir = writeBatch(join(tmp, 'no-samples'));
    rmSync(join(dir, 'samples.json'));
    expect(refusal(dir)).toBe(`${join(dir, 'samples.json')}: missing; expected a batch folder written by gpu-market batch or merge`);
    expect(refusal(join(tmp, 'nothing-here'))).toMatch(/nothing-here\/summary\.json: missing/);
  });

  it.each([
    ['text that is not JSON', { summary: undefined, raw: '{"scenario": ' }, /summary\.json: expected JSON, found text that does not parse/],
    ['a field of the wrong type', { summary: (s: Record<string, unknown>) => (s.seed = 'one') }, /summary\.json: seed: expected a number, found "one"$/],
    ['a month that is not YYYY-MM', { summary: (s: Record<string, unknown>) => ((s.months as string[])[2] = '2023-3') }, /summary\.json: months\[2\]: expected a month as YYYY-MM, found "2023-3"$/],
    [
      'a band shorter than the months',
      { summary: (s: Record<string, unknown>) => (s.metrics as Record<string, { p50: number[] }>).utilisation.p50.pop() },
      /summary\.json: metrics\.utilisation\.p50: expected 24 values, one per month, found 23$/,
    ],
    [
      'no spot rent bands',
      { summary: (s: Record<string, unknown>) => delete (s.metrics as Record<string, unknown>).spotRentCcyPerRefGpuHour },
      /summary\.json: metrics\.spotRentCcyPerRefGpuHour: expected the bands of spotRentCcyPerRefGpuHour, found nothing$/,
    ],
    [
      'no format (an older version)',
      { summary: (s: Record<string, unknown>) => delete s.format },
      /summary\.json: format: written by an older gpu-market \(no format field; outcome names have changed since\), expected gpu-market-summary\/2; run the batch again with this version$/,
    ],
    [
      'another format',
      { summary: (s: Record<string, unknown>) => (s.format = 'gpu-market-summary/9') },
      /summary\.json: format: expected format gpu-market-summary\/2, found "gpu-market-summary\/9"; run the batch again/,
    ],
    [
      'an outcome under an old name',
      { summary: (s: Record<string, unknown>) => ((s.outcomes as Record<string, unknown>).peakRent = { unit: 'x', count: 1, missing: 0 }) },
      /summary\.json: outcomes\.peakRent: expected no field of that name, found a mapping$/,
    ],
    [
      'a month outcome written as an index',
      { summary: (s: Record<string, unknown>) => ((s.outcomes as Record<string, Record<string, unknown>>).redOnsetMonth.p50 = 16) },
      /summary\.json: outcomes\.redOnsetMonth\.p50: expected a string, found 16$/,
    ],
  ])('refuses a summary.json with %s, naming the file and field', (_, edit, message) => {
    const dir = writeBatch(join(tmp, 'bad-summary'), 'summary' in edit && edit.summary ? { summary: edit.summary } : {});
    if ('raw' in edit) writeFileSync(join(dir, 'summary.json'), edit.raw);
    expect(refusal(dir)).toMatch(message);
  });

  it('refuses an outcomes.csv without a needed column, or with a bad cell, naming the line', () => {
    expect(refusal(writeBatch(join(tmp, 'no-column'), { outcomes: 'run,seed\n0,1\n' }))).toMatch(/outcomes\.csv:1: header: expected a column redOnsetMonth, found none$/);
    expect(refusal(writeBatch(join(tmp, 'bad-cell'), { outcomes: `${OUTCOME_HEADER}\n0,1,0.9,,x,1\n` }))).toMatch(/outcomes\.csv:2: probeIrr: expected a number or nothing, found "x"$/);
    expect(refusal(writeBatch(join(tmp, 'bad-month'), { outcomes: `${OUTCOME_HEADER}\n0,1,0.9,June,,1\n` }))).toMatch(
      /outcomes\.csv:2: redOnsetMonth: expected a month as YYYY-MM or nothing, found "June"$/,
    );
  });

  it('refuses sample paths from another batch', () => {
    const dir = writeBatch(join(tmp, 'other-samples'), { samples: { format: 'gpu-market-samples/1', months: ['2020-01'], paths: [], runs: [] } });
    expect(refusal(dir)).toMatch(/samples\.json: months: expected the months of summary\.json \(2023-01 to 2024-12\), found other months/);
    const samples = (batch: object, seed = 1) => ({ format: 'gpu-market-samples/1', batch, months: MONTHS, paths: [], runs: fixtureSamples().map((p) => ({ ...p, seed, inputs: [] })) });
    const ours = { scenarioHash: 'f'.repeat(64), seed: 1, runs: 40, design: 'lhs' };
    expect(readBatch(writeBatch(join(tmp, 'same-batch'), { samples: samples(ours) })).samples).toHaveLength(3);
    expect(refusal(writeBatch(join(tmp, 'other-seed'), { samples: samples({ ...ours, seed: 9 }) }))).toMatch(
      /samples\.json: batch: expected the batch of summary\.json \(seed 1, 40 runs, design lhs, scenario ffffffffffff\), found seed 9, 40 runs, design lhs, scenario ffffffffffff; is the folder a mix of two batches\?/,
    );
    expect(refusal(writeBatch(join(tmp, 'other-scenario'), { samples: samples({ ...ours, scenarioHash: 'a'.repeat(64) }) }))).toMatch(
      /samples\.json: batch: .*found seed 1, 40 runs, design lhs, scenario aaaaaaaaaaaa;/,
    );
    // Files written before samples.json named its batch still carry each path's seed.
    expect(refusal(writeBatch(join(tmp, 'old-other-seed'), { samples: { ...samples(ours, 9), batch: undefined } }))).toMatch(
      /samples\.json: runs\[0\]\.seed: expected the seed of summary\.json, 1, found 9;/,
    );
  });

  it('refuses outcome rows from another batch: another seed, runs missing or runs the batch does not have', () => {
    const rows = (seed: number, runs: number[]) => `${OUTCOME_HEADER}\n${runs.map((r) => `${r},${seed},0.9,,,`).join('\n')}\n`;
    const all = [...Array(40).keys()];
    expect(readBatch(writeBatch(join(tmp, 'rows-ok'), { outcomes: rows(1, all) })).outcomes).toHaveLength(40);
    expect(refusal(writeBatch(join(tmp, 'rows-seed'), { outcomes: rows(9, all) }))).toMatch(
      /outcomes\.csv:2: seed: expected the seed of summary\.json, 1, found 9; is the folder a mix of two batches\?/,
    );
    expect(refusal(writeBatch(join(tmp, 'rows-short'), { outcomes: rows(1, all.slice(0, 13)) }))).toMatch(
      /outcomes\.csv: expected one row for each of the 40 completed runs of summary\.json, found 13;/,
    );
    expect(refusal(writeBatch(join(tmp, 'rows-beyond'), { outcomes: rows(1, [...all.slice(0, 39), 40]) }))).toMatch(/outcomes\.csv:41: run: expected the runs of the batch's 40 in order, found 40;/);
    expect(refusal(writeBatch(join(tmp, 'rows-twice'), { outcomes: rows(1, [0, ...all.slice(0, 39)]) }))).toMatch(/outcomes\.csv:3: run: expected the runs of the batch's 40 in order, found 0;/);
  });
});

describe('defaultReportDir', () => {
  it('is reports/<batch folder name without -batch>', () => {
    expect(defaultReportDir('reports/baseline-batch')).toBe(join('reports', 'baseline'));
    expect(defaultReportDir('/tmp/runs/chip-glut-batch/')).toBe(join('reports', 'chip-glut'));
    expect(defaultReportDir('/tmp/runs/mine')).toBe(join('reports', 'mine'));
  });

  it('never is the batch folder itself', () => {
    expect(defaultReportDir('reports/baseline')).toBe(join('reports', 'baseline-report'));
  });
});

describe('writeReportFiles', () => {
  it('writes the subfolders first and the page last, and returns the paths in the order given', () => {
    const calls: string[] = [];
    const write = (dir: string, files: { name: string }[]) => {
      calls.push(`${dir}: ${files.map((f) => f.name).join(' ')}`);
      return files.map((f) => join(dir, f.name));
    };
    const paths = writeReportFiles(
      'out',
      [
        { path: 'index.html', content: '' },
        { path: 'summary.json', content: '' },
        { path: 'charts/a.svg', content: '' },
        { path: 'data/a.csv', content: '' },
      ],
      write,
    );
    expect(calls).toEqual([`${join('out', 'charts')}: a.svg`, `${join('out', 'data')}: a.csv`, 'out: index.html summary.json']);
    expect(paths).toEqual([join('out', 'index.html'), join('out', 'summary.json'), join('out', 'charts', 'a.svg'), join('out', 'data', 'a.csv')]);
  });
});
