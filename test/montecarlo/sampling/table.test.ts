/**
 * A user's table of parameter sets: parsed when well formed, and otherwise one error line that
 * points at the cell (file:line:column, the column counted as a spreadsheet does).
 */
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../../src/scenario/errors.js';
import { parseParameterTable, type ParameterTableOptions } from '../../../src/montecarlo/sampling/table.js';

const KNOWN = ['vendor.outputScale', 'generations.H800.outputGrowthPerYear', 'market.hype.initial'];
const OPTIONS: ParameterTableOptions = { file: 'params.csv', known: KNOWN };

/** The one-line message parsing `text` fails with. */
function errorLine(text: string, options: ParameterTableOptions = OPTIONS): string {
  try {
    parseParameterTable(text, options);
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as ScenarioError).format();
  }
  throw new Error('expected the table to be rejected');
}

describe('a well-formed table', () => {
  it('gives the header paths and one row of numbers per run', () => {
    const text = 'vendor.outputScale,generations.H800.outputGrowthPerYear\n0.8,1.5\n1.2,2\n';
    expect(parseParameterTable(text, OPTIONS)).toEqual({
      paths: ['vendor.outputScale', 'generations.H800.outputGrowthPerYear'],
      rows: [
        [0.8, 1.5],
        [1.2, 2],
      ],
    });
  });

  it('may come from a spreadsheet: byte-order mark, CRLF, quotes, spaces, blank lines', () => {
    const text = '\uFEFF"vendor.outputScale", market.hype.initial\r\n\r\n 1e-1 , "-.5"\r\n+2,3.\r\n\r\n';
    expect(parseParameterTable(text, OPTIONS)).toEqual({
      paths: ['vendor.outputScale', 'market.hype.initial'],
      rows: [
        [0.1, -0.5],
        [2, 3],
      ],
    });
  });

  it('may name its columns through a validator instead of a list', () => {
    const known = (path: string) => (path.startsWith('vendor.') ? undefined : 'a vendor field');
    expect(parseParameterTable('vendor.a,vendor.b\n1,2', { file: 't.csv', known }).paths).toEqual(['vendor.a', 'vendor.b']);
  });
});

describe('a malformed table', () => {
  it('reports a value that is not a number at its line and column, with its field', () => {
    const text = 'market.hype.initial,vendor.outputScale\n1,1\n2,2\n3,abc\n';
    expect(errorLine(text)).toBe('params.csv:4:2: vendor.outputScale: expected a number, found "abc"');
  });

  it('carries line, column and field on the error', () => {
    try {
      parseParameterTable('market.hype.initial,vendor.outputScale\n1,x', OPTIONS);
    } catch (err) {
      expect(err).toMatchObject({ file: 'params.csv', line: 2, column: 2, path: 'vendor.outputScale' });
      return;
    }
    throw new Error('expected the table to be rejected');
  });

  it('reports an empty cell', () => {
    expect(errorLine('vendor.outputScale,market.hype.initial\n1,\n')).toBe('params.csv:2:2: market.hype.initial: expected a number, found an empty cell');
  });

  it('does not take hex, Infinity or NaN for numbers', () => {
    expect(errorLine('vendor.outputScale\n0x10')).toBe('params.csv:2:1: vendor.outputScale: expected a number, found "0x10"');
    expect(errorLine('vendor.outputScale\nInfinity')).toMatch(/^params\.csv:2:1: .*found "Infinity"$/);
    expect(errorLine('vendor.outputScale\nNaN')).toMatch(/^params\.csv:2:1: .*found "NaN"$/);
    expect(errorLine('vendor.outputScale\n1e999')).toMatch(/^params\.csv:2:1: .*found "1e999"$/);
  });

  it('reports an unknown column, suggesting the closest known one', () => {
    expect(errorLine('market.hype.initial,vendor.outputScal\n1,2')).toBe(
      'params.csv:1:2: expected one of the fields vendor.outputScale (closest), generations.H800.outputGrowthPerYear, market.hype.initial, found unknown column "vendor.outputScal"',
    );
  });

  it('reports an unknown column in the validator’s own words', () => {
    const known = (path: string) => (path.startsWith('vendor.') ? undefined : 'a vendor field');
    expect(errorLine('vendor.a,market.x\n1,2', { file: 't.csv', known })).toBe('t.csv:1:2: expected a vendor field, found unknown column "market.x"');
  });

  it('reports a column named twice', () => {
    expect(errorLine('vendor.outputScale,market.hype.initial,vendor.outputScale\n1,2,3')).toBe(
      'params.csv:1:3: expected each path once in the header (column 1 has it already), found "vendor.outputScale"',
    );
  });

  it('reports an empty header cell', () => {
    expect(errorLine('vendor.outputScale,,market.hype.initial\n1,2,3')).toBe('params.csv:1:2: expected a parameter path in every header cell, found an empty cell');
  });

  it('reports an empty file, or one of blank lines only', () => {
    expect(errorLine('')).toBe('params.csv: expected a header row of parameter paths, found an empty file');
    expect(errorLine('\n  \r\n')).toBe('params.csv: expected a header row of parameter paths, found an empty file');
  });

  it('reports a header without rows', () => {
    expect(errorLine('vendor.outputScale\n')).toBe('params.csv:2:1: expected at least one row of values below the header, found none');
  });

  it('reports a row with too many values, at the first one too many', () => {
    expect(errorLine('vendor.outputScale,market.hype.initial\n1,2\n\n1,2,3\n')).toBe('params.csv:4:3: expected 2 values, one per column of the header, found 3 values');
  });

  it('reports a row with too few values, where the next one should be', () => {
    expect(errorLine('vendor.outputScale,market.hype.initial,generations.H800.outputGrowthPerYear\n1,2,3\n1\n')).toBe('params.csv:3:2: expected 3 values, one per column of the header, found 1 value');
  });

  it('reports a quote left open', () => {
    expect(errorLine('vendor.outputScale,market.hype.initial\n1,"2\n')).toBe('params.csv:2:2: expected a closing quote ("), found the end of the line');
  });

  it('reports text after a closing quote', () => {
    expect(errorLine('vendor.outputScale,market.hype.initial\n"1"x,2\n')).toBe('params.csv:2:1: expected a comma after the closing quote, found "x,2"');
  });
});
