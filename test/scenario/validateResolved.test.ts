import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exitCodes.js';

import { loadScenario, parseScenario } from '../../src/scenario/index.js';
import { runInProcess } from '../cli/inProcess.js';

const run = runInProcess;

const shipped = readdirSync('scenarios')
  .filter((n) => /\.ya?ml$/.test(n))
  .map((n) => `scenarios/${n}`);

describe('gpu-market validate --resolved', () => {
  it('prints a stress scenario merged with the baseline, as YAML under a line saying so', async () => {
    const r = await run(['validate', 'scenarios/chip-glut.yaml', '--resolved']);
    expect(r.code).toBe(EXIT.OK);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toBe('# scenarios/chip-glut.yaml (extends scenarios/baseline.yaml) as a run uses it: merged, defaults filled in.');
    expect(r.stdout).not.toMatch(/^extends:/m);
    expect(r.stdout).toContain('\n  outputScale: 2\n');
    expect(r.stdout).toContain('    - { region: CN, generation: A800, from: 2024-11, announced: 2024-07 }\n');
  });

  it.each(shipped)('prints %s as a standalone scenario that loads to the same thing', async (file) => {
    const r = await run(['validate', file, '--resolved']);
    expect(r.code, r.stderr).toBe(EXIT.OK);
    expect(parseScenario(r.stdout, 'resolved.yaml')).toEqual(loadScenario(file));
  });

  it('applies --set and says so', async () => {
    const r = await run(['validate', 'scenarios/baseline.yaml', '--resolved', '--set', 'vendor.outputScale=3']);
    expect(r.stdout.split('\n')[0]).toBe('# scenarios/baseline.yaml as a run uses it: merged, defaults filled in, --set applied.');
    expect(parseScenario(r.stdout, 'resolved.yaml').vendor.outputScale).toBe(3);
  });

  it('refuses a broken scenario as validate does: exit 2, one line on stderr, nothing on stdout', async () => {
    const r = await run(['validate', 'scenarios/chip-glut.yaml', '--resolved', '--set', 'vendor.outputScale=-1']);
    expect(r).toEqual({ code: EXIT.BAD_INPUT, stdout: '', stderr: '--set vendor.outputScale=-1: vendor.outputScale: expected a number ≥ 0, found -1\n' });
  });

  it('leaves validate without it as it was: one ok line', async () => {
    const r = await run(['validate', 'scenarios/demand-bust.yaml']);
    expect(r).toEqual({ code: EXIT.OK, stdout: 'ok: scenarios/demand-bust.yaml (Demand bust - China compute leasing, 2023-2030, 2023-01 to 2030-12, 6 generations)\n', stderr: '' });
  });
});
