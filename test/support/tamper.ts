/** Editing a file that carries a SHA-256 checksum of its own JSON (shards, checkpoints), as a test of its checks. */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';

/**
 * Writes to `path` a copy of `original` changed by `edit`. With `reseal`, the checksum is recomputed,
 * as a forger would: the file's other checks must then catch the change.
 */
export function writeTampered<T extends object>(path: string, original: T, edit: (copy: any) => void, reseal: boolean): void {
  const copy = structuredClone(original) as Record<string, unknown>;
  edit(copy);
  if (reseal) {
    delete copy.checksum;
    copy.checksum = createHash('sha256').update(JSON.stringify(copy)).digest('hex');
  }
  writeFileSync(path, JSON.stringify(copy));
}
