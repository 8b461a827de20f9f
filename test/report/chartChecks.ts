import { expect } from 'vitest';
import { compile } from 'vega-lite';
import type { ReportChart } from '../../src/report/charts.js';
import { renderSvg } from '../../src/report/renderSvg.js';

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

/** Charts by name, and their SVGs once `render` (for a beforeAll) has run. */
export function renderedCharts(charts: readonly ReportChart[]) {
  const svgs = new Map<string, { svg: string; warnings: string[] }>();
  return {
    svgs,
    byName: (name: string): ReportChart => {
      const c = charts.find((x) => x.name === name);
      if (!c) throw new Error(`no chart ${name}`);
      return c;
    },
    render: async (): Promise<void> => {
      for (const c of charts) svgs.set(c.name, await renderSvg(c.spec));
    },
  };
}

/** The charts every batch report has, in page order (observed-data fans come after them). */
export const BATCH_CHARTS = [
  'spot-rent',
  'contract-rent',
  'capacity-demand-served',
  'utilisation-lead-time',
  'margins',
  'margins-by-archetype',
  'lessors',
  'regime-share',
  'red-onset',
  'probe-irr',
  'probe-npv',
];
