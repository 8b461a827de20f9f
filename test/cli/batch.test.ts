import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { BASELINE, cli, expectBadInput, tempDirForFile } from './helpers.js';
import { writeTampered } from '../support/tamper.js';

const SHORT = ['--set', 'end=2024-12', '--runs', '12', '--quiet'];

describe('gpu-market batch', () => {
  const tmp = tempDirForFile('batch');

  it('writes summary.json, outcomes.csv and run-info.json and prints the headline distribution', () => {
    const out = join(tmp, 'b');
    const r = cli(['batch', BASELINE, ...SHORT, '--workers', '2', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Verdict\n {2}- The spot rent turns in \d{4}-\d\d \(P5–P95: \d{4}-\d\d to \d{4}-\d\d\) at [\d.]+ CNY per ref-GPU-hour; .* — medians over runs of each run's peak month/m);
    expect(r.stdout).toMatch(/^ {2}- P\(red ocean\) is |^ {2}- No run is in the red ocean/m);
    expect(r.stdout).toMatch(/clears its 15 % hurdle with probability \d\.\d\d/);
    // One number per question: the verdict's are summary.json's.
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(r.stdout).toContain(`at ${summary.outcomes.peakRentCcyPerRefGpuHour.p50.toFixed(2)} CNY per ref-GPU-hour`);
    expect(r.stdout).toContain(`with probability ${summary.probeIrrAboveHurdle.toFixed(2)}`);
    for (const f of ['summary.json', 'outcomes.csv', 'outcomes.arrow', 'samples.json', 'run-info.json']) expect(existsSync(join(out, f))).toBe(true);
    // The sample paths are the first runs' whole paths, one value per month for every metric.
    const samples = JSON.parse(readFileSync(join(out, 'samples.json'), 'utf8'));
    expect(samples.runs.map((r: { run: number }) => r.run)).toEqual([...Array(12).keys()]);
    expect(samples.runs[3].metrics.spotRentCcyPerRefGpuHour).toHaveLength(samples.months.length);
    const rows = readFileSync(join(out, 'outcomes.csv'), 'utf8').trim().split('\n');
    expect(rows).toHaveLength(13);
    expect(rows[0]).toMatch(/^run,seed,vendor\.outputScale,/);
    expect(rows[1]).toMatch(/^0,1,/);
    // The Arrow table holds the same rows and values as the CSV.
    const arrow = tableFromIPC(readFileSync(join(out, 'outcomes.arrow')));
    expect(arrow.numRows).toBe(12);
    expect(arrow.schema.fields.map((f) => f.name)).toEqual(rows[0].split(','));
    const csvCells = rows[5].split(',');
    const arrowCells = Object.values(arrow.get(4)!.toJSON()).map((v) => (v === null ? '' : String(v)));
    expect(arrowCells).toEqual(csvCells);
    // Typed columns, each with its unit.
    const field = (name: string) => arrow.schema.fields.find((f) => f.name === name)!;
    expect(String(field('run').type)).toBe('Int32');
    expect(String(field('seed').type)).toBe('Int64');
    expect(String(field('lessorsAtEnd').type)).toBe('Int32');
    expect(String(field('redOnsetMonth').type)).toBe('Utf8');
    expect(String(field('peakRentCcyPerRefGpuHour').type)).toBe('Float64');
    expect(field('peakRentCcyPerRefGpuHour').metadata.get('unit')).toBe('CNY per reference-GPU-hour');
    expect(field('redOnsetMonth').metadata.get('unit')).toBe('month');
    expect(field('vendor.outputScale').metadata.get('unit')).toBe('drawn input');
  });

  it('holds a field fixed with --set in every run instead of drawing it, and says so', () => {
    const out = join(tmp, 'held');
    const r = cli(['batch', BASELINE, ...SHORT, '--set', 'vendor.outputScale=0.5', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("note: --set fixes vendor.outputScale, so it is no longer drawn from the scenario's uncertain section");
    const header = readFileSync(join(out, 'outcomes.csv'), 'utf8').split('\n')[0];
    expect(header).not.toContain('vendor.outputScale');
    expect(header).toContain('vendor.shippingMonths');
  });

  it("leaves a folder holding one batch's files: a shard written over a finished batch takes its summary away, and report refuses the folder", () => {
    const out = join(tmp, 'one-set');
    expect(cli(['batch', BASELINE, ...SHORT, '--out', out]).status).toBe(0);
    expect(existsSync(join(out, 'summary.json'))).toBe(true);
    expect(cli(['batch', BASELINE, ...SHORT, '--shard', '0/3', '--seed', '9', '--out', out]).status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['outcomes.arrow', 'outcomes.csv', 'run-info.json', 'shard.json']);
    expectBadInput(cli(['report', out, '--out', join(tmp, 'one-set-report')]), `${join(out, 'summary.json')}: missing`);
    expect(existsSync(join(tmp, 'one-set-report'))).toBe(false);
  });

  it('refuses, with exit 2 and no output, a batch in which every run failed on its input', () => {
    const out = join(tmp, 'all-failed');
    const r = cli(['batch', BASELINE, ...SHORT, '--set', 'generations[0].perfRatio=5e-324', '--out', out]);
    expectBadInput(
      r,
      `gpu-market: ${BASELINE}: every run failed on its input; the first, run 0: in 2023-01, spotRentCcyPerRefGpuHour became infinite: an input is too large or too small for the model`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('says in one line, with exit 1, that workers ran out of memory, and leaves no output', () => {
    const out = join(tmp, 'out-of-memory');
    // A start-up wave far beyond any market, in workers with a 64 MB heap.
    // --quiet: the progress line a batch shows a second after its start is not what this checks.
    const r = cli(['batch', BASELINE, '--runs', '2', '--workers', '2', '--set', 'end=2023-12', '--set', 'developers.startup.population.entriesPerMonthAtFullHype=90000', '--quiet', '--out', out], {
      env: { NODE_OPTIONS: '--max-old-space-size=64' },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^gpu-market: a worker ran out of memory in run [01], 3 times; run fewer workers \(--workers\), fewer or shorter runs, or give Node more memory \(NODE_OPTIONS=--max-old-space-size=MB\)\n$/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('with --resume and no checkpoint (stopped before its first one), starts from the beginning and says so', () => {
    const plain = join(tmp, 'plain');
    const resumed = join(tmp, 'resumed-fresh');
    expect(cli(['batch', BASELINE, ...SHORT, '--out', plain]).status).toBe(0);
    const r = cli(['batch', BASELINE, ...SHORT, '--resume', '--out', resumed]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`note: --resume: no checkpoint in ${resumed}; the batch starts from the beginning\n`);
    expect(readFileSync(join(resumed, 'summary.json'), 'utf8')).toBe(readFileSync(join(plain, 'summary.json'), 'utf8'));
  });

  it('refuses an --out that is a file before running anything, and leaves the file as it was', () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'mine\n');
    const r = cli(['batch', BASELINE, '--set', 'end=2024-12', '--runs', '12', '--out', file]);
    expect(r.status).toBe(2);
    // Not a progress line: the check comes before the first run.
    expect(r.stderr).toBe(`gpu-market: output folder ${file}: it is a file, not a folder (choose another with --out)\n`);
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
  });

  it('goes on when a checkpoint cannot be written, with a warning, and leaves no temporary file', () => {
    const out = join(tmp, 'no-checkpoint');
    // A folder in the checkpoint's place makes every checkpoint write fail, as a full disk would.
    mkdirSync(join(out, 'checkpoint.json', 'blocker'), { recursive: true });
    const r = cli(['batch', BASELINE, ...SHORT, '--workers', '1', '--chunk-size', '4', '--out', out], { env: { GPU_MARKET_CHECKPOINT_SECONDS: '0' } });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^gpu-market: warning: could not write a checkpoint in .*no-checkpoint \(.+\); the batch goes on$/m);
    expect(existsSync(join(out, 'summary.json'))).toBe(true);
    expect(readdirSync(out).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it("keeps the runs' records in memory, with a warning, when their file cannot be written, and gives the same outputs", () => {
    const plain = join(tmp, 'records-plain');
    expect(cli(['batch', BASELINE, ...SHORT, '--workers', '1', '--chunk-size', '4', '--out', plain]).status).toBe(0);
    const out = join(tmp, 'records-full');
    mkdirSync(out, { recursive: true });
    // Every write to /dev/full fails with ENOSPC, as on a full disk.
    symlinkSync('/dev/full', join(out, 'checkpoint-records.ndjson'));
    const r = cli(['batch', BASELINE, ...SHORT, '--workers', '1', '--chunk-size', '4', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^gpu-market: warning: could not write the runs' records in .*records-full \(ENOSPC.*\); the rest are kept in memory\n$/);
    for (const f of ['summary.json', 'outcomes.csv', 'outcomes.arrow', 'samples.json']) expect(readFileSync(join(out, f))).toEqual(readFileSync(join(plain, f)));
    expect(readdirSync(out).sort()).toEqual(['outcomes.arrow', 'outcomes.csv', 'run-info.json', 'samples.json', 'scenario.resolved.json', 'summary.json']);
  });

  it("clears what killed writers left in and beside its output folder, but not a live one's", () => {
    const out = join(tmp, 'after-kill');
    // The id of a process that has ended, as a writer killed with -9 leaves behind.
    const dead = spawnSync('true').pid;
    mkdirSync(join(`${out}.tmp-${dead}-0123456789ab`, 'new'), { recursive: true });
    mkdirSync(`${out}.tmp-${process.pid}-ba9876543210`, { recursive: true });
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, `checkpoint.json.tmp-${dead}`), '{"half": ');
    writeFileSync(join(out, `checkpoint.json.tmp-${process.pid}`), '{"mine": ');
    const r = cli(['batch', BASELINE, ...SHORT, '--out', out]);
    expect(r.status).toBe(0);
    expect(readdirSync(tmp).filter((f) => f.startsWith('after-kill.tmp-'))).toEqual([`after-kill.tmp-${process.pid}-ba9876543210`]);
    expect(readdirSync(out).filter((f) => f.includes('.tmp-'))).toEqual([`checkpoint.json.tmp-${process.pid}`]);
  });

  it('refuses a folder another running batch holds, takes over the lock of one that died, and releases its own', () => {
    const out = join(tmp, 'locked');
    mkdirSync(out, { recursive: true });
    const lock = join(out, 'batch.lock');
    // The test's own process stands for a batch still running on this host.
    const held = JSON.stringify({ pid: process.pid, host: hostname(), batch: 'another', since: '2026-01-01T00:00:00.000Z' });
    writeFileSync(lock, held);
    const refused = cli(['batch', BASELINE, ...SHORT, '--out', out]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(
      new RegExp(
        `^gpu-market: output folder .*locked is in use by the batch of process ${process.pid} on .*; wait for it, choose another --out, or delete .*batch\\.lock if that batch no longer runs\\n$`,
      ),
    );
    expect(readFileSync(lock, 'utf8')).toBe(held);
    expect(existsSync(join(out, 'summary.json'))).toBe(false);
    writeFileSync(lock, JSON.stringify({ pid: spawnSync('true').pid, host: hostname(), batch: 'killed', since: '2026-01-01T00:00:00.000Z' }));
    const taken = cli(['batch', BASELINE, ...SHORT, '--out', out]);
    expect(taken.status).toBe(0);
    expect(existsSync(join(out, 'summary.json'))).toBe(true);
    expect(existsSync(lock)).toBe(false);
  });

  it('will not start in a folder that holds a checkpoint it cannot take over, and leaves it there', () => {
    const out = join(tmp, 'other-checkpoint');
    // An interrupted batch of other settings left its checkpoint there.
    mkdirSync(out, { recursive: true });
    const checkpoint = '{"format":"gpu-market-checkpoint/3","identity":{"scenarioHash":"x","seed":9,"runs":5,"design":"mc","shard":{"index":0,"count":1},"chunkSize":1}}';
    writeFileSync(join(out, 'checkpoint.json'), checkpoint);
    const r = cli(['batch', BASELINE, ...SHORT, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^gpu-market: output folder .*other-checkpoint holds a checkpoint this batch cannot take over \(format: gpu-market-checkpoint\/3 is a checkpoint of another version of gpu-market, this one reads gpu-market-checkpoint\/4\); .*\n$/,
    );
    // Under --resume, it says what to do.
    const resumed = cli(['batch', BASELINE, ...SHORT, '--out', out, '--resume']);
    expect(resumed.status).toBe(2);
    expect(resumed.stderr).toMatch(
      /^gpu-market: --resume: .*checkpoint\.json: format: gpu-market-checkpoint\/3 is a checkpoint of another version of gpu-market, this one reads gpu-market-checkpoint\/4; delete it and run the batch again without --resume, or finish it with the version that wrote it\n$/,
    );
    expect(readFileSync(join(out, 'checkpoint.json'), 'utf8')).toBe(checkpoint);
  });

  it('writes the same summary.json for one worker with one-run chunks as for two workers', () => {
    const dir = join(tmp, 'same');
    const a = cli(['batch', BASELINE, ...SHORT, '--workers', '2', '--out', join(dir, 'a')]);
    const b = cli(['batch', BASELINE, ...SHORT, '--workers', '1', '--chunk-size', '1', '--out', join(dir, 'b')]);
    expect(a.status).toBe(0);
    expect(b.status).toBe(0);
    for (const f of ['summary.json', 'samples.json']) {
      expect(readFileSync(join(dir, 'b', f), 'utf8')).toBe(readFileSync(join(dir, 'a', f), 'utf8'));
    }
  });

  it('rejects a bad design or run count with exit 2 and writes nothing', () => {
    const out = join(tmp, 'none');
    expectBadInput(cli(['batch', BASELINE, '--design', 'sobol', '--out', out]), '--design');
    expectBadInput(cli(['batch', BASELINE, '--runs', '0', '--out', out]), '--runs');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a parameter table or observed-data file by its size, before reading it all, and a stream past the limit', () => {
    const out = join(tmp, 'none');
    const big = join(tmp, 'big.csv');
    writeFileSync(big, `t,${'x'.repeat(17 * 1024 * 1024)}\n`);
    expectBadInput(
      cli(['batch', BASELINE, '--runs', '2', '--report', '--observed', big, '--out', out]),
      `gpu-market: ${big}: too large: 17,825,795 bytes, where an observed-data file may have at most 16,777,216 bytes (16 MB)`,
    );
    expectBadInput(
      cli(['batch', BASELINE, '--design', 'table=/dev/zero', '--out', out]),
      'gpu-market: --design: /dev/zero: too large: more than 268,435,456 bytes, where a parameter table may have at most 268,435,456 bytes (256 MB)',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('merges shards into the summary and outcome table of the unsharded batch, byte for byte', () => {
    const dir = join(tmp, 'shards');
    expect(cli(['batch', BASELINE, ...SHORT, '--out', join(dir, 'whole')]).status).toBe(0);
    for (const i of [0, 1, 2]) {
      const r = cli(['batch', BASELINE, ...SHORT, '--workers', '1', '--shard', `${i}/3`, '--out', join(dir, `s${i}`)]);
      expect(r.status).toBe(0);
      expect(existsSync(join(dir, `s${i}`, 'summary.json'))).toBe(false);
    }
    const m = cli(['merge', join(dir, 's2'), join(dir, 's0'), join(dir, 's1'), '--out', join(dir, 'merged')]);
    expect(m.status).toBe(0);
    for (const f of ['summary.json', 'outcomes.csv', 'outcomes.arrow', 'samples.json', 'scenario.resolved.json']) {
      expect(readFileSync(join(dir, 'merged', f))).toEqual(readFileSync(join(dir, 'whole', f)));
    }
  });

  it('refuses to merge shards that leave runs out, with exit 2', () => {
    const dir = join(tmp, 'partial');
    expect(cli(['batch', BASELINE, ...SHORT, '--workers', '1', '--shard', '0/2', '--out', join(dir, 's0')]).status).toBe(0);
    expectBadInput(cli(['merge', join(dir, 's0'), '--out', join(dir, 'merged')]), 'in no shard');
    expect(existsSync(join(dir, 'merged'))).toBe(false);
  });

  it('refuses an edited, damaged, forged or foreign shard with exit 2, naming the file and the fault', () => {
    const dir = join(tmp, 'tampered');
    expect(cli(['batch', BASELINE, ...SHORT, '--workers', '1', '--shard', '0/2', '--out', join(dir, 's0')]).status).toBe(0);
    expect(cli(['batch', BASELINE, ...SHORT, '--workers', '1', '--shard', '1/2', '--out', join(dir, 's1')]).status).toBe(0);
    const file = join(dir, 's1', 'shard.json');
    const good = readFileSync(file, 'utf8');
    const shard = JSON.parse(good);
    const merge = () => cli(['merge', join(dir, 's0'), join(dir, 's1'), '--out', join(dir, 'merged')]);
    const refusedWith = (edit: (s: Record<string, unknown>) => void, reseal: boolean, fault: string) => {
      writeTampered(file, shard, edit, reseal);
      const r = merge();
      expectBadInput(r, fault);
      expect(r.stderr).toContain(file);
    };
    expect(merge().status).toBe(0);
    refusedWith((s) => ((s.probabilities as Record<string, unknown>).edited = 1), false, 'does not match its checksum');
    refusedWith((s) => (s.records as unknown[]).pop(), true, 'holds 5 of its 6 runs');
    refusedWith((s) => (s.records as { index: number }[]).push({ ...(s.records as { index: number }[])[0] }), true, 'twice');
    refusedWith((s) => (s.build = '0.0.1+0123456789abcdef'), true, 'written by another build of gpu-market');
    refusedWith(
      (s) => (s.format = 'gpu-market-shard/2'),
      false,
      'shard.json: format: gpu-market-shard/2 is a shard file of another version of gpu-market, this one reads gpu-market-shard/3; run the shard again with this version',
    );
    refusedWith((s) => ((s.scenario as { seedNote?: string }).seedNote = 'x'), true, 'its scenario does not match its scenario hash');
    // Whole and sealed, but its accumulators do not agree with its records.
    type Blocks = { $f64: number[][] };
    type Forged = { bands: { runs: number; sketches: { rows: Blocks } }; probabilities: { total: number; hits: Blocks } };
    const forged = (s: Record<string, unknown>) => s as unknown as Forged;
    // A cell's row: count, zeroCount, min, max, then each store's lowest key and number of keys.
    const row = (s: Record<string, unknown>, cell: number) => forged(s).bands.sketches.rows.$f64[0].slice(cell * 8, cell * 8 + 8);
    const setRow = (s: Record<string, unknown>, cell: number, edit: (r: number[]) => void) => {
      const r = row(s, cell);
      edit(r);
      forged(s).bands.sketches.rows.$f64[0].splice(cell * 8, 8, ...r);
    };
    refusedWith((s) => (forged(s).bands.runs = 7), true, 'its bands count 7 runs where it holds 6 finished runs');
    refusedWith((s) => setRow(s, 5, (r) => r[0]++), true, 'its bands are malformed (ddsketch-list/1: sketch 5: its count 7 is not its bucket counts plus zeroCount (6))');
    refusedWith(
      (s) =>
        setRow(s, 5, (r) => {
          r[0]++;
          r[1]++;
        }),
      true,
      'its bands hold 7 values of',
    );
    refusedWith((s) => (forged(s).probabilities.total = 7), true, 'its event counts count 7 runs where it holds 6 finished runs');
    refusedWith(
      (s) => (forged(s).probabilities.hits.$f64[0][0] = 9),
      true,
      'its event counts are malformed (event-counts/1: blue in month 0 counts 9 runs, not a whole number from 0 to the 6 counted)',
    );
    writeFileSync(file, good);
  });

  it('rejects a bad --shard', () => {
    expectBadInput(cli(['batch', BASELINE, ...SHORT, '--shard', '3/3', '--out', join(tmp, 'x')]), '--shard');
  });

  it('runs one row of a parameter table per run, and names a bad column by line and column', () => {
    const good = join(tmp, 'params.csv');
    writeFileSync(good, 'vendor.outputScale,market.contractMonths\n1,12\n2,24\n0.5,6\n');
    const out = join(tmp, 'table');
    const r = cli(['batch', BASELINE, '--design', `table=${good}`, '--set', 'end=2024-06', '--quiet', '--out', out]);
    expect(r.status).toBe(0);
    const rows = readFileSync(join(out, 'outcomes.csv'), 'utf8').trim().split('\n');
    expect(rows.slice(1).map((row) => row.split(',').slice(2, 4).join(','))).toEqual(['1,12', '2,24', '0.5,6']);
    const bad = join(tmp, 'bad.csv');
    writeFileSync(bad, 'vendor.outputScale,vendor.bogus\n1,2\n');
    expectBadInput(cli(['batch', BASELINE, '--design', `table=${bad}`, '--out', join(tmp, 'bad')]), `${bad}:1:2`, 'vendor.bogus');
  });
});
