/**
 * Every numeric field of the shipped scenarios (the baseline's, then those only another scenario
 * sets, tried in that scenario) and of the optional sections none of them sets, set to each end
 * of its declared range and to values drawn inside it: the scenario is refused with a clear error,
 * or the run ends with finite outputs or stops with a ModelDivergence naming the month and the
 * quantity. Never a hang, a crash or an infinity in an output. The step budget is the horizon:
 * every run must reach its last month.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ModelDivergence } from '../../src/model/divergence.js';
import { simulate } from '../../src/model/simulate.js';
import { parseScenario, ScenarioError, type Scenario } from '../../src/scenario/index.js';
import { ScenarioSchema } from '../../src/scenario/schema.js';
import { schemaAt, unwrap } from '../../src/scenario/schemaShape.js';
import { formatPath, type PathSegment } from '../../src/scenario/path.js';

/**
 * The baseline first: a field is tried in the first of these that sets it. The last sets the
 * optional sections no shipped scenario has.
 */
const SOURCES: { file: string; overrides: string[] }[] = [
  { file: 'scenarios/baseline.yaml', overrides: [] },
  { file: 'scenarios/us-h100-2023.yaml', overrides: [] },
  { file: 'scenarios/chip-glut.yaml', overrides: [] },
  { file: 'scenarios/demand-bust.yaml', overrides: [] },
  { file: 'scenarios/baseline.yaml', overrides: ['probe.contract={share: 0.5, priceCcyPerGpuHour: 30, months: 48, defaultProbabilityPerYear: 0.05}'] },
];
/** Short runs: the guards act in the first months, and a count at its maximum makes a run large. */
const HORIZON = ['end=2023-09', 'probe.entry=2023-03'];

interface Field {
  /** The scenario it is tried in, that file's text, and the overrides that set optional sections. */
  file: string;
  text: string;
  overrides: string[];
  path: string;
  min: number;
  max: number;
  integer: boolean;
  /** The lower end is excluded (a positive field): the test uses the smallest positive number instead. */
  exclusiveMin: boolean;
}

interface NumberSchema {
  minValue: number | null;
  maxValue: number | null;
  isInt: boolean;
  _zod: { def: { type: string; options?: { _zod: { def: { values?: unknown[] } } }[]; checks?: { _zod: { def: { check: string; inclusive?: boolean } } }[] } };
}

/** The numbers a union of number literals allows (such as a priority class, 0 or 1), else null. */
function literals(schema: NumberSchema): number[] | null {
  const def = schema._zod.def;
  if (def.type !== 'union' || def.options === undefined) return null;
  const values = def.options.flatMap((o) => o._zod.def.values ?? []);
  return values.length > 0 && values.every((x) => typeof x === 'number') ? values : null;
}

/** Every numeric leaf of a resolved scenario, with its declared range. */
function numericFields(s: Scenario, file: string, text: string, overrides: string[]): Field[] {
  const out: Field[] = [];
  const walk = (v: unknown, path: PathSegment[]): void => {
    if (typeof v === 'number') {
      const schema = unwrap(schemaAt(ScenarioSchema, path)!) as unknown as NumberSchema;
      const choices = literals(schema);
      if (choices !== null) {
        out.push({ file, text, overrides, path: formatPath(path), min: Math.min(...choices), max: Math.max(...choices), integer: choices.every(Number.isInteger), exclusiveMin: false });
        return;
      }
      const checks = schema._zod.def.checks ?? [];
      const exclusiveMin = checks.some((c) => c._zod.def.check === 'greater_than' && c._zod.def.inclusive === false);
      out.push({ file, text, overrides, path: formatPath(path), min: schema.minValue ?? -Infinity, max: schema.maxValue ?? Infinity, integer: schema.isInt === true, exclusiveMin });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) if (!(path.length === 0 && (k === 'uncertain' || k === 'correlations'))) walk(x, [...path, k]);
    }
  };
  walk(s, []);
  return out;
}

type Outcome = 'refused' | 'finite' | 'diverged';

/** Loads the field's scenario with `path=value` and runs it; throws on anything but the three allowed outcomes. */
function tryValue(f: Field, value: number): Outcome {
  const { path } = f;
  let s: Scenario;
  try {
    s = parseScenario(f.text, f.file, [...HORIZON, ...f.overrides, `${path}=${value}`]);
  } catch (err) {
    if (err instanceof ScenarioError) return 'refused';
    throw err;
  }
  let months = 0;
  try {
    const r = simulate(s, 1, { onMonth: () => void months++ });
    for (const column of [...Object.values(r.metrics), ...Object.values(r.byGeneration)]) expect(column.every(Number.isFinite)).toBe(true);
  } catch (err) {
    if (err instanceof ModelDivergence) return 'diverged';
    throw new Error(`${f.file}: ${path}=${value}: ${(err as Error).message}`);
  }
  expect(months, `${path}=${value} reached its last month`).toBe(9);
  return 'finite';
}

const fields: Field[] = [];
for (const { file, overrides } of SOURCES) {
  const text = readFileSync(file, 'utf8');
  const covered = new Set(fields.map((f) => f.path));
  fields.push(...numericFields(parseScenario(text, file, [...HORIZON, ...overrides]), file, text, overrides).filter((f) => !covered.has(f.path)));
}
const hasRange = fields.filter((f) => Number.isFinite(f.min) && Number.isFinite(f.max));

describe('every numeric field of the shipped scenarios over its declared range', () => {
  it('has a finite range, a whole-number range where it counts, and is listed here', () => {
    expect(fields.length).toBeGreaterThan(200);
    expect(fields.filter((f) => !hasRange.includes(f)).map((f) => f.path)).toEqual([]);
  });

  it.each(hasRange.map((f) => [`${f.path} (${[f.file, ...f.overrides].join(' ')})`, f] as const))('%s: at both ends, the run ends with finite outputs, a clear divergence, or a refusal', (_, f) => {
    const low = f.exclusiveMin ? (f.integer ? f.min + 1 : Number.MIN_VALUE) : f.min;
    for (const v of [low, f.max]) expect(['refused', 'finite', 'diverged']).toContain(tryValue(f, v));
  });

  it('inside the ranges, drawn at random, the same holds', () => {
    const field = fc.constantFrom(...hasRange);
    const point = field.chain((f) => fc.tuple(fc.constant(f), f.integer ? fc.integer({ min: Math.max(f.min, -1e9), max: Math.min(f.max, 1e9) }) : fc.double({ min: f.min, max: f.max, noNaN: true })));
    fc.assert(
      fc.property(point, ([f, v]) => {
        expect(['refused', 'finite', 'diverged']).toContain(tryValue(f, v));
      }),
      { numRuns: 300, seed: 20261206 },
    );
  });
});
