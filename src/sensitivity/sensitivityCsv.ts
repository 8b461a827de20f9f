/** sensitivity.csv: the per-input values of sensitivity.json, one row per input, ranked as there. */
import { csvText } from '../format/csv.js';
import type { SensitivityDocument } from './sensitivityDocument.js';

const cell = (v: number | null | undefined): string => (v === null || v === undefined ? '' : String(v));

export function sensitivityCsv(doc: SensitivityDocument): string {
  const info = new Map(doc.inputs.map((x) => [x.path, x]));
  const distribution = (path: string) => info.get(path)?.distribution ?? '';
  if (doc.tornado) {
    const header = ['input', 'distribution', 'lowInput', 'highInput', 'low', 'high', 'swing', 'swingStandardError', 'base'];
    const base = cell(doc.tornado.base.value);
    return csvText([
      header,
      ...doc.tornado.bars.map((b) => [b.path, distribution(b.path), cell(b.lowInput), cell(b.highInput), cell(b.low), cell(b.high), cell(b.swing), cell(b.swingStandardError), base]),
    ]);
  }
  if (doc.sobol) {
    const header = ['input', 'distribution', 'firstOrder', 'firstOrderLow', 'firstOrderHigh', 'total', 'totalLow', 'totalHigh'];
    return csvText([
      header,
      ...doc.sobol.indices.map((x) => [x.path, distribution(x.path), cell(x.firstOrder), cell(x.firstOrderLow), cell(x.firstOrderHigh), cell(x.total), cell(x.totalLow), cell(x.totalHigh)]),
    ]);
  }
  if (doc.morris) {
    const header = ['input', 'distribution', 'mu', 'muStar', 'sigma', 'effects'];
    return csvText([header, ...doc.morris.effects.map((x) => [x.path, distribution(x.path), cell(x.mu), cell(x.muStar), cell(x.sigma), String(x.effects)])]);
  }
  throw new Error(`sensitivity document without results for ${doc.method}`);
}
