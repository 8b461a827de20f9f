import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { resolvedScenarioJson } from '../../src/scenario/resolved.js';
import { loadScenario, loadScenarioWithFiles, parseScenario, ScenarioError } from '../../src/scenario/index.js';

const BASELINE = 'scenarios/baseline.yaml';

describe('the stress scenarios, written as deltas of the baseline', () => {
  it.each(['chip-glut', 'demand-bust'])('%s resolves to exactly the scenario of its former full copy (its golden scenario.resolved.json)', (name) => {
    const file = `scenarios/${name}.yaml`;
    const { scenario, files } = loadScenarioWithFiles(file);
    expect(files).toEqual([file, BASELINE]);
    expect(resolvedScenarioJson(scenario)).toBe(readFileSync(`test/golden/${name}/scenario.resolved.json`, 'utf8'));
  });
});

/** A numeric field of the baseline, as the path `--set` takes and the path a delta writes. */
interface Leaf {
  text: string;
  segments: string[];
  value: number;
}

/** Every number the baseline writes, list items named as `--set` names them (by `name`, else index). */
function numericLeaves(value: unknown, segments: string[] = []): Leaf[] {
  if (typeof value === 'number') return [{ text: segments.join('.'), segments, value }];
  if (Array.isArray(value)) {
    return value.flatMap((item: unknown, i) => {
      const name = item !== null && typeof item === 'object' && 'name' in item ? String(item.name) : String(i);
      return numericLeaves(item, [...segments, name]);
    });
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => (key === 'uncertain' || key === 'correlations' ? [] : numericLeaves(item, [...segments, key])));
  }
  return [];
}

/** The delta that sets each leaf to its new value, nested as an author would write it. */
function deltaOf(changes: readonly { leaf: Leaf; value: number }[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const { leaf, value } of changes) {
    let node = root;
    for (const seg of leaf.segments.slice(0, -1)) node = (node[seg] ??= {}) as Record<string, unknown>;
    node[leaf.segments[leaf.segments.length - 1]] = value;
  }
  return root;
}

type Outcome = { scenario: unknown } | { failed: true };

function outcome(load: () => unknown): Outcome {
  try {
    return { scenario: load() };
  } catch (err) {
    if (err instanceof ScenarioError) return { failed: true };
    throw err;
  }
}

describe('a delta that sets fields of its parent', () => {
  const raw = parse(readFileSync(BASELINE, 'utf8')) as { uncertain: Record<string, unknown> };
  // `--set` holds a field out of `uncertain`; a delta that sets it leaves it drawn. Both are
  // intended, so those fields are compared elsewhere, not here.
  const leaves = numericLeaves(raw).filter((leaf) => !(leaf.text in raw.uncertain));
  const child = resolve('test/scenario/delta.yaml');

  it('finds the baseline’s numbers to change', () => {
    expect(leaves.length).toBeGreaterThan(150);
    expect(leaves.map((l) => l.text)).toContain('generations.H800.perfRatio');
  });

  it('gives the same scenario as --set of the same fields, or fails as it does', () => {
    const change = fc.record({ leaf: fc.constantFrom(...leaves), factor: fc.constantFrom(0, 0.5, 1, 1.5, 2, -1) });
    fc.assert(
      fc.property(fc.uniqueArray(change, { minLength: 1, maxLength: 4, selector: (c) => c.leaf.text }), (picked) => {
        // `+ 0` turns -0 into 0, which is what `--set` reads back from the text "0".
        const changes = picked.map(({ leaf, factor }) => ({ leaf, value: leaf.value * factor + 0 }));
        const text = `extends: ${JSON.stringify(resolve(BASELINE))}\n${stringify(deltaOf(changes))}`;
        const asDelta = outcome(() => parseScenario(text, child));
        const asSet = outcome(() =>
          loadScenario(
            BASELINE,
            changes.map(({ leaf, value }) => `${leaf.text}=${value}`),
          ),
        );
        expect(asDelta).toEqual(asSet);
      }),
      { numRuns: 60 },
    );
  });
});
