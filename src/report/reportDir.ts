/** Where a report is written when no folder is given. */
import { basename, join, resolve } from 'node:path';

/**
 * Where a report goes by default: `reports/<slug>`, the slug being the batch folder's name without
 * a trailing `-batch` (reports/baseline-batch → reports/baseline). Should that be the batch folder
 * itself, `-report` is added, so a report never writes into its batch.
 */
export function defaultReportDir(batchDir: string): string {
  const name = basename(resolve(batchDir)).replace(/-batch$/, '') || 'batch';
  const dir = join('reports', name);
  return resolve(dir) === resolve(batchDir) ? `${dir}-report` : dir;
}
