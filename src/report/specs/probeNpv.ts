/**
 * The probe investment's NPV across runs, in millions of the scenario's currency, with zero as a
 * rule and P(NPV > 0) in the subtitle.
 */
import type { Row } from '../chartTable.js';
import type { Spec } from './common.js';
import { histogramSpec } from './histogram.js';

export function probeNpvSpec(rows: Row[], currency: string, subtitle: string): Spec {
  return histogramSpec(rows, {
    title: 'Probe investment: NPV distribution',
    subtitle,
    xTitle: `NPV at the probe's discount rate (million ${currency})`,
    format: ',.0f',
    aboveLabel: 'NPV > 0',
    belowLabel: 'NPV ≤ 0',
  });
}
