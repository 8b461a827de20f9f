/**
 * `--unit GEN` on batch, report, thesis and run: rents per GPU-hour of one generation of the
 * scenario. Where the model prices the generation on its own the numbers are its own index, not
 * the market-wide index times its perfRatio; what the model keeps per ref-GPU-hour only is
 * converted and said to be; a name the scenario lacks is refused before anything is written; and
 * without --unit, or in what the batch computed, nothing changes.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/format/parseCsv.js';
import { money } from '../../src/report/format.js';
import type { BatchSummary } from '../../src/report/batchData.js';
import { cli, expectBadInput, ROOT, tempDirForFile, type CliResult } from './helpers.js';

const US = join(ROOT, 'scenarios/us-h100-2023.yaml');
const SMALL = ['--runs', '16', '--workers', '2', '--quiet'];
const GENERATIONS = 'A100, H100, B200';

/** A thesis on the H100's rents and the market's, with a claim that reads no rent. */
const THESIS = `name: H100 rents
claims:
  - name: rent-halves
    expr: spotRent@2025-06 < 0.5 * spotRent@2023-09
    require: 0.5
  - name: h100-above-cost
    expr: spotRent_H100@2025-06 > 3 * fullCost@2025-06 and peakRent > 2
    require: 0.5
  - name: irr
    expr: probe.irr > 0.15
    require: 0.5
`;

const verdictOf = (stdout: string): string => /^Verdict\n(( {2}- .*\n)+)/m.exec(stdout)![1];
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** A CSV file's rows as records of their header's names. */
function csvRecords(path: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  return rows.map((r) => Object.fromEntries(header.cells.map((name, i) => [name, r.cells[i]])));
}

describe('--unit GEN', () => {
  const tmp = tempDirForFile('unit');
  const plainBatch = join(tmp, 'plain-batch');
  const unitBatch = join(tmp, 'h100-batch');
  const thesisFile = join(tmp, 'thesis.yaml');
  let plain: CliResult;
  let inUnit: CliResult;

  beforeAll(() => {
    writeFileSync(thesisFile, THESIS);
    plain = cli(['batch', US, ...SMALL, '--out', plainBatch]);
    expect(plain.status, plain.stderr).toBe(0);
    // From the temporary folder, so that --report writes its reports/ there.
    inUnit = cli(['batch', US, ...SMALL, '--unit', 'h100', '--report', '--out', unitBatch], { cwd: tmp });
    expect(inUnit.status, inUnit.stderr).toBe(0);
  });

  it('refuses a generation the scenario lacks on each command: one line naming the option and the generations, exit 2, nothing written', () => {
    const out = (name: string) => join(tmp, `refused-${name}`);
    const refused: [string, CliResult][] = [
      ['batch', cli(['batch', US, ...SMALL, '--unit', 'V100', '--out', out('batch')])],
      ['run', cli(['run', US, '--unit', 'V100', '--out', out('run')])],
      ['thesis', cli(['thesis', US, thesisFile, ...SMALL, '--unit', 'V100', '--out', out('thesis')])],
      ['report', cli(['report', plainBatch, '--unit', 'V100', '--out', out('report')])],
    ];
    for (const [name, r] of refused) {
      expectBadInput(r, `--unit: expected one of the scenario's generations (${GENERATIONS}), found "V100"`);
      expect(existsSync(out(name)), name).toBe(false);
    }
  });

  it('writes the same summary.json with or without it: the unit is how rents are shown, not what the batch computed', () => {
    expect(readFileSync(join(unitBatch, 'summary.json'), 'utf8')).toBe(readFileSync(join(plainBatch, 'summary.json'), 'utf8'));
  });

  it('prints the verdict in H100-hours: the peak of the H100’s own spot index in summary.json, not the market-wide index times its perfRatio', () => {
    const s = readJson<BatchSummary>(join(unitBatch, 'summary.json'));
    expect(inUnit.stdout).toContain("Rents     USD per H100-hour: the H100's own spot and contract indices; costs converted at its perfRatio of 3\n");
    const verdict = verdictOf(inUnit.stdout);
    const [, month, peak] = /The H100 spot rent peaks in (\d{4}-\d\d) at ([\d.]+) USD per H100-hour/.exec(verdict)!;
    const own = s.metrics.spotRentCcyPerGpuHour_H100.p50;
    const t = s.months.indexOf(month);
    expect(peak).toBe(money(own[t]!));
    expect(Math.max(...own.map(Number))).toBe(own[t]);
    // The conversion would give another number: the H100 is not priced at three A100s.
    expect(peak).not.toBe(money(3 * s.metrics.spotRentCcyPerRefGpuHour.p50[t]!));
    expect(verdict).toContain("summary.json's spotRentCcyPerGpuHour_H100");
    expect(verdict).not.toContain('ref-GPU-hour');
    // The probe's answer is the same number as without the unit.
    const probe = (text: string) => /clears its 15 % hurdle with probability [\d.]+/.exec(text)![0];
    expect(probe(verdict)).toBe(probe(verdictOf(plain.stdout)));
    expect(probe(verdict)).toBe(`clears its 15 % hurdle with probability ${s.probeIrrAboveHurdle!.toFixed(2)}`);
  });

  it('draws the rent charts from the H100’s own indices, with the costs converted at its perfRatio and labelled so', () => {
    const s = readJson<BatchSummary>(join(unitBatch, 'summary.json'));
    const report = join(tmp, 'reports', 'h100');
    for (const [which, metric] of [
      ['spot', 'spotRentCcyPerGpuHour_H100'],
      ['contract', 'contractRentCcyPerGpuHour_H100'],
    ] as const) {
      const rows = csvRecords(join(report, 'data', `${which}-rent.csv`));
      const band = rows.filter((r) => r.kind === 'band');
      expect(new Set(band.map((r) => r.series))).toEqual(new Set([metric]));
      band.forEach((r, t) => expect(Number(r.p50)).toBeCloseTo(s.metrics[metric].p50[t]!, 6));
      const cash = rows.filter((r) => r.series === 'cash cost (median, converted)');
      expect(cash).toHaveLength(s.months.length);
      cash.forEach((r, t) => expect(Number(r.value)).toBeCloseTo(3 * s.metrics.cashCostCcyPerRefGpuHour.p50[t]!, 6));
    }
    const html = readFileSync(join(report, 'index.html'), 'utf8');
    expect(html).toContain('data-rent-unit="H100"');
    expect(html).toContain('spot rent (USD per H100-hour)');
    expect(html).toContain('median (USD per H100-hour)');
    expect(html).toContain('converted: multiplied by the H100&#39;s perfRatio of 3');
    // The copy of summary.json beside the report is the batch's, byte for byte.
    expect(readFileSync(join(report, 'summary.json'), 'utf8')).toBe(readFileSync(join(unitBatch, 'summary.json'), 'utf8'));
  });

  it('report --unit reads the perfRatio from the batch folder and prints what batch --unit --report printed; without it, ref-GPU-hours as before', () => {
    const r = cli(['report', plainBatch, '--unit', 'H100', '--out', join(tmp, 'report-h100')]);
    expect(r.status, r.stderr).toBe(0);
    expect(verdictOf(r.stdout)).toBe(verdictOf(inUnit.stdout));
    expect(r.stdout).toContain('Rents     USD per H100-hour');
    const p = cli(['report', plainBatch, '--out', join(tmp, 'report-plain')]);
    expect(p.status, p.stderr).toBe(0);
    expect(verdictOf(p.stdout)).toBe(verdictOf(plain.stdout));
    expect(p.stdout).not.toContain('H100-hour');
    const html = readFileSync(join(tmp, 'report-plain', 'index.html'), 'utf8');
    expect(html).not.toContain('H100-hour');
    expect(html).not.toContain('unit-note');
    expect(readFileSync(join(tmp, 'report-plain', 'data', 'spot-rent.csv'), 'utf8')).toMatch(/^band,spotRentCcyPerRefGpuHour,/m);
  });

  it('run --unit gives the peak of the H100’s own spot index, as metrics.csv has it, and the probe table per H100-hour', () => {
    const r = cli(['run', US, '--unit', 'H100', '--out', join(tmp, 'run')]);
    expect(r.status, r.stderr).toBe(0);
    const rows = csvRecords(join(tmp, 'run', 'metrics.csv'));
    const own = rows.map((row) => Number(row.spotRentCcyPerGpuHour_H100));
    const peak = own.indexOf(Math.max(...own));
    expect(r.stdout).toMatch(new RegExp(`^Peak H100 spot rent +${Math.max(...own).toFixed(2)} USD/H100-hour \\([\\d,]+ USD per 8x H100 server-month\\) in ${rows[peak].month}$`, 'm'));
    expect(r.stdout).toMatch(/^Rents +USD per H100-hour: the H100's own spot index$/m);
    expect(r.stdout).not.toContain('ref-GPU-hour');
    expect(r.stdout).toContain('(USD per H100-hour; money in USD)');
    // Another generation than the probe's: the probe's own hours converted, and said to be.
    const b = cli(['run', US, '--unit', 'B200', '--out', join(tmp, 'run-b200')]);
    expect(b.status, b.stderr).toBe(0);
    expect(b.stdout).toContain("(USD per B200-hour, converted from the probe's H100-hours at the perfRatios, 2 H100-hours to the B200-hour; money in USD)");
    // The files keep the model's units.
    expect(readFileSync(join(tmp, 'run-b200', 'metrics.csv'), 'utf8')).toBe(readFileSync(join(tmp, 'run', 'metrics.csv'), 'utf8'));
  });

  it('thesis --unit keeps each claim’s meaning and verdict, and shows the rents the claims read in the unit, recorded in thesis.json', () => {
    const a = cli(['thesis', US, thesisFile, ...SMALL, '--out', join(tmp, 'thesis-plain')]);
    const b = cli(['thesis', US, thesisFile, ...SMALL, '--unit', 'H100', '--out', join(tmp, 'thesis-h100')]);
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    const plainJson = readJson<Record<string, unknown>>(join(tmp, 'thesis-plain', 'thesis.json'));
    const { rentUnit, ...rest } = readJson<Record<string, unknown> & { rentUnit: { unit: string; rents: { variable: string; shown: string; p50: number }[] } }>(
      join(tmp, 'thesis-h100', 'thesis.json'),
    );
    expect(plainJson).not.toHaveProperty('rentUnit');
    expect(rest).toEqual(plainJson);
    expect(b.stdout.startsWith(a.stdout.slice(0, a.stdout.indexOf('\nwrote ')))).toBe(true);
    expect(rentUnit.unit).toBe('USD per H100-hour');
    const byName = Object.fromEntries(rentUnit.rents.map((x) => [x.variable, x]));
    expect(Object.keys(byName)).toEqual([
      'spotRentCcyPerRefGpuHour@2025-06',
      'spotRentCcyPerRefGpuHour@2023-09',
      'spotRentCcyPerGpuHour_H100@2025-06',
      'fullCostCcyPerRefGpuHour@2025-06',
      'peakRentCcyPerRefGpuHour',
    ]);
    // The market-wide index in a month is shown as the H100's own index in that month, the very number of the claim that reads it.
    expect(byName['spotRentCcyPerRefGpuHour@2025-06'].shown).toBe("the H100's own spot index in 2025-06 (spotRentCcyPerGpuHour_H100)");
    expect(byName['spotRentCcyPerRefGpuHour@2025-06'].p50).toBe(byName['spotRentCcyPerGpuHour_H100@2025-06'].p50);
    expect(byName['fullCostCcyPerRefGpuHour@2025-06'].shown).toBe("converted from per ref-GPU-hour at the H100's perfRatio, ×3");
    expect(b.stdout).toContain('Rents the claims read, in USD per H100-hour (median, P5–P95 over runs)');
  });
});
