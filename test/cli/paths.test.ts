/** `batch --paths`: paths.arrow beside the batch's other files, the values `run` gives, and its refusals. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { BASELINE, cli, expectBadInput, tempDirForFile, tempLeftovers } from './helpers.js';

const SHORT = ['--set', 'end=2024-06', '--quiet'];

describe('gpu-market batch --paths', () => {
  const tmp = tempDirForFile('paths');

  it("writes every metric's monthly path of every completed run: run 0 of a batch is `run`'s path, a failed run has none", () => {
    // A parameter table: run 0 is the scenario with vendor.outputScale 1.2, as `run --set` makes it;
    // run 1 cannot run (a negative scale).
    const params = join(tmp, 'params.csv');
    writeFileSync(params, 'vendor.outputScale\n1.2\n-1\n0.8\n');
    const out = join(tmp, 'all');
    const r = cli(['batch', BASELINE, ...SHORT, '--design', `table=${params}`, '--allow-failures', '--workers', '2', '--paths', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`wrote ${join(out, 'paths.arrow')}`);
    expect(tempLeftovers(out)).toEqual([]);
    const table = tableFromIPC(readFileSync(join(out, 'paths.arrow')));
    const single = join(tmp, 'single');
    expect(cli(['run', BASELINE, ...SHORT.slice(0, 2), '--set', 'vendor.outputScale=1.2', '--out', single]).status).toBe(0);
    const [header, ...lines] = readFileSync(join(single, 'metrics.csv'), 'utf8').trim().split('\n');
    const names = header.split(',');
    expect(table.numRows).toBe(2 * lines.length);
    expect(Array.from(new Set(table.getChild('run')!.toArray() as Int32Array))).toEqual([0, 2]);
    expect((table.getChild('month')!.toArray() as string[]).slice(0, lines.length)).toEqual(lines.map((l) => l.split(',')[0]));
    const fields = table.schema.fields.map((f) => f.name);
    // Every metric of metrics.csv is a column; regime is a code here, its name there.
    expect(fields.slice(2)).toEqual(expect.arrayContaining(names.slice(1)));
    for (const [c, name] of names.entries()) {
      if (c === 0 || name === 'regime') continue;
      const written = Array.from((table.getChild(name)!.toArray() as Float64Array).subarray(0, lines.length), String);
      expect(written, name).toEqual(lines.map((l) => l.split(',')[c]));
    }
    const regimes = ['blue', 'transition', 'red'];
    expect(Array.from((table.getChild('regime')!.toArray() as Float64Array).subarray(0, lines.length), (x) => regimes[x])).toEqual(lines.map((l) => l.split(',')[names.indexOf('regime')]));
  });

  it('writes the metrics listed, in that order, each once; a later batch without --paths takes the file away', () => {
    const out = join(tmp, 'some');
    const r = cli(['batch', BASELINE, ...SHORT, '--runs', '5', '--paths', 'utilisation, spotRentCcyPerGpuHour_H100,utilisation', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const table = tableFromIPC(readFileSync(join(out, 'paths.arrow')));
    expect(table.schema.fields.map((f) => [f.name, f.metadata.get('unit')])).toEqual([
      ['run', 'run index'],
      ['month', 'month'],
      ['utilisation', 'share'],
      ['spotRentCcyPerGpuHour_H100', 'CNY per H100-hour'],
    ]);
    expect(cli(['batch', BASELINE, ...SHORT, '--runs', '5', '--out', out]).status).toBe(0);
    expect(existsSync(join(out, 'paths.arrow'))).toBe(false);
  });

  it('refuses an unknown metric, an empty list and --shard, in one line, before anything runs', () => {
    const out = join(tmp, 'refused');
    const line = expectBadInput(cli(['batch', BASELINE, ...SHORT, '--paths', 'utilisation,noSuchMetric', '--out', out]), '--paths: the runs have no metric noSuchMetric', 'spotRentCcyPerRefGpuHour');
    expect(line).toContain('installedGpus_H100');
    expectBadInput(cli(['batch', BASELINE, ...SHORT, '--paths', ' , ', '--out', out]), '--paths: expected a comma-separated list of metrics, or all');
    expectBadInput(cli(['batch', BASELINE, ...SHORT, '--paths', '--shard', '0/2', '--out', out]), '--paths: a shard has only some of the runs');
    expect(existsSync(out)).toBe(false);
  });

  it('leaves no paths file, whole or partial, when the batch fails', () => {
    const out = join(tmp, 'failed');
    const r = cli(['batch', BASELINE, ...SHORT, '--runs', '3', '--set', 'generations[0].perfRatio=5e-324', '--paths', '--out', out]);
    expectBadInput(r, 'every run failed on its input');
    expect(existsSync(out)).toBe(false);
  });
});
