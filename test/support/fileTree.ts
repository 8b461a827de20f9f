import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under `dir`, as relative path → content: two folders compare byte for byte. */
export function tree(dir: string, prefix = ''): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) for (const [k, v] of tree(join(dir, entry.name), `${rel}/`)) out.set(k, v);
    else out.set(rel, readFileSync(join(dir, entry.name)));
  }
  return out;
}
