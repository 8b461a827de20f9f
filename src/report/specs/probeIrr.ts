/**
 * The probe investment's IRR across runs, with the hurdle rate as a rule and P(IRR > hurdle) in the
 * subtitle. The x axis is in per cent a year.
 */
import type { Row } from '../chartTable.js';
import type { Spec } from './common.js';
import { histogramSpec } from './histogram.js';

export function probeIrrSpec(rows: Row[], subtitle: string): Spec {
  return histogramSpec(rows, {
    title: 'Probe investment: IRR distribution',
    subtitle,
    xTitle: 'IRR of the equity cash flows (% a year)',
    format: '.0%',
    aboveLabel: 'above the hurdle',
    belowLabel: 'at or below the hurdle',
  });
}
