/**
 * The import graph of src/, read from the code, type-only imports included (the lint rule
 * `import-x/no-cycle` skips those): no loops between files, and no folder that imports its own
 * layer or one above it (the layers of eslint.config.mjs and docs/architecture.md).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Each file's relative imports and re-exports, as files. */
function importGraph(): Map<string, string[]> {
  const files = sourceFiles(SRC);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => resolve(dirname(file), m[1].replace(/\.js$/, '.ts')));
    graph.set(
      file,
      targets.filter((t) => known.has(t)),
    );
  }
  return graph;
}

/** The strongly connected components of more than one file (Tarjan). */
function loops(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(relative(SRC, w));
      } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

/** The layers, read from eslint.config.mjs so that the rule and this test cannot drift apart. */
function layers(): string[][] {
  const config = readFileSync(resolve(SRC, '../eslint.config.mjs'), 'utf8');
  const block = /const LAYERS = \[([\s\S]*?)\n\];/.exec(config)![1];
  return [...block.matchAll(/\[([^\]]*)\]/g)].map((m) => [...m[1].matchAll(/'([a-z]+)'/g)].map((x) => x[1]));
}

describe('the import graph of src/', () => {
  const graph = importGraph();

  it('has no loops, type-only imports included', () => {
    expect(loops(graph)).toEqual([]);
  });

  it('runs down the layers only: every folder of src/ has a layer, and imports only from lower ones', () => {
    const rank = new Map(layers().flatMap((folders, r) => folders.map((f): [string, number] => [f, r])));
    const folderOf = (file: string) => relative(SRC, file).split('/')[0];
    const folders = new Set([...graph.keys()].map(folderOf).filter((f) => !f.endsWith('.ts')));
    expect([...folders].filter((f) => !rank.has(f))).toEqual([]);
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      const from = folderOf(file);
      if (!rank.has(from)) continue;
      for (const t of targets) {
        const to = folderOf(t);
        if (to !== from && rank.get(to)! >= rank.get(from)!) upward.push(`${relative(SRC, file)} → ${relative(SRC, t)}`);
      }
    }
    expect(upward).toEqual([]);
  });
});
