/**
 * A chart as SVG text, drawn in Node: vega-lite compiles the spec to vega, and a headless vega
 * view (renderer "none") writes the SVG. Text widths are estimated, not measured (no canvas in
 * Node), and the ids vega numbers from a counter that lives as long as the process (clip paths)
 * are renumbered from 1 in each file, so the same spec gives the same bytes every time, on every
 * machine. Warnings from either library are collected rather than printed, and returned for the
 * caller (tests require none).
 */
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { Spec } from './specs/common.js';

export interface RenderedSvg {
  svg: string;
  warnings: string[];
}

export async function renderSvg(spec: Spec): Promise<RenderedSvg> {
  const warnings: string[] = [];
  const logger = collectingLogger(warnings);
  const { spec: vgSpec } = compile(spec, { logger });
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none', logger, logLevel: vega.Warn });
  try {
    return { svg: renumberIds(await view.toSVG()), warnings };
  } finally {
    view.finalize();
  }
}

/** Ids such as `clip66` renumbered `clip1`, `clip2` … in order of first appearance, references with them. */
export function renumberIds(svg: string): string {
  const ids = new Map<string, string>();
  const next = new Map<string, number>();
  for (const m of svg.matchAll(/\bid="([A-Za-z_-]+?)(\d+)"/g)) {
    const old = m[1] + m[2];
    if (ids.has(old)) continue;
    const n = (next.get(m[1]) ?? 0) + 1;
    next.set(m[1], n);
    ids.set(old, `${m[1]}${n}`);
  }
  return svg.replace(/(id="|url\(#|href="#)([A-Za-z_-]+?\d+)(?=[")])/g, (whole, lead: string, id: string) => {
    const renamed = ids.get(id);
    return renamed === undefined ? whole : lead + renamed;
  });
}

/** A vega logger that keeps warnings and errors as text. */
function collectingLogger(into: string[]): vega.LoggerInterface {
  let level = vega.Warn;
  const keep = (...args: readonly unknown[]) => into.push(args.map(String).join(' '));
  const logger: vega.LoggerInterface = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error: (...args: readonly unknown[]) => {
      keep(...args);
      return logger;
    },
    warn: (...args: readonly unknown[]) => {
      keep(...args);
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}
