import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASELINE, baselineText, cli, edit, expectBadInput, positionOf, tempDirForFile, tempLeftovers } from './helpers.js';

interface BadCase {
  /** What is wrong, as the test name says it. */
  what: string;
  /** The scenario text, written to `<what>.yaml` in the temp dir; omitted to use the baseline file. */
  text?: () => string;
  /** Arguments after `run <scenario> --out <dir>`. */
  args?: string[];
  /** Fragments of the one stderr line; `{file}` stands for the scenario path given. */
  expected: (file: string) => (string | RegExp)[];
}

const base = baselineText;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `file:line:col: path: ` where `value` (found after `before`) is in the edited text. */
const at = (text: () => string, before: string, value: string, path: string) => (file: string) => [`${file}:${positionOf(text(), before + value, before.length)}: ${path}: `];

const brokenYaml = () => edit(base(), 'hype: { initial: 1.0, floor: 0.15, halfLifeMonths: 15 }', 'hype: { initial: 1.0, floor: 0.15, halfLifeMonths: 15');
const unknownKey = () => edit(base(), '  outputScale: 1\n', '  outputScale: 1\n  outputScael: 2\n');
const wrongType = () => edit(base(), 'hoursPerMonth: 730', 'hoursPerMonth: lots');
const negativeCapacity = () => edit(base(), '    outputGpusPerMonth: 2000\n', '    outputGpusPerMonth: -5\n');
const probabilityAboveOne = () => edit(base(), 'baseMonthlyProbability: 0.012', 'baseMonthlyProbability: 1.5');
const endBeforeStart = () => edit(base(), 'end: 2030-12', 'end: 2022-12');

/** A few lines of aliases to aliases that would unfold into 9^7 strings. */
const billionLaughs = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`)].join('\n') + '\n';

const CASES: BadCase[] = [
  { what: 'missing file', expected: (file) => [`${file}: cannot read file: no such file`] },
  { what: 'broken YAML', text: brokenYaml, expected: (file) => [new RegExp(`^${escapeRegExp(file)}:\\d+:\\d+: invalid YAML: `)] },
  { what: 'unknown key', text: unknownKey, expected: at(unknownKey, '', 'outputScael: 2', 'vendor.outputScael') },
  { what: 'wrong type', text: wrongType, expected: at(wrongType, 'hoursPerMonth: ', 'lots', 'hoursPerMonth') },
  { what: 'negative capacity', text: negativeCapacity, expected: at(negativeCapacity, 'outputGpusPerMonth: ', '-5', 'generations[0].outputGpusPerMonth') },
  { what: 'probability above 1', text: probabilityAboveOne, expected: at(probabilityAboveOne, 'baseMonthlyProbability: ', '1.5', 'entrants.baseMonthlyProbability') },
  { what: 'end before start', text: endBeforeStart, expected: at(endBeforeStart, 'end: ', '2022-12', 'end') },
  { what: 'bad --set path', text: base, args: ['--set', 'vendor.outputScael=0'], expected: () => ['--set vendor.outputScael=0: vendor.outputScael: '] },
  { what: 'bad --set value', text: base, args: ['--set', 'vendor.outputScale=-1'], expected: () => ['--set vendor.outputScale=-1: vendor.outputScale: '] },
  { what: 'bad --seed', text: base, args: ['--seed', 'abc'], expected: () => ['gpu-market: --seed: ', '"abc"'] },
  { what: 'negative --seed', text: base, args: ['--seed', '-1'], expected: () => ['gpu-market: --seed: ', '"-1"'] },
  { what: 'bad --months', text: base, args: ['--months', '0'], expected: () => ['gpu-market: --months: ', '"0"'] },
  { what: 'too many --months', text: base, args: ['--months', '700'], expected: () => ['--months 700: end: '] },
  { what: 'bad --format', text: base, args: ['--format', 'xml'], expected: () => ['gpu-market: --format: expected csv or json, found "xml"'] },
  { what: 'unknown option', text: base, args: ['--sed', '7'], expected: () => ["gpu-market: unknown option '--sed'"] },
  { what: 'option without its value', text: base, args: ['--seed'], expected: () => ['gpu-market: ', '--seed'] },
  // Values beyond any real market are refused by the schema, naming the field and its bound.
  {
    what: 'an output scale beyond any market',
    text: base,
    args: ['--months', '12', '--set', 'vendor.outputScale=1e308'],
    expected: () => ['--set vendor.outputScale=1e308: vendor.outputScale: expected a number ≤ 1000, found 1e+308'],
  },
  {
    what: 'a hype index beyond any market',
    text: base,
    args: ['--months', '12', '--set', 'market.hype.initial=1e308'],
    expected: () => ['--set market.hype.initial=1e308: market.hype.initial: expected a number ≤ 1000, found 1e+308'],
  },
  {
    what: 'a rent beyond any market',
    text: base,
    args: ['--months', '12', '--set', 'market.initialRentCcyPerRefGpuHour=1e308'],
    expected: () => ['market.initialRentCcyPerRefGpuHour: expected a number ≤ 100000, found 1e+308'],
  },
  // A value inside its range that the model still cannot hold (a performance ratio of the smallest
  // positive number makes rents per unit of performance infinite): a clear line naming the file, the
  // month and the quantity, where such values used to hang the run or end in an internal error.
  {
    what: 'a performance ratio too small for the model',
    text: base,
    args: ['--months', '12', '--set', 'generations[0].perfRatio=5e-324'],
    expected: (file) => [`gpu-market: ${file}: in 2023-01, spotRentCcyPerRefGpuHour became infinite: an input is too large or too small for the model`],
  },
  { what: 'an entrant pool too large', text: base, args: ['--set', 'entrants.poolSize=1000000000000'], expected: () => ['entrants.poolSize: expected an integer ≤ 100000'] },
  { what: 'billion laughs', text: () => billionLaughs, expected: (file) => [`${file}:2:8: too many aliases: `] },
  {
    what: 'lists nested too deeply',
    text: () => `name: ${'['.repeat(70)}${']'.repeat(70)}\n`,
    expected: (file) => [`${file}:1:70: nested too deeply: a scenario or thesis file may nest mappings and lists at most 64 deep`],
  },
  // Deep enough to overflow the YAML parser's own stack.
  { what: 'lists nested far too deeply', text: () => `name: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, expected: (file) => [new RegExp(`^${escapeRegExp(file)}:1:\\d+: nested too deeply: `)] },
  // Refused by its size before it is parsed: a file this large would cost seconds and memory to parse.
  {
    what: 'a file too large',
    text: () => `name: big\n# ${'x'.repeat(4 * 1024 * 1024)}\n`,
    expected: (file) => [`${file}: too large: 4,194,317 bytes, where a scenario or thesis file may have at most 4,194,304 bytes (4 MB)`],
  },
];

describe('gpu-market run refuses bad input', () => {
  const tmp = tempDirForFile('bad');
  const fileFor = (c: BadCase) => (c.text ? join(tmp, `${c.what.replace(/\W+/g, '-')}.yaml`) : join(tmp, 'no-such-scenario.yaml'));

  beforeAll(() => {
    for (const c of CASES) if (c.text) writeFileSync(fileFor(c), c.text());
  });

  it.each(CASES)('$what: exit 2, one line naming the problem, no output dir', (c) => {
    const file = fileFor(c);
    const out = join(tmp, `out-${c.what.replace(/\W+/g, '-')}`);
    const r = cli(['run', file, '--out', out, ...(c.args ?? [])]);
    expectBadInput(r, ...c.expected(file));
    expect(existsSync(out), 'no output dir').toBe(false);
    expect(tempLeftovers(tmp)).toEqual([]);
  });

  it('leaves a pre-existing out dir and its files untouched', () => {
    const out = join(tmp, 'existing');
    mkdirSync(out);
    writeFileSync(join(out, 'metrics.csv'), 'from an earlier run\n');
    expectBadInput(cli(['run', join(tmp, 'negative-capacity.yaml'), '--out', out]), 'generations[0].outputGpusPerMonth');
    expectBadInput(cli(['run', BASELINE, '--format', 'xml', '--out', out]), '--format');
    expect(readdirSync(out)).toEqual(['metrics.csv']);
    expect(readFileSync(join(out, 'metrics.csv'), 'utf8')).toBe('from an earlier run\n');
    expect(tempLeftovers(tmp)).toEqual([]);
  });
});

describe('gpu-market command-line usage errors', () => {
  it('exit 2 with one line for a missing command, after the list of commands on stdout', () => {
    const r = cli([]);
    expectBadInput({ ...r, stdout: '' }, 'gpu-market: missing command');
    expect(r.stdout).toMatch(/^Usage: gpu-market <command> \[options\]\n\nCommands:\n/);
    for (const name of ['run', 'batch', 'report', 'validate']) expect(r.stdout).toMatch(new RegExp(`^  ${name} +\\w`, 'm'));
  });

  it('exit 2 with one line for --out -, which would mean standard output', () => {
    expectBadInput(cli(['run', BASELINE, '--out', '-']), 'gpu-market: --out: expected a folder path, found "-"', 'standard output');
  });

  it('exit 2 with one line for an unknown command', () => {
    expectBadInput(cli(['frobnicate']), "gpu-market: unknown command 'frobnicate'");
  });

  it('exit 2 with one line for a missing scenario argument', () => {
    expectBadInput(cli(['run']), "gpu-market: missing required argument 'scenario'");
  });

  it('exit 2 with one line for an extra argument', () => {
    expectBadInput(cli(['run', BASELINE, 'extra']), 'gpu-market: too many arguments');
  });

  it('help is not an error', () => {
    const r = cli(['run', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: gpu-market run [options] <scenario>');
    expect(r.stderr).toBe('');
  });
});

describe('gpu-market run when the output cannot be written', () => {
  const tmp = tempDirForFile('unwritable');

  it('exits 2 with one line before running, and leaves the file in the way untouched', () => {
    const blocker = join(tmp, 'file');
    writeFileSync(blocker, 'not a folder\n');
    const r = cli(['run', BASELINE, '--months', '12', '--out', join(blocker, 'run')]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^gpu-market: output folder .*file\/run: .*file is a file, not a folder \(choose another with --out\)\n$/);
    expect(readFileSync(blocker, 'utf8')).toBe('not a folder\n');
    expect(readdirSync(tmp)).toEqual(['file']);
  });
});
