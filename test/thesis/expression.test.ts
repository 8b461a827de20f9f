import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthRange } from '../../src/model/calendar.js';
import { claimHolds, compileExpression, evaluateExpr, type CompiledExpression } from '../../src/thesis/expression.js';
import { ExpressionError, MAX_EXPRESSION_LENGTH, type ExpressionContext } from '../../src/thesis/preprocess.js';

const ctx: ExpressionContext = { start: '2023-01', months: monthRange('2023-01', '2026-12'), generations: ['A100', 'H100'] };

const compile = (text: string): CompiledExpression => compileExpression(text, ctx);

/** A variable's key in `values`: the outcome column name, or metric@YYYY-MM. */
const keyOf = (c: CompiledExpression, slot: number): string => {
  const v = c.variables[slot];
  return v.kind === 'outcome' ? v.name : `${v.name}@${v.month}`;
};

/** Whether `text` holds for a run whose variables have `values` (missing keys: the run has none). */
function holds(text: string, values: Record<string, number | null>): boolean {
  const c = compile(text);
  return claimHolds(
    c,
    c.variables.map((_, slot) => values[keyOf(c, slot)] ?? null),
  );
}

function rejects(text: string, message: RegExp): void {
  expect(() => compile(text)).toThrow(ExpressionError);
  expect(() => compile(text)).toThrow(message);
}

describe('claim expressions: what is rejected', () => {
  it.each([
    ['constructor', /unknown variable "constructor"/],
    ['constructor > 1', /unknown variable "constructor"/],
    ['x.constructor', /property access "x.constructor" is not allowed/],
    ['peakRent.constructor > 1', /property access "peakRent.constructor" is not allowed/],
    ['import("fs")', /the function "import" is not allowed; the allowed functions are min, max, abs, log, exp, sqrt/],
    ['evaluate("1")', /the function "evaluate" is not allowed/],
    ['constructor("return 1")', /the function "constructor" is not allowed/],
    ['constructor("return 1")()', /cannot parse the expression/],
    ['f(x) = 1', /function definition "f\(x\) = 1" is not allowed/],
    ['a = 1', /assignment "a = 1" is not allowed/],
    ['peakRent = 1', /assignment "peakRent = 1" is not allowed/],
    ['[1, 2]', /a list "\[1, 2\]" is not allowed/],
    ['{a: 1}', /an object .* is not allowed/],
    ['"str"', /text "\\"str\\"" is not allowed/],
    ["'str' == 'str'", /text .* is not allowed/],
    ['1; 2', /several statements .* are not allowed/],
    ['1:3', /a range "1:3" is not allowed/],
    ['spotRent@2025-06["x"] > 1', /indexing "spotRent@2025-06\[\\"x\\"\]" is not allowed/],
    ['peakRent[1] > 1', /indexing .* is not allowed/],
    ['peakRent(1) > 1', /the function "peakRent" is not allowed/],
    ['2 peakRent > 1', /implicit multiplication .* write \*/],
    ['peakRent mod 2 > 1', /the operator "mod" .* is not allowed/],
    ['peakRent & 1', /the operator "&" .* is not allowed/],
    ['peakRent! > 1', /cannot parse/],
    ['peakRent > 1 xor true', /the operator "xor" .* is not allowed/],
    ['2 cm > 1', /implicit multiplication/],
    ['pi > 3', /unknown variable "pi"/],
    ['null', /the constant "null" is not allowed/],
    ['$v0 > 1', /unexpected character "\$"/],
    ['peakRent > 1 + π', /unexpected character "π"/],
  ])('%s', (text, message) => rejects(text, message));

  it('names unknown variables with the closest known names, and metrics that lack a month', () => {
    rejects('peakRnt > 1', /unknown variable "peakRnt"; did you mean peakRent/);
    rejects('spotRnt@2025-06 > 1', /unknown metric "spotRnt"; did you mean spotRent/);
    rejects('probe.iir > 0.15', /unknown outcome "probe.iir"; did you mean probe.irr/);
    rejects('spotRent > 1', /spotRent is a monthly metric: name a month, as in spotRent@/);
    rejects('spotRent@2031-01 > 1', /month 2031-01 is outside the scenario's months 2023-01 to 2026-12/);
    rejects('spotRent@ > 1', /expected a month as YYYY-MM after "spotRent@"/);
    rejects('@2025-01 > 1', /"@" at character 1 must follow a metric name/);
    rejects('redOnset <= 2025-13', /"2025-13" at character 13 is not a month/);
  });

  it('insists on true or false where a claim, a condition or a logical operand needs it', () => {
    rejects('peakRent * 2', /gives a number, not true or false/);
    rejects('peakRent and true', /left operand of "and" .* must be true or false/);
    rejects('(peakRent > 1) + 1 > 0', /left operand of "\+" .* must be a number/);
    rejects('peakRent ? 1 > 0 : true', /condition before "\?" .* must be true or false/);
    rejects('peakRent > 1 ? 1 : true', /both branches/);
    rejects('min(peakRent > 1, 2) > 0', /argument 1 of min .* must be a number/);
    rejects('abs(1, 2) > 0', /abs takes 1 argument, found 2/);
    rejects('max() > 0', /max takes 1 to 100 arguments, found 0/);
  });

  it('refuses very long, deeply nested or oversized expressions before parsing them', () => {
    rejects(`peakRent > ${'1+'.repeat(50_000)}1`, new RegExp(`100012 characters, more than the ${MAX_EXPRESSION_LENGTH} allowed`));
    rejects(`${'('.repeat(500)}peakRent > 1${')'.repeat(500)}`, /brackets nested more than 32 deep/);
    rejects(`${'-'.repeat(1500)}peakRent > 1`, /nested more than 100 levels deep/);
    rejects(`${'1+'.repeat(600)}1 > peakRent`, /more than 1000 parts|nested more than 100 levels/);
    rejects('', /empty/);
    rejects('   ', /empty/);
  });

  it('reports parse errors at the position in the text as written', () => {
    rejects('spotRent@2025-06 > (1 +', /cannot parse the expression: .*at character 2[0-9]/);
  });
});

describe('claim expressions: what they mean', () => {
  it('evaluates arithmetic with the usual precedence, and the allowed functions', () => {
    expect(holds('peakRent == 2 + 3 * 4 ^ 2 / 8', { peakRentCcyPerRefGpuHour: 8 })).toBe(true);
    expect(holds('-2 ^ 2 == -4', {})).toBe(true);
    expect(holds('2 ^ 3 ^ 2 == 512', {})).toBe(true);
    expect(holds('min(peakRent, 3, startRent) == 2 and max(1, peakRent) == 5', { peakRentCcyPerRefGpuHour: 5, startRentCcyPerRefGpuHour: 2 })).toBe(true);
    expect(holds('abs(-3) == 3 and sqrt(16) == 4 and exp(0) == 1 and log(1) == 0 and log(8, 2) == 3', {})).toBe(true);
    expect(holds('15% == 0.15', {})).toBe(true);
    expect(holds('+peakRent == 1', { peakRentCcyPerRefGpuHour: 1 })).toBe(true);
  });

  it('reads probe.irr and metric@month, and the same variable once however often it is named', () => {
    const c = compile('probe.irr > 0.15 and spotRent@2025-06 < 0.5 * spotRentCcyPerRefGpuHour@2023-09 and probe.irr < 1');
    expect(c.variables.map((_, i) => keyOf(c, i))).toEqual(['probeIrr', 'spotRentCcyPerRefGpuHour@2025-06', 'spotRentCcyPerRefGpuHour@2023-09']);
    const values = { probeIrr: 0.2, 'spotRentCcyPerRefGpuHour@2025-06': 9, 'spotRentCcyPerRefGpuHour@2023-09': 20 };
    expect(holds(c.text, values)).toBe(true);
    expect(holds(c.text, { ...values, 'spotRentCcyPerRefGpuHour@2025-06': 11 })).toBe(false);
    expect(holds('installedGpus_H100@2024-01 >= 1000', { 'installedGpus_H100@2024-01': 1000 })).toBe(true);
  });

  it('compares month outcomes with months written YYYY-MM, counted from the scenario start', () => {
    // 2025-01 is month 24 of a scenario starting 2023-01.
    expect(holds('redOnset <= 2025-01', { redOnsetMonth: 24 })).toBe(true);
    expect(holds('redOnset <= 2025-01', { redOnsetMonth: 25 })).toBe(false);
    expect(holds('redOnset == 24', { redOnsetMonth: 24 })).toBe(true);
    expect(holds('2025-01 - 2023-01 == 24', {})).toBe(true);
    expect(holds('2025 - 1 == 2024', {})).toBe(true);
    expect(holds('redOnset - peakMonth >= 12', { redOnsetMonth: 30, peakMonth: 7 })).toBe(true);
  });

  it('treats a run that never turns red as "never": later than any month', () => {
    const never = { redOnsetMonth: null };
    expect(holds('redOnset <= 2025-01', never)).toBe(false);
    expect(holds('redOnset > 2026-01', never)).toBe(true);
    expect(holds('redOnset == redOnset', never)).toBe(true);
    expect(holds('probe.payback <= 2026-10', { probePaybackMonth: null })).toBe(false);
  });

  it('makes every comparison with a missing number false, != included', () => {
    const none = { probeIrr: null };
    expect(holds('probe.irr > 0.15', none)).toBe(false);
    expect(holds('probe.irr <= 0.15', none)).toBe(false);
    expect(holds('probe.irr == probe.irr', none)).toBe(false);
    expect(holds('probe.irr != 0.15', none)).toBe(false);
    expect(holds('not (probe.irr > 0.15)', none)).toBe(true);
    expect(holds('probe.irr + 1 > 0 or peakRent > 1', { ...none, peakRentCcyPerRefGpuHour: 2 })).toBe(true);
  });

  it('evaluates logic written with words or with && || !, chained comparisons and conditionals', () => {
    const v = { peakRentCcyPerRefGpuHour: 5, startRentCcyPerRefGpuHour: 2 };
    expect(holds('peakRent > 4 and startRent < 3', v)).toBe(true);
    expect(holds('peakRent > 4 && startRent > 3', v)).toBe(false);
    expect(holds('peakRent > 6 || startRent < 3', v)).toBe(true);
    expect(holds('!(peakRent > 6)', v)).toBe(true);
    expect(holds('peakRent != 6 and not (startRent == 3)', v)).toBe(true);
    expect(() => compile('(peakRent > 1) == true')).toThrow(/left operand of "==" .* must be a number/);
    expect(holds('1 < startRent < peakRent <= 5', v)).toBe(true);
    expect(holds('1 < peakRent < startRent', v)).toBe(false);
    expect(holds('(peakRent > 4 ? startRent : 0) == 2', v)).toBe(true);
    expect(holds('true', {})).toBe(true);
  });

  it('accepts a claim written over several lines', () => {
    expect(holds('peakRent > 4\n  and startRent < 3', { peakRentCcyPerRefGpuHour: 5, startRentCcyPerRefGpuHour: 2 })).toBe(true);
  });
});

/** Random arithmetic and comparison trees, printed fully parenthesised, with their value in plain JavaScript. */
type Gen = { text: string; value: number };
const leaf: fc.Arbitrary<Gen> = fc.oneof(
  fc.integer({ min: 0, max: 50 }).map((n) => ({ text: String(n), value: n })),
  fc.constantFrom({ text: 'peakRent', value: 7.5 }, { text: 'startRent', value: 2.25 }, { text: 'spotRent@2024-06', value: 3 }),
);
const arith: fc.Arbitrary<Gen> = fc.letrec<{ node: Gen }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('node'), fc.constantFrom('+', '-', '*', '/'), tie('node')).map(([a, op, b]) => ({
      text: `(${a.text} ${op} ${b.text})`,
      value: op === '+' ? a.value + b.value : op === '-' ? a.value - b.value : op === '*' ? a.value * b.value : a.value / b.value,
    })),
    tie('node').map((a) => ({ text: `(-${a.text})`, value: -a.value })),
    fc.tuple(tie('node'), tie('node')).map(([a, b]) => ({ text: `min(${a.text}, ${b.text})`, value: Math.min(a.value, b.value) })),
  ),
})).node;

describe('claim expressions: a property', () => {
  const values = { peakRentCcyPerRefGpuHour: 7.5, startRentCcyPerRefGpuHour: 2.25, 'spotRentCcyPerRefGpuHour@2024-06': 3 };
  it('agree with a direct JavaScript computation on random arithmetic and comparison trees', () => {
    fc.assert(
      fc.property(arith, fc.constantFrom('<', '<=', '>', '>=', '==', '!='), arith, (a, op, b) => {
        const text = `${a.text} ${op} ${b.text}`;
        const expected =
          op === '<'
            ? a.value < b.value
            : op === '<='
              ? a.value <= b.value
              : op === '>'
                ? a.value > b.value
                : op === '>='
                  ? a.value >= b.value
                  : op === '=='
                    ? a.value === b.value
                    : !Number.isNaN(a.value) && !Number.isNaN(b.value) && a.value !== b.value;
        expect(holds(text, values)).toBe(expected);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('evaluates a number-valued tree to the same number as JavaScript', () => {
    fc.assert(
      fc.property(arith, (a) => {
        const c = compile(`${a.text} == 0`);
        const tree = c.tree as Extract<typeof c.tree, { k: 'compare' }>;
        const got = evaluateExpr(
          tree.left,
          c.variables.map((_, slot) => values[keyOf(c, slot) as keyof typeof values]),
        );
        expect(Object.is(got, a.value) || (Number.isNaN(got) && Number.isNaN(a.value))).toBe(true);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
