import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeRun } from '../../src/files/writeFiles.js';
import { tempLeftovers, useTempDir } from '../cli/run/helpers.js';

const files = [
  { name: 'metrics.csv', content: 'month\n2023-01\n' },
  { name: 'outcomes.json', content: '{}\n' },
  { name: 'scenario.resolved.json', content: '{"name":"x"}\n' },
];

describe('writeRun', () => {
  const tmp = useTempDir();

  it('writes every file into the out dir and returns their paths', () => {
    const out = join(tmp(), 'run');
    expect(writeRun(out, files)).toEqual(files.map((f) => join(out, f.name)));
    for (const f of files) expect(readFileSync(join(out, f.name), 'utf8')).toBe(f.content);
  });

  it('leaves no temporary folder behind', () => {
    writeRun(join(tmp(), 'run'), files);
    expect(readdirSync(tmp())).toEqual(['run']);
  });

  it('creates missing parent folders', () => {
    const out = join(tmp(), 'a', 'b', 'run');
    writeRun(out, files);
    expect(readdirSync(out).sort()).toEqual(files.map((f) => f.name).sort());
  });

  it('replaces files of the same name and keeps other files in the out dir', () => {
    const out = join(tmp(), 'run');
    mkdirSync(out);
    writeFileSync(join(out, 'metrics.csv'), 'old\n');
    writeFileSync(join(out, 'notes.txt'), 'mine\n');
    writeRun(out, files);
    expect(readFileSync(join(out, 'metrics.csv'), 'utf8')).toBe(files[0].content);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine\n');
  });

  it('puts back the files it already replaced when a later file cannot be placed', () => {
    const out = join(tmp(), 'run');
    mkdirSync(out);
    writeFileSync(join(out, 'metrics.csv'), 'old metrics\n');
    writeFileSync(join(out, 'notes.txt'), 'mine\n');
    // A folder where the second file should go makes its rename fail after the first succeeded.
    mkdirSync(join(out, 'outcomes.json'));
    expect(() => writeRun(out, files)).toThrow();
    expect(readFileSync(join(out, 'metrics.csv'), 'utf8')).toBe('old metrics\n');
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine\n');
    expect(readdirSync(out).sort()).toEqual(['metrics.csv', 'notes.txt', 'outcomes.json']);
    expect(tempLeftovers(tmp())).toEqual([]);
  });

  it('takes out the files of its set it does not write, and only those, and puts them back when it fails', () => {
    const out = join(tmp(), 'run');
    mkdirSync(out);
    writeFileSync(join(out, 'summary.json'), 'another set\n');
    writeFileSync(join(out, 'metrics.csv'), 'old metrics\n');
    writeFileSync(join(out, 'notes.txt'), 'mine\n');
    const set = ['summary.json', 'metrics.csv', 'shard.json'];
    mkdirSync(join(out, 'outcomes.json'));
    expect(() => writeRun(out, files, set)).toThrow();
    expect(readdirSync(out).sort()).toEqual(['metrics.csv', 'notes.txt', 'outcomes.json', 'summary.json']);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe('another set\n');
    expect(readFileSync(join(out, 'metrics.csv'), 'utf8')).toBe('old metrics\n');
    expect(tempLeftovers(tmp())).toEqual([]);
    rmSync(join(out, 'outcomes.json'), { recursive: true });
    writeRun(out, files, set);
    expect(readdirSync(out).sort()).toEqual([...files.map((f) => f.name), 'notes.txt'].sort());
    expect(readFileSync(join(out, 'metrics.csv'), 'utf8')).toBe(files[0].content);
  });

  it('removes the files it added when a later file cannot be placed', () => {
    const out = join(tmp(), 'run');
    mkdirSync(out);
    mkdirSync(join(out, 'scenario.resolved.json'));
    expect(() => writeRun(out, files)).toThrow();
    expect(readdirSync(out)).toEqual(['scenario.resolved.json']);
    expect(tempLeftovers(tmp())).toEqual([]);
  });

  it('fails without writing anything when the parent of the out dir is a file', () => {
    const blocker = join(tmp(), 'file');
    writeFileSync(blocker, 'not a folder\n');
    expect(() => writeRun(join(blocker, 'run'), files)).toThrow(/ENOTDIR|EEXIST/);
    expect(readFileSync(blocker, 'utf8')).toBe('not a folder\n');
    expect(readdirSync(tmp())).toEqual(['file']);
  });

  it('fails without writing anything when the out dir is a file', () => {
    const out = join(tmp(), 'run');
    writeFileSync(out, 'precious\n');
    expect(() => writeRun(out, files)).toThrow();
    expect(readFileSync(out, 'utf8')).toBe('precious\n');
    expect(readdirSync(tmp())).toEqual(['run']);
  });

  it('refuses file names that are not plain names, before touching the disk', () => {
    const out = join(tmp(), 'run');
    expect(() => writeRun(out, [{ name: '../escape.txt', content: '' }])).toThrow(/plain file name/);
    expect(() => writeRun(out, [files[0], files[0]])).toThrow(/twice/);
    expect(existsSync(out)).toBe(false);
  });
});
