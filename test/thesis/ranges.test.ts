/** Month ranges and their aggregates in claims: `mean(spotRent@2025-01..2025-12)` and the like. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthRange } from '../../src/model/calendar.js';
import { loadScenario, ScenarioError } from '../../src/scenario/index.js';
import { claimHolds, compileExpression, evaluateExpr, type CompiledExpression, type Expr } from '../../src/thesis/expression.js';
import { ExpressionError, type ExpressionContext } from '../../src/thesis/preprocess.js';
import { parseThesis } from '../../src/thesis/thesisFile.js';

const MONTHS = monthRange('2023-01', '2026-12');
const ctx: ExpressionContext = { start: '2023-01', months: MONTHS, generations: ['A100', 'H100'] };
const SPOT = 'spotRentCcyPerRefGpuHour';

const compile = (text: string): CompiledExpression => compileExpression(text, ctx);

const keyOf = (c: CompiledExpression, slot: number): string => {
  const v = c.variables[slot];
  return v.kind === 'outcome' ? v.name : `${v.name}@${v.month}`;
};

/** Values keyed as keyOf names them; a key that is absent is a value the run does not have. */
type Run = Record<string, number | null>;

const rawValues = (c: CompiledExpression, run: Run): (number | null)[] => c.variables.map((_, slot) => run[keyOf(c, slot)] ?? null);

function holds(text: string, run: Run): boolean {
  const c = compile(text);
  return claimHolds(c, rawValues(c, run));
}

/** The number a number-valued expression gives for `run`, through the same checked tree a claim uses. */
function valueOf(text: string, run: Run): number {
  const c = compile(`${text} == 0`);
  const left = (c.tree as Extract<Expr, { k: 'compare' }>).left;
  return evaluateExpr(
    left,
    rawValues(c, run).map((v) => v ?? NaN),
  ) as number;
}

/** The spot rent from `first`, one value per month. */
function spotPath(first: string, values: readonly number[]): Run {
  const from = MONTHS.indexOf(first);
  return Object.fromEntries(values.map((v, k) => [`${SPOT}@${MONTHS[from + k]}`, v]));
}

function rejects(text: string, message: RegExp): void {
  expect(() => compile(text)).toThrow(ExpressionError);
  expect(() => compile(text)).toThrow(message);
}

describe('aggregates over a month range', () => {
  // Spot rent 2025-01 to 2025-04: 4, 1, 3, 2.
  const path = spotPath('2025-01', [4, 1, 3, 2]);
  const RANGE = 'spotRent@2025-01..2025-04';

  it.each([
    ['mean', 2.5],
    ['min', 1],
    ['max', 4],
    ['first', 4],
    ['last', 2],
    ['sum', 10],
  ])('%s of the range is the hand-computed value', (fn, expected) => {
    expect(valueOf(`${fn}(${RANGE})`, path)).toBe(expected);
  });

  it('reads every month of the range, both ends included, in month order', () => {
    const c = compile(`mean(${RANGE}) > 0`);
    expect(c.variables.map((_, slot) => keyOf(c, slot))).toEqual(['2025-01', '2025-02', '2025-03', '2025-04'].map((m) => `${SPOT}@${m}`));
  });

  it('reads a month named both alone and in a range once', () => {
    const c = compile(`last(${RANGE}) == spotRent@2025-04 and spotRentCcyPerRefGpuHour@2025-01 == first(${RANGE})`);
    expect(c.variables).toHaveLength(4);
    expect(claimHolds(c, rawValues(c, path))).toBe(true);
  });

  it('combine with the rest of the language', () => {
    expect(holds(`mean(${RANGE}) < 0.7 * max(${RANGE})`, path)).toBe(true);
    expect(holds(`min(${RANGE}) < 2 and last(${RANGE}) >= 2 ? true : false`, path)).toBe(true);
    expect(holds(`sum(${RANGE}) / 4 == mean(${RANGE})`, path)).toBe(true);
    expect(holds(`max(spotRent@2025-01..2025-02) > max(spotRent@2025-03..2025-04) and mean(spotRent@2025-01..2025-02) == mean(spotRent@2025-03..2025-04)`, path)).toBe(true);
    expect(holds(`max(installed_H100@2024-01..2024-03) == 30`, { 'installedGpus_H100@2024-01': 10, 'installedGpus_H100@2024-02': 30, 'installedGpus_H100@2024-03': 20 })).toBe(true);
  });

  it('accept spaces around @ and .., parentheses around the range, and a range over several lines', () => {
    expect(valueOf('mean(spotRent @ 2025-01 .. 2025-04)', path)).toBe(2.5);
    expect(valueOf(`mean((${RANGE}))`, path)).toBe(2.5);
    expect(valueOf('mean(spotRent@2025-01..\n  2025-04)', path)).toBe(2.5);
  });

  it('are missing when a month of the range is: every comparison with them is false', () => {
    const gap = { ...path, [`${SPOT}@2025-03`]: null };
    expect(holds(`mean(${RANGE}) > 0`, gap)).toBe(false);
    expect(holds(`mean(${RANGE}) <= 0`, gap)).toBe(false);
    expect(holds(`max(${RANGE}) > 0`, gap)).toBe(false);
    // first and last read only their own month.
    expect(holds(`first(${RANGE}) == 4 and last(${RANGE}) == 2`, gap)).toBe(true);
  });

  it('leave min and max over plain terms as they were: the smallest and largest of their arguments', () => {
    const run = { peakRentCcyPerRefGpuHour: 5, startRentCcyPerRefGpuHour: 2 };
    expect(valueOf('min(peakRent, startRent)', run)).toBe(2);
    expect(valueOf('max(peakRent, startRent, 7)', run)).toBe(7);
    expect(valueOf('min(spotRent@2025-02)', path)).toBe(1);
    const tree = (compile('min(peakRent, 3) > 0').tree as Extract<Expr, { k: 'compare' }>).left;
    expect(tree.k).toBe('call');
  });
});

describe('month ranges: what is rejected', () => {
  it.each([
    ['mean(spotRent@2025-12..2025-01) > 1', /the range spotRent@2025-12\.\.2025-01 ends before it starts: write the earlier month first, as in spotRent@2025-01\.\.2025-12/],
    ['mean(spotRent@2026-06..2027-03) > 1', /month 2027-03 is outside the scenario's months 2023-01 to 2026-12/],
    ['mean(spotRent@2022-06..2023-06) > 1', /month 2022-06 is outside the scenario's months 2023-01 to 2026-12/],
    ['mean(spotRnt@2025-01..2025-12) > 1', /unknown metric "spotRnt"; did you mean spotRent/],
    ['mean(peakRent@2025-01..2025-12) > 1', /unknown metric "peakRent"/],
    ['mean(spotRent@2025-01..2025-13) > 1', /"spotRent@2025-13": expected a month as YYYY-MM after @/],
    ['mean(spotRent@2025-01..) > 1', /expected a month as YYYY-MM after "spotRent@2025-01\.\." at character 6, as in mean\(spotRent@2023-01\.\.2023-12\)/],
    ['mean(spotRent@2025-01..2025-1) > 1', /expected a month as YYYY-MM after "spotRent@2025-01\.\."/],
  ])('%s', (text, message) => rejects(text, message));

  it.each([
    ['spotRent@2025-01..2025-12 > 1'],
    ['1 + spotRent@2025-01..2025-12 > 1'],
    ['abs(spotRent@2025-01..2025-12) > 1'],
    ['min(spotRent@2025-01..2025-12, 3) > 1'],
    ['max(spotRent@2025-01..2025-12, spotRent@2026-01..2026-12) > 1'],
    ['mean(spotRent@2025-01..2025-12) > spotRent@2025-01..2025-12'],
  ])('a range outside an aggregate: %s', (text) => {
    rejects(text, /the month range "spotRent@20\d\d-01\.\.20\d\d-12" is allowed only as the one argument of mean, min, max, first, last or sum, as in mean\(spotRent@/);
  });

  it('an aggregate of two ranges, of plain terms, or of nothing', () => {
    rejects(
      'mean(spotRent@2025-01..2025-06, spotRent@2025-07..2025-12) > 1',
      /mean takes one month range, as in mean\(spotRent@2023-01\.\.2023-12\), found 2 ranges in .*: write one aggregate per range/,
    );
    rejects('last(peakRent) > 1', /last takes one month range, as in last\(spotRent@2023-01\.\.2023-12\), found "peakRent"/);
    rejects('first(spotRent@2025-01) > 1', /first takes one month range, .* found "spotRent@2025-01"/);
    rejects('sum(1, 2) > 1', /sum takes one month range, .* found 2 arguments in "sum\(1, 2\)"/);
    rejects('mean() > 1', /mean takes one month range, .* found 0 arguments/);
  });

  it('a ".." that does not join two months after a metric, never read as numbers or a subtraction', () => {
    rejects('mean(2025-01..2025-12) > 1', /the month range at character 6 needs a metric before it, as in mean\(spotRent@2023-01\.\.2023-12\)/);
    rejects('mean(2025-01 .. 2025-12) > 1', /the month range at character 6 needs a metric before it/);
    rejects('peakRent..2 > 1', /".." at character 9 joins the two months of a range after a metric/);
    rejects('1..5 > 0', /".." at character 2 joins the two months of a range/);
    rejects('mean(spotRent@2025-01..2025-12..2026-01) > 1', /".." at character 31 joins the two months of a range/);
    rejects('median(spotRent@2025-01..2025-12) > 1', /the function "median" is not allowed; the allowed functions are min, max, abs, log, exp, sqrt, mean, first, last, sum/);
  });

  it('name the file, line and field in a thesis file, as every bad claim does', () => {
    const baseline = loadScenario('scenarios/baseline.yaml');
    const problem = (expr: string): string => {
      try {
        parseThesis(`name: A thesis\nclaims:\n  - name: a\n    expr: ${expr}\n    require: 0.5\n`, 'mine.yaml', baseline);
      } catch (err) {
        expect(err).toBeInstanceOf(ScenarioError);
        return (err as ScenarioError).format();
      }
      throw new Error('the thesis loaded');
    };
    expect(problem('mean(spotRent@2025-12..2025-01) > 1')).toBe(
      'mine.yaml:4:11: claims[0].expr: the range spotRent@2025-12..2025-01 ends before it starts: write the earlier month first, as in spotRent@2025-01..2025-12',
    );
    expect(problem('last(spotRent@2030-06..2031-06) > 1')).toBe("mine.yaml:4:11: claims[0].expr: month 2031-06 is outside the scenario's months 2023-01 to 2030-12");
    expect(problem('spotRent@2025-01..2025-12 > 1')).toMatch(/^mine\.yaml:4:11: claims\[0\]\.expr: the month range "spotRent@2025-01\.\.2025-12" is allowed only as the one argument of/);
  });
});

describe('month ranges: properties', () => {
  /** A start month and a path of rents from it that stays within the scenario's months. */
  const rangeAndPath = fc.integer({ min: 0, max: MONTHS.length - 1 }).chain((from) =>
    fc.record({
      from: fc.constant(from),
      values: fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: MONTHS.length - from }),
    }),
  );

  it('put the mean between the min and the max of the same range', () => {
    fc.assert(
      fc.property(rangeAndPath, ({ from, values }) => {
        const range = `spotRent@${MONTHS[from]}..${MONTHS[from + values.length - 1]}`;
        const run = spotPath(MONTHS[from], values);
        expect(holds(`min(${range}) <= mean(${range}) <= max(${range})`, run)).toBe(true);
      }),
      // Three 0.1s sum to 0.30000000000000004, a third of which is more than 0.1.
      { numRuns: 300, seed: 5, examples: [[{ from: 0, values: [0.1, 0.1, 0.1] }]] },
    );
  });

  it('make every aggregate of a one-month range equal to the plain term', () => {
    fc.assert(
      fc.property(fc.constantFrom('mean', 'min', 'max', 'first', 'last', 'sum'), fc.constantFrom(...MONTHS), fc.double({ noNaN: true, noDefaultInfinity: true }), (fn, month, value) => {
        expect(holds(`${fn}(spotRent@${month}..${month}) == spotRent@${month}`, { [`${SPOT}@${month}`]: value })).toBe(true);
        expect(valueOf(`${fn}(spotRent@${month}..${month})`, { [`${SPOT}@${month}`]: value })).toBe(value);
      }),
      { numRuns: 300, seed: 6 },
    );
  });

  it('leave min and max of plain terms equal to Math.min and Math.max', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.double({ noNaN: true }), (a, b) => {
        const run = { peakRentCcyPerRefGpuHour: a, startRentCcyPerRefGpuHour: b };
        expect(valueOf('min(peakRent, startRent)', run)).toBe(Math.min(a, b));
        expect(valueOf('max(peakRent, startRent)', run)).toBe(Math.max(a, b));
      }),
      { numRuns: 200, seed: 8 },
    );
  });
});
