import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASELINE, cli, expectBadInput, tempDirForFile } from './helpers.js';

/** Inside its range, but more than the model can hold: every run stops in its first month. */
const DIVERGES = ['--set', 'end=2024-12', '--set', 'generations[0].perfRatio=5e-324', '--quiet'];
const REFUSAL = `gpu-market: ${BASELINE}: every run failed on its input; the first, run 0: in 2023-01, spotRentCcyPerRefGpuHour became infinite: an input is too large or too small for the model`;

describe('a command whose every run failed on its input', () => {
  const tmp = tempDirForFile('input-failures');

  it.each([
    ['thesis', ['thesis', BASELINE, 'scenarios/theses/entrant-irr.yaml', '--runs', '4']],
    ['discover', ['discover', BASELINE, '--outcome', 'peakRent', '--runs', '8']],
    ['sensitivity', ['sensitivity', BASELINE, '--outcome', 'peakRent', '--samples', '2']],
  ])('%s: is refused as bad input, exit 2, one line, no output', (name, args) => {
    const out = join(tmp, name);
    expectBadInput(cli([...args, ...DIVERGES, '--out', out]), REFUSAL);
    expect(existsSync(out)).toBe(false);
  });
});
