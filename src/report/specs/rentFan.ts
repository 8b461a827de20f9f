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
import { rentUnitWords, type RentUnit } from '../../analysis/rentUnit.js';

export interface RentFanOptions {
  which: 'spot' | 'contract';
  currency: string;
  /** Numbers for the subtitle, computed from the bands. */
  subtitle: string;
  /** The generation whose own index the rows hold; per ref-GPU-hour without one. */
  unit?: RentUnit;
}

export function rentFanSpec(rows: Row[], o: RentFanOptions): Spec {
  const title = o.which === 'spot' ? 'Spot rent index' : 'Contract rent index (new term contracts)';
  const words = rentUnitWords(o.currency, o.unit);
  return fanSpec(rows, {
    title: o.unit ? `${o.unit.generation} ${title.charAt(0).toLowerCase()}${title.slice(1)}` : title,
    subtitle: o.subtitle,
    yTitle: `${o.which} rent (${words})`,
    isShare: false,
    height: 280,
    hoverLines: true,
    // A page in another unit than the default says so on every value a reader hovers over.
    ...(o.unit ? { tipUnit: words } : {}),
  });
}
