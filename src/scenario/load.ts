/**
 * Reading a scenario: YAML (or JSON) text → the files it extends merged in → overrides →
 * validation, with every failure turned into one ScenarioError that names the file, line:col,
 * field path, and what was expected.
 */
import { ScenarioError } from './errors.js';
import { explainIssue } from './explainIssue.js';
import { type Placed, resolveExtends, type ScenarioSource } from './inheritance.js';
import { applyOverrides, type AppliedOverride } from './overrides.js';
import { formatPath, startsWith, type PathSegment } from './path.js';
import { type Scenario, ScenarioSchema } from './schema.js';
import type { Distribution } from './distribution.js';
import { isIntegerSchema, kindOf, schemaAt, unwrap } from './schemaShape.js';
import { parseYamlMapping, readSourceFile } from './yamlSource.js';

/** A validated scenario and the files it was read from: the file itself, then those it extends. */
export interface LoadedScenario {
  scenario: Scenario;
  files: string[];
}

/**
 * Reads and validates a scenario file; `overrides` are `path=value` texts from `--set`. The keys of
 * `uncertain` that an override fixes are added to `held`, when given (see `holdOverridden`).
 */
export function loadScenario(file: string, overrides: readonly string[] = [], held?: string[]): Scenario {
  return parseScenario(readSourceFile(file), file, overrides, held);
}

/** The same as loadScenario for text already in hand; `file` names it in messages and is where the files it extends are found from. */
export function parseScenario(text: string, file: string, overrides: readonly string[] = [], held?: string[]): Scenario {
  return parseLoaded(text, file, overrides, held).scenario;
}

/** parseScenario, with the chain of files the scenario was merged from. */
export function parseScenarioWithFiles(text: string, file: string, overrides: readonly string[] = []): LoadedScenario {
  return parseLoaded(text, file, overrides);
}

/** loadScenario, with the chain of files the scenario was merged from. */
export function loadScenarioWithFiles(file: string, overrides: readonly string[] = [], held?: string[]): LoadedScenario {
  return parseLoaded(readSourceFile(file), file, overrides, held);
}

function parseLoaded(text: string, file: string, overrides: readonly string[], held?: string[]): LoadedScenario {
  const source = resolveExtends(parseYamlMapping(text, file, 'a mapping of scenario fields (name: …, start: …, …) at the top level'));
  const { data, applied } = applyOverrides(source.data, overrides);
  // reportInput keeps the offending value on each issue, which matters for checks on fields
  // the file left to defaults: there is no raw value to look up for those.
  const result = ScenarioSchema.safeParse(data, { reportInput: true });
  if (!result.success) throw firstProblem(result.error.issues, source, data, applied);
  const paths = checkUncertainInputs(result.data, source);
  return { scenario: holdOverridden(result.data, paths, applied, held), files: source.files };
}

/**
 * A field fixed with `--set` is no longer drawn from its `uncertain` distribution, and its
 * correlations go with it: otherwise every run of a batch would draw over the value the user typed.
 */
function holdOverridden(s: Scenario, paths: ReadonlyMap<string, PathSegment[]>, applied: readonly AppliedOverride[], held: string[] = []): Scenario {
  if (applied.length === 0) return s;
  const fixed = new Set([...paths].filter(([, path]) => applied.some((o) => startsWith(path, o.path))).map(([key]) => key));
  if (fixed.size === 0) return s;
  held.push(...fixed);
  const uncertain = Object.fromEntries(Object.entries(s.uncertain).filter(([key]) => !fixed.has(key)));
  const correlations = s.correlations.filter((c) => !fixed.has(c.a) && !fixed.has(c.b));
  return { ...s, uncertain, correlations };
}

/**
 * Each key under `uncertain` must name a numeric field, by the same path rules as `--set`, and an
 * integer field can only draw whole numbers. Checked here so a batch never starts with inputs
 * that would fail every run. Returns each key's field path.
 */
function checkUncertainInputs(s: Scenario, source: ScenarioSource): Map<string, PathSegment[]> {
  const paths = new Map<string, PathSegment[]>();
  for (const { key, dist, at } of inReadingOrder(s.uncertain, source)) {
    const fail = (expected: string, found: string): never => {
      throw new ScenarioError({ file: at.file, line: at.line, column: at.column, path: `uncertain.${key}`, expected, found });
    };
    let applied: AppliedOverride;
    try {
      applied = applyOverrides(s, [`${key}=0`]).applied[0];
    } catch (err) {
      if (err instanceof ScenarioError) return fail(`a field path (${err.expected})`, err.found);
      throw err;
    }
    const field = schemaAt(ScenarioSchema, applied.path);
    if (field === undefined || unwrap(field)._zod.def.type !== 'number') {
      return fail('the path of a numeric field', field ? `a field that holds ${kindOf(field)}` : 'no field');
    }
    const range = numberRange(field);
    const { from, to, what } = drawnRange(dist);
    if (from < range.min || to > range.max) {
      fail(
        `${what} within the field's range, ${range.min} to ${range.max}`,
        `a ${dist.dist} distribution with ${from === to ? `${what.replace(/^an? /, '')} ${from}` : `${what} from ${from} to ${to}`}`,
      );
    }
    const whole = (v: number) => Number.isInteger(v);
    const drawsWhole = (dist.dist === 'choice' && dist.values.every(whole)) || (dist.dist === 'fixed' && whole(dist.value));
    if (isIntegerSchema(field) && !drawsWhole) {
      fail('a choice of whole numbers (the field holds an integer)', `a ${dist.dist} distribution`);
    }
    paths.set(key, applied.path);
  }
  return paths;
}

/**
 * The uncertain inputs in the order their problems should be reported: the loaded file's first,
 * each file's from the top. Merging puts a parent's keys before the child's.
 */
function inReadingOrder(uncertain: Scenario['uncertain'], source: ScenarioSource): { key: string; dist: Distribution; at: Placed }[] {
  return Object.entries(uncertain)
    .map(([key, dist]) => ({ key, dist, at: source.where(['uncertain', key], true) }))
    .sort((a, b) => a.at.depth - b.at.depth || a.at.rank - b.at.rank);
}

/** The bounds of a numeric field (the ends themselves may be excluded, as for a positive one). */
function numberRange(field: Parameters<typeof unwrap>[0]): { min: number; max: number } {
  const n = unwrap(field) as unknown as { minValue: number | null; maxValue: number | null };
  return { min: n.minValue ?? -Infinity, max: n.maxValue ?? Infinity };
}

/**
 * The values a distribution draws: all of them where its support is bounded; for one without
 * bounds (normal, lognormal), its centre, and a tail draw beyond the field's range fails that run.
 */
function drawnRange(d: Distribution): { from: number; to: number; what: string } {
  switch (d.dist) {
    case 'fixed':
      return { from: d.value, to: d.value, what: 'a value' };
    case 'choice':
      return { from: Math.min(...d.values), to: Math.max(...d.values), what: 'values' };
    case 'normal':
      return d.min !== undefined && d.max !== undefined ? { from: d.min, to: d.max, what: 'draws' } : { from: d.mean, to: d.mean, what: 'a mean' };
    case 'lognormal':
      return { from: d.median, to: d.median, what: 'a median' };
    default:
      return { from: d.min, to: d.max, what: 'draws' };
  }
}

/**
 * One error, not a list: the top-most problem in the file, so fixing errors in reading order
 * converges. An override's problem comes before any in the file: the user just typed it, and
 * a file that loaded before is most likely fine. Likewise a problem in the file itself comes
 * before one in a file it extends.
 */
function firstProblem(issues: readonly Parameters<typeof explainIssue>[0][], source: ScenarioSource, data: unknown, applied: readonly AppliedOverride[]): ScenarioError {
  const candidates = issues.flatMap((issue) => explainIssue(issue, ScenarioSchema, data));
  const placed = candidates.map((c, order) => {
    // The last override that touched the path is the one whose value is in force.
    const overrideIx = applied.findLastIndex((o) => startsWith(c.path, o.owns));
    const where = overrideIx >= 0 ? undefined : source.where(c.path, c.atKey);
    return { c, order, overrideIx, where };
  });
  placed.sort((a, b) => {
    const ao = a.overrideIx >= 0;
    const bo = b.overrideIx >= 0;
    if (ao !== bo) return ao ? -1 : 1;
    if (ao) return a.overrideIx - b.overrideIx || a.order - b.order;
    return (a.where?.depth ?? 0) - (b.where?.depth ?? 0) || (a.where?.rank ?? 0) - (b.where?.rank ?? 0) || a.order - b.order;
  });
  const { c, overrideIx, where } = placed[0];
  return new ScenarioError({
    file: where ? where.file : applied[overrideIx].source,
    line: where?.line,
    column: where?.column,
    path: formatPath(c.path),
    expected: c.expected,
    found: c.found,
  });
}
