/**
 * A batch plan: the scenario's point values, its uncertain inputs, and the design that gives
 * every run index its concrete input values. The design depends only on (master seed, number of
 * runs, inputs, correlations), so any run can be rebuilt alone from its index, in any process.
 */
import { applyOverrides } from '../scenario/overrides.js';
import type { PathSegment } from '../scenario/path.js';
import { ScenarioSchema, type Scenario } from '../scenario/schema.js';
import { correlationMatrix } from './sampling/correlations.js';
import { designRng, sampleDesign, type DesignKind, type UncertainInput } from './sampling/designs.js';
import { imposeRankCorrelationInPlace } from './sampling/imanConover.js';

export type Design = DesignKind | 'table';

export interface BatchPlan {
  /** The scenario with defaults and overrides applied: the point values every run starts from. */
  scenario: Scenario;
  seed: number;
  runs: number;
  design: Design;
  /** Paths of the inputs drawn per run, in a fixed order (the scenario's, or the table's columns). */
  paths: string[];
  /** rows[i] holds run i's values, aligned with `paths`. */
  rows: number[][];
}

export interface PlanOptions {
  runs: number;
  seed: number;
  design: Design;
  /** For design `table`: the parsed parameter sets. */
  table?: { paths: string[]; rows: number[][] };
}

export function planBatch(scenario: Scenario, o: PlanOptions): BatchPlan {
  if (o.design === 'table') {
    if (!o.table) throw new Error('design table needs a parameter table');
    return { scenario, seed: o.seed, runs: o.table.rows.length, design: 'table', paths: o.table.paths, rows: o.table.rows };
  }
  const inputs: UncertainInput[] = Object.entries(scenario.uncertain).map(([path, dist]) => ({ path, dist }));
  const paths = inputs.map((x) => x.path);
  const rows = inputs.length > 0 ? sampleDesign(inputs, o.runs, o.design, designRng(o.seed)) : Array.from({ length: o.runs }, () => []);
  if (scenario.correlations.length > 0 && o.runs > 2) imposeRankCorrelationInPlace(rows, correlationMatrix(paths, scenario.correlations));
  return { scenario, seed: o.seed, runs: o.runs, design: o.design, paths, rows };
}

/**
 * The scenario of one run: the point values with the run's drawn inputs set, validated exactly
 * like a file. A drawn value outside a field's range fails this run, not the batch.
 */
export function scenarioForRun(base: Scenario, paths: readonly string[], values: readonly number[]): Scenario {
  return runScenarios(base, paths)(values);
}

/**
 * `scenarioForRun` for many runs of one plan. The paths are resolved once (item names to
 * indexes, checked against the schema); each run then copies only the containers along its paths
 * and sets its numbers there before the whole scenario is validated, instead of copying the whole
 * scenario and parsing every path and value from text: the same scenario, for half the cost.
 */
export function runScenarios(base: Scenario, paths: readonly string[]): (values: readonly number[]) => Scenario {
  if (paths.length === 0) return () => base;
  const resolved = resolvedPaths(base, paths);
  if (!resolved)
    return (values) =>
      ScenarioSchema.parse(
        applyOverrides(
          base,
          paths.map((p, k) => `${p}=${values[k]}`),
        ).data,
      );
  return (values) => ScenarioSchema.parse(withValues(base, resolved, values));
}

/**
 * Where each path's value goes in `base`, or undefined where setting it would have to create
 * containers the scenario lacks, or the path is not a field (such a plan runs the general way,
 * which reports the problem).
 */
function resolvedPaths(base: Scenario, paths: readonly string[]): PathSegment[][] | undefined {
  try {
    const { applied } = applyOverrides(
      base,
      paths.map((p) => `${p}=0`),
    );
    return applied.every((a) => a.owns.length === a.path.length) ? applied.map((a) => a.path) : undefined;
  } catch {
    return undefined;
  }
}

type Container = Record<PathSegment, unknown>;

const shallowCopy = (x: unknown): Container => (Array.isArray(x) ? [...(x as unknown[])] : { ...(x as object) }) as Container;

/** `base` with `values[k]` at `paths[k]`, sharing every container off those paths with `base`. */
function withValues(base: Scenario, paths: readonly PathSegment[][], values: readonly number[]): unknown {
  const root = shallowCopy(base);
  paths.forEach((path, k) => {
    let node = root;
    for (let i = 0; i < path.length - 1; i++) node = node[path[i]] = shallowCopy(node[path[i]]);
    node[path[path.length - 1]] = values[k];
  });
  return root;
}
