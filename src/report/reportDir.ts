/** Where a report is written when no folder is given. */
import { basename, join, resolve } from 'node:path';

/**
 * Where a report goes by default: `reports/<slug>`, the slug being the batch folder's name without
 * a trailing `-batch` (reports/baseline-batch → reports/baseline). Should that be the batch folder
 * itself, `-report` is added, so a report never writes into its batch.
 */
export function defaultReportDir(batchDir: string): string {
  const dir = join('reports', batchName(batchDir));
  return resolve(dir) === resolve(batchDir) ? `${dir}-report` : dir;
}

/** A batch folder's name without a trailing `-batch`: what the reports of the batch are named after. */
export const batchName = (batchDir: string): string => basename(resolve(batchDir)).replace(/-batch$/, '') || 'batch';
