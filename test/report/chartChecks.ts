import { expect } from 'vitest';
import { compile } from 'vega-lite';
import type { ReportChart } from '../../src/report/charts.js';

/** The kinds of marks an SVG from vega draws (area, line, rule, symbol, …), one entry per mark group with a shape. */
export const marks = (svg: string): string[] => [...svg.matchAll(/<g class="mark-(\w+) role-mark[^"]*"[^>]*>\s*<(path|rect|line)\b/g)].map((m) => m[1]);

/** Every chart compiles as vega-lite without a warning and rendered to an SVG with marks. */
export function expectCleanCharts(charts: readonly ReportChart[], svgs: ReadonlyMap<string, { svg: string; warnings: string[] }>): void {
  for (const c of charts) {
    const warnings: string[] = [];
    const log = (...a: unknown[]) => warnings.push(a.join(' '));
    compile(c.spec, { logger: { level: () => 0, warn: log, info: () => {}, debug: () => {}, error: log } as never });
    const { svg, warnings: renderWarnings } = svgs.get(c.name)!;
    expect([...warnings, ...renderWarnings], c.name).toEqual([]);
    expect(svg.startsWith('<svg'), c.name).toBe(true);
    expect(marks(svg).length, `${c.name} has marks`).toBeGreaterThan(0);
  }
}
