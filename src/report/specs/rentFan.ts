/**
 * The rent fan (spot or contract index): P5–P95 and P25–P75 bands and the median, the starting
 * rent and the cost floors (medians of the cash and full cost per hour sold) as reference lines,
 * and a few single runs drawn thin, so a reader sees that single paths swing while the median is
 * smooth. Observed points, where given, sit on top, and the scenario's events are numbered rules.
 * Every line has a tooltip.
 */
import type { Row } from '../chartTable.js';
import type { Spec } from './common.js';
import { fanSpec } from './fan.js';

export interface RentFanOptions {
  which: 'spot' | 'contract';
  currency: string;
  /** Numbers for the subtitle, computed from the bands. */
  subtitle: string;
}

export function rentFanSpec(rows: Row[], o: RentFanOptions): Spec {
  return fanSpec(rows, {
    title: o.which === 'spot' ? 'Spot rent index' : 'Contract rent index (new term contracts)',
    subtitle: o.subtitle,
    yTitle: `${o.which} rent (${o.currency} per ref-GPU-hour)`,
    isShare: false,
    height: 280,
    hoverLines: true,
  });
}
