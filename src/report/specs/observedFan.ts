/**
 * The fan of any metric that an observed-data file names (rents have their own charts): bands,
 * median and the observed points, with the share of points inside each band in the subtitle.
 */
import type { Row } from '../chartTable.js';
import type { Spec } from './common.js';
import { fanSpec } from './fan.js';

export interface ObservedFanOptions {
  /** The metric's full name. */
  metric: string;
  yTitle: string;
  isShare: boolean;
  subtitle: string;
  yMax?: number;
}

export function observedFanSpec(rows: Row[], o: ObservedFanOptions): Spec {
  return fanSpec(rows, { title: `Observed vs simulated: ${o.metric}`, subtitle: o.subtitle, yTitle: o.yTitle, isShare: o.isShare, yMax: o.yMax });
}
