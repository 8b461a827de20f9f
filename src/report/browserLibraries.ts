/**
 * The browser builds of vega, vega-lite and vega-embed, read from their installed packages to be
 * inlined into the report page (the page may load nothing from anywhere). Each package names its
 * browser build in package.json (`unpkg`); the packages' export maps hide package.json, so it is
 * found by walking up from the package's entry point.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface BrowserLibraries {
  vega: string;
  vegaLite: string;
  vegaEmbed: string;
}

const require = createRequire(import.meta.url);
let cached: BrowserLibraries | undefined;

export function browserLibraries(): BrowserLibraries {
  cached ??= { vega: build('vega'), vegaLite: build('vega-lite'), vegaEmbed: build('vega-embed') };
  return cached;
}

function build(name: string): string {
  const root = packageRoot(name);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { unpkg?: unknown };
  if (typeof pkg.unpkg !== 'string') throw new Error(`${name}: package.json names no browser build (unpkg)`);
  const text = readFileSync(join(root, pkg.unpkg), 'utf8');
  // Inlined as the text of a <script> element, which ends at the first "</script".
  if (/<\/script|<!--/i.test(text)) throw new Error(`${name}: the browser build contains "</script" or "<!--" and cannot be inlined`);
  return text;
}

function packageRoot(name: string): string {
  let dir = dirname(require.resolve(name));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === name) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the package folder of ${name}`);
    dir = up;
  }
}
