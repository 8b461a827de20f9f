/**
 * Utilisation (hours served / capacity) above, and the vendor's lead time (backlog / monthly
 * output) below, on one time axis: the two signals of scarcity that define the blue ocean. The
 * scenario's events are rules on both, numbered on the upper one.
 */
import type { Row } from '../chartTable.js';
import { CONFIG, SCHEMA, type Spec } from './common.js';
import { fanSpec } from './fan.js';

/** A fan as a panel of a composed chart: the top-level-only properties taken off. */
function panel(spec: Spec) {
  const { $schema: _schema, config: _config, ...rest } = spec;
  return rest as Extract<Spec, { vconcat: unknown }>['vconcat'][number];
}

export function utilisationLeadTimeSpec(utilisation: Row[], leadTime: Row[]): Spec {
  return {
    $schema: SCHEMA,
    config: CONFIG,
    vconcat: [
      panel(fanSpec(utilisation, { title: 'Utilisation', subtitle: 'hours served / capacity', yTitle: 'utilisation (share)', isShare: true, height: 170 })),
      panel(fanSpec(leadTime, { title: 'Vendor lead time', subtitle: 'order backlog / monthly output', yTitle: 'lead time (months)', isShare: false, height: 170, eventTags: false })),
    ],
    spacing: 24,
  };
}
