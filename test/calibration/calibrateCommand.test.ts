import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASELINE, cli, expectBadInput, MAIN, ROOT, tempDirForFile } from '../cli/helpers.js';

const OBSERVED = 'scenarios/observed/history-to-2024-06.csv';
const OUTPUTS = ['posterior.csv', 'calibrated.yaml', 'calibration.json'];
const dir = tempDirForFile('calibrate');
const small = ['--observed', OBSERVED, '--params', 'vendor.outputScale,market.hype.halfLifeMonths', '--particles', '16', '--replicates', '2', '--generations', '4', '--budget', '400', '--seed', '3'];
const calibrate = (out: string, ...extra: string[]) => cli(['calibrate', BASELINE, ...small, '--out', out, ...extra]);
const files = (out: string) => OUTPUTS.map((f) => readFileSync(join(out, f), 'utf8'));

/** Starts a calibration and kills it (SIGKILL) once it has reported `rounds` rounds; resolves with how it ended. */
function killAfter(out: string, rounds: number): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, 'calibrate', BASELINE, ...small, '--out', out, '--workers', '2'], { cwd: ROOT, env: { ...process.env, GPU_MARKET_DEBUG: '' } });
    let seen = 0;
    let buffered = '';
    child.stderr.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      seen += lines.filter((l) => l.startsWith('generation ')).length;
      if (seen >= rounds) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve(signal));
  });
}

describe('gpu-market calibrate', () => {
  const whole = join(dir, 'whole');
  let wholeStderr = '';
  it('writes the posterior, the calibrated scenario and the calibration record', () => {
    const r = calibrate(whole, '--workers', '1', '--quiet');
    expect(r.status).toBe(0);
    // Sixteen particles are few: the warning that the posterior rests on too few of them is expected, and nothing else.
    expect(r.stderr).toMatch(
      /^gpu-market: warning: the posterior rests on an effective [\d.]+ of 16 particles, too few for its intervals to be trusted; calibrate fewer inputs \(--params\) or use more --particles\n$/,
    );
    wholeStderr = r.stderr;
    expect(r.stdout).toContain('Calibrated 2 inputs on');
    const [posterior, yaml, json] = files(whole);
    expect(posterior.split('\n')[0]).toBe('vendor.outputScale,market.hype.halfLifeMonths,weight');
    expect(posterior.trim().split('\n')).toHaveLength(17);
    const doc = JSON.parse(json);
    expect(doc.format).toBe('gpu-market-calibration/1');
    expect(doc.generations[0].tolerance).toBeNull();
    expect(doc.runs).toBeLessThanOrEqual(400);
    // The US rows of the file do not apply to the Chinese baseline, and are listed as skipped.
    expect(doc.observed.skipped.length).toBeGreaterThan(0);
    expect(doc.points.map((p: { metric: string }) => p.metric)).toContain('grossMargin');
    expect(yaml).toMatch(/^# Calibrated by: gpu-market calibrate scenarios\/baseline.yaml/);
    expect(yaml).toContain('# Calibrated: prior lognormal median 1, σ 0.3;');
    expect(existsSync(join(whole, 'calibration-checkpoint.json'))).toBe(false);
  });

  it('writes the calibrated scenario of a file that extends another whole, so that it stands on its own wherever it is copied', () => {
    const child = join(dir, 'child.yaml');
    writeFileSync(child, `extends: ${JSON.stringify(join(ROOT, BASELINE))}\nname: A delta of the baseline\nvendor: { shippingMonths: 3 }\n`);
    const out = join(dir, 'child-calibration');
    const r = cli(['calibrate', child, ...small, '--out', out, '--workers', '1', '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const yaml = readFileSync(join(out, 'calibrated.yaml'), 'utf8');
    expect(yaml).not.toMatch(/^extends:/m);
    expect(yaml).toContain('name: "A delta of the baseline (calibrated)"');
    expect(yaml).toContain('# Calibrated: prior lognormal median 1, σ 0.3;');
    const moved = join(dir, 'elsewhere');
    mkdirSync(moved, { recursive: true });
    writeFileSync(join(moved, 'calibrated.yaml'), yaml);
    const v = cli(['validate', join(moved, 'calibrated.yaml'), '--resolved']);
    expect(v.status, v.stderr).toBe(0);
    expect(v.stdout).toMatch(/shippingMonths: 3\b/);
  });

  it('records the posterior predictive bands of every observed metric, to a year after the last observed month', () => {
    const doc = JSON.parse(files(whole)[2]);
    const p = doc.predictive;
    expect(p.runs).toBe(200);
    expect(p.currency).toBe('CNY');
    expect(p.failedRuns).toBe(0);
    const metrics = [...new Set(doc.points.map((x: { metric: string }) => x.metric))];
    expect(p.series.map((x: { metric: string }) => x.metric)).toEqual(metrics);
    // The last Chinese point is the H100 contract range of 2024-01.
    const last = doc.points
      .map((x: { month: string }) => x.month)
      .sort()
      .at(-1);
    expect(last).toBe('2024-01');
    for (const x of p.series) {
      expect(x.months[0]).toBe('2023-01');
      expect(x.months.at(-1)).toBe('2025-01');
      for (const q of ['p5', 'p25', 'p50', 'p75', 'p95']) expect(x[q]).toHaveLength(x.months.length);
      x.months.forEach((_: string, t: number) => {
        expect(x.p5[t]).toBeLessThanOrEqual(x.p25[t]);
        expect(x.p25[t]).toBeLessThanOrEqual(x.p50[t]);
        expect(x.p50[t]).toBeLessThanOrEqual(x.p75[t]);
        expect(x.p75[t]).toBeLessThanOrEqual(x.p95[t]);
      });
    }
    // Intervals and bounds keep their ends, for the report to draw them as such.
    const range = doc.points.find((x: { low: number | null; high: number | null }) => x.low !== null && x.high !== null);
    expect(range).toMatchObject({ month: '2024-01', value: null });
    expect(range.low).toBeLessThan(range.high);
  });

  it('writes a scenario that validates and a posterior a batch can resample', () => {
    expect(cli(['validate', join(whole, 'calibrated.yaml')]).status).toBe(0);
    const r = cli(['batch', BASELINE, '--design', `table=${join(whole, 'posterior.csv')},resample`, '--runs', '30', '--workers', '1', '--out', join(dir, 'resampled'), '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('30 of 30');
  });

  it('gives the same files for any number of workers', () => {
    const two = join(dir, 'two');
    const r = calibrate(two, '--workers', '2', '--quiet');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(wholeStderr);
    expect(files(two)).toEqual(files(whole));
    // The predictive batch too, which runs after the posterior is final.
    expect(JSON.parse(files(two)[2]).predictive).toEqual(JSON.parse(files(whole)[2]).predictive);
  });

  it('resumed after a kill, ends byte for byte as the uninterrupted calibration', async () => {
    const killed = join(dir, 'killed');
    expect(await killAfter(killed, 3)).toBe('SIGKILL');
    expect(existsSync(join(killed, 'calibration-checkpoint.json'))).toBe(true);
    const again = calibrate(killed, '--workers', '1', '--quiet');
    expectBadInput(again, 'holds an unfinished calibration', '--resume');
    const r = calibrate(killed, '--workers', '1', '--quiet', '--resume');
    expect(r.stderr).toBe(wholeStderr);
    expect(r.status).toBe(0);
    expect(files(killed)).toEqual(files(whole));
  });

  it('refuses to resume a checkpoint of other settings, or a damaged one', async () => {
    const other = join(dir, 'other');
    expect(await killAfter(other, 2)).toBe('SIGKILL');
    expectBadInput(cli(['calibrate', BASELINE, ...small, '--out', other, '--seed', '4', '--resume']), 'another scenario, observed data or options');
    const checkpoint = join(other, 'calibration-checkpoint.json');
    writeFileSync(
      checkpoint,
      readFileSync(checkpoint, 'utf8').replace(/"runs":(\d+)/, (_, n: string) => `"runs":${Number(n) + 1}`),
    );
    expectBadInput(cli(['calibrate', BASELINE, ...small, '--out', other, '--resume']), 'damaged');
  });

  it('refuses bad input with one line and exit code 2', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'date,region,gpu,metric,kind,value,low,high,unit,source\n2023-08,CN,A100,rent,spot,,20,10,CNY per GPU-hour,x\n');
    expectBadInput(cli(['calibrate', BASELINE, '--observed', bad, '--out', join(dir, 'x')]), `${bad}:2:`);
    // A simple file's rows, which a report would list as skipped, must be inside the scenario to be fitted.
    const simple = join(dir, 'simple.csv');
    writeFileSync(simple, 'date,metric,value\n2019-01,spotRent,20\n');
    expectBadInput(cli(['calibrate', BASELINE, '--observed', simple, '--out', join(dir, 'x')]), `${simple}:2: date: expected a month of the scenario, 2023-01 to 2030-12`);
    writeFileSync(simple, 'date,metric,value\n2023-05,spotRent_B200,20\n');
    expectBadInput(cli(['calibrate', BASELINE, '--observed', simple, '--out', join(dir, 'x')]), `${simple}:2: metric: expected a metric of the scenario's runs`);
    expectBadInput(cli(['calibrate', BASELINE, '--observed', OBSERVED, '--params', 'vendor.nope', '--out', join(dir, 'x')]), '--params', 'vendor.nope');
    expectBadInput(cli(['calibrate', BASELINE, '--observed', OBSERVED, '--until', '2022-01', '--out', join(dir, 'x')]), '--until', 'outside');
    expectBadInput(cli(['calibrate', BASELINE, '--observed', OBSERVED, '--budget', '10', '--out', join(dir, 'x')]), '--budget', 'one generation');
    expectBadInput(cli(['calibrate', BASELINE, '--observed', OBSERVED, '--quantile', '1.5', '--out', join(dir, 'x')]), '--quantile');
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });
});

describe('gpu-market backtest', () => {
  const out = join(dir, 'backtest');
  const backtest = (...extra: string[]) => cli(['backtest', BASELINE, ...small, '--cutoff', '2023-12', '--runs', '40', '--workers', '2', '--out', out, '--quiet', ...extra]);

  it('calibrates up to the cutoff, scores the later points against the posterior and the prior, and reuses a finished cutoff', () => {
    const r = backtest();
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('2023-12  posterior');
    expect(r.stdout).toContain('2023-12  prior');
    const doc = JSON.parse(readFileSync(join(out, 'backtest.json'), 'utf8'));
    const cutoff = doc.cutoffs[0];
    expect(cutoff.cutoff).toBe('2023-12');
    // The Chinese points after 2023 are the one H100 contract range of January 2024.
    expect(cutoff.scored).toBe(1);
    expect(cutoff.points.map((p: { forecast: string; month: string }) => `${p.forecast} ${p.month}`)).toEqual(['posterior 2024-01', 'prior 2024-01']);
    expect(cutoff.posterior.pitHistogram.reduce((a: number, b: number) => a + b, 0)).toBe(1);
    const calibration = JSON.parse(readFileSync(join(out, 'cutoff-2023-12', 'calibration.json'), 'utf8'));
    expect(calibration.observed.until).toBe('2023-12');
    expect(calibration.points.every((p: { month: string }) => p.month <= '2023-12')).toBe(true);
    // The forecast fans: the prior's once, each cutoff's posterior's, of the metrics scored, to a year after the last observed month.
    expect(doc.currency).toBe('CNY');
    expect(doc.priorSeries.map((x: { metric: string }) => x.metric)).toEqual(['contractRentCcyPerGpuHour_H100']);
    expect(cutoff.posteriorSeries.map((x: { metric: string }) => x.metric)).toEqual(['contractRentCcyPerGpuHour_H100']);
    for (const x of [doc.priorSeries[0], cutoff.posteriorSeries[0]]) {
      expect([x.months[0], x.months.at(-1), x.p50.length]).toEqual(['2023-01', '2025-01', 25]);
    }
    expect(cutoff.points[0]).toMatchObject({ value: null, low: 20.5479452055, high: 30.8219178082 });
    const csv = readFileSync(join(out, 'backtest.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('cutoff,line,month,metric,observed,forecast,p5,p25,p50,p75,p95,scoredAt,inside90,inside50,crps,scaledCrps,pit');
    // Resumed, a finished cutoff is taken as it is, and the scores are the same.
    const again = backtest('--resume');
    expect(again.status).toBe(0);
    expect(readFileSync(join(out, 'backtest.csv'), 'utf8')).toBe(csv);
  });

  it('writes the same backtest.json with one worker', () => {
    const one = join(dir, 'backtest-one');
    const r = cli(['backtest', BASELINE, ...small, '--cutoff', '2023-12', '--runs', '40', '--workers', '1', '--out', one, '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(one, 'backtest.json'), 'utf8')).toBe(readFileSync(join(out, 'backtest.json'), 'utf8'));
  });

  it('refuses a cutoff with nothing after it to score', () => {
    expectBadInput(cli(['backtest', BASELINE, '--observed', OBSERVED, '--cutoff', '2024-06', '--out', join(dir, 'y')]), '--cutoff 2024-06', 'after it');
    expectBadInput(cli(['backtest', BASELINE, '--observed', OBSERVED, '--cutoff', '2023-13', '--out', join(dir, 'y')]), '--cutoff');
  });
});

describe('gpu-market report with --calibration and --backtest', () => {
  const batch = join(dir, 'small-batch');
  const EVIL = '<script>alert("x")</script>';

  it('adds the calibration and backtest tables and charts, each chart with its SVG and CSV files, every string escaped', () => {
    expect(cli(['batch', BASELINE, '--set', 'end=2024-12', '--runs', '16', '--workers', '2', '--quiet', '--out', batch]).status).toBe(0);
    // A calibration.json whose strings are hostile, an input path and a metric among them: the page must show them as text.
    const hostile = JSON.parse(readFileSync(join(dir, 'whole', 'calibration.json'), 'utf8'));
    const path = hostile.inputs[0].path;
    hostile.scenario.name = EVIL;
    hostile.inputs[0].priorText = EVIL;
    hostile.inputs[0].path = EVIL;
    const metric = hostile.points[0].metric;
    for (const x of [...hostile.points, ...hostile.predictive.series]) if (x.metric === metric) x.metric = EVIL;
    const evil = join(dir, 'evil');
    mkdirSync(evil, { recursive: true });
    writeFileSync(join(evil, 'calibration.json'), JSON.stringify(hostile));
    const posterior = readFileSync(join(dir, 'whole', 'posterior.csv'), 'utf8');
    writeFileSync(join(evil, 'posterior.csv'), posterior.replace(path, `"${EVIL.replace(/"/g, '""')}"`));
    // A file written before the predictive bands, with no posterior.csv beside it: read, its charts left out with a note.
    const { predictive: _, ...old } = JSON.parse(readFileSync(join(dir, 'whole', 'calibration.json'), 'utf8'));
    const oldFile = join(dir, 'old-calibration.json');
    writeFileSync(oldFile, JSON.stringify(old));
    const out = join(dir, 'report');
    const r = cli(['report', batch, '--out', out, '--calibration', join(dir, 'whole'), '--calibration', evil, '--calibration', oldFile, '--backtest', join(dir, 'backtest')]);
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('<h2 id="calibration">Calibration</h2>');
    expect(html).toContain('<h2 id="backtest">Backtest</h2>');
    expect(html).toContain('vendor.<wbr>outputScale');
    expect(html).toContain('2023-12</td><td>posterior');
    expect(html).not.toContain(EVIL);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    const charts = [...[1, 2].flatMap((n) => ['marginals', 'pairs', 'tolerance', 'fan-1', 'fan-2'].map((c) => `calibration-${n}-${c}`)), 'calibration-3-tolerance', 'backtest-1-2023-12-1'];
    for (const name of charts) {
      expect(html, name).toContain(`<div class="chart-box" id="chart-${name}"`);
      expect(html, name).toContain(`<script type="application/json" data-chart="${name}">`);
      const svg = readFileSync(join(out, 'charts', `${name}.svg`), 'utf8');
      expect(svg.startsWith('<svg'), name).toBe(true);
      expect(svg, name).not.toContain('<script');
      expect(readFileSync(join(out, 'data', `${name}.csv`), 'utf8').length, name).toBeGreaterThan(20);
    }
    expect(existsSync(join(out, 'charts', 'calibration-3-marginals.svg'))).toBe(false);
    expect(existsSync(join(out, 'charts', 'calibration-3-fan-1.svg'))).toBe(false);
    expect(html).toContain('There is no posterior.csv beside this calibration.json');
    expect(html).toContain('run gpu-market calibrate again to draw the predictive fans');
    // The H100 contract range is drawn as a range, with its two ends.
    const fan = readFileSync(join(out, 'data', 'backtest-1-2023-12-1.csv'), 'utf8');
    expect(fan.split('\n')[0]).toBe('kind,series,month,p5,p25,p50,p75,p95,value,low,high,source');
    expect(fan).toMatch(/\nrange,observed,2024-01,,,,,,,20\.5479452055,30\.8219178082,line 11: /);
    expect(fan).toContain('\ncutoff,cutoff 2023-12,2023-12,');
    expect(fan).toContain('\nreference,prior median,2023-01,');
  });

  it('refuses a malformed calibration.json with one line and exit 2, and writes nothing', () => {
    const bad = join(dir, 'bad-calibration.json');
    writeFileSync(bad, JSON.stringify({ format: 'gpu-market-calibration/1' }));
    const out = join(dir, 'report-bad');
    expectBadInput(cli(['report', batch, '--out', out, '--calibration', bad]), bad);
    expect(existsSync(out)).toBe(false);
  });
});
