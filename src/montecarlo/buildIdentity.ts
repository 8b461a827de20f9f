/**
 * What built the results a file carries: the package version and a hash of the code that computes
 * them (the model, the scenario schema with its defaults, the statistics and the batch code). A
 * shard or checkpoint from a changed model is then caught even when nobody bumped the version.
 * Such files are sealed: they carry that build and a checksum of their own JSON.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageVersion } from '../files/packageVersion.js';

/** Folders beside this one whose code decides a batch's numbers. */
const RESULT_CODE = ['model', 'scenario', 'stats', 'montecarlo'];

let cached: string | undefined;

export function buildIdentity(): string {
  if (cached !== undefined) return cached;
  const root = fileURLToPath(new URL('..', import.meta.url));
  const hash = createHash('sha256');
  for (const folder of RESULT_CODE) {
    for (const file of codeFiles(join(root, folder))) {
      hash.update(file.slice(root.length)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  cached = `${packageVersion()}+${hash.digest('hex').slice(0, 16)}`;
  return cached;
}

/** The code files under `dir`, in a fixed order (source maps and type declarations left out). */
function codeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...codeFiles(path));
    else if (/\.(js|ts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** A file's content as written: a SHA-256 of its JSON (which holds its `build`) as its last field. */
export function sealed<T extends { build: string }>(content: T): T & { checksum: string } {
  return { ...content, checksum: checksumOf(content) };
}

/** What is wrong with a sealed file's parsed JSON (an edit, damage, another build), or undefined. */
export function sealFault(json: { build?: unknown; checksum?: unknown }): string | undefined {
  const { checksum, ...content } = json;
  if (typeof checksum !== 'string' || checksumOf(content) !== checksum) return 'its content does not match its checksum: the file was edited or damaged';
  if (json.build !== buildIdentity()) return `written by another build of gpu-market (${String(json.build)}, this is ${buildIdentity()}): make it again with this one`;
  return undefined;
}

const checksumOf = (content: object): string => createHash('sha256').update(JSON.stringify(content)).digest('hex');
