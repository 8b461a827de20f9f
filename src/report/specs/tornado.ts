/**
 * A tornado chart: for each uncertain input, ranked by its swing, the outcome with that input at
 * its P10 and at its P90 while every other input stays at its median, drawn as bars from the base
 * value (every input at its median, the dashed line). Two bars per input, so a non-monotone effect
 * (both ends on one side of the base) is seen rather than hidden.
 *
 * Rows: kind `bar` (input, order, side, inputValue, value, base, change) and kind `base` (value).
 */
import type { Row } from '../chartTable.js';
import { COLOURS, ROW_LABEL_LIMIT, rowsWidth, topLevel, type Layer, type Spec } from './common.js';

export interface TornadoOptions {
  subtitle: string;
  xTitle: string;
  /** Legend texts of the two ends, for example "input at P10". */
  lowLabel: string;
  highLabel: string;
}

export function tornadoSpec(rows: Row[], o: TornadoOptions): Spec {
  const x = { field: 'value', type: 'quantitative' as const, title: o.xTitle, scale: { zero: false }, axis: { format: ',.4~r' } };
  const y = { field: 'input', type: 'nominal' as const, sort: null, title: null, scale: { paddingInner: 0.3 }, axis: { labelLimit: ROW_LABEL_LIMIT } };
  const yOffset = { field: 'side', type: 'nominal' as const, scale: { domain: [o.lowLabel, o.highLabel], paddingInner: 0.1 } };
  const color = { field: 'side', type: 'nominal' as const, scale: { domain: [o.lowLabel, o.highLabel], range: [COLOURS.low, COLOURS.high] }, legend: { title: null } };
  const tooltip = [
    { field: 'input', type: 'nominal' as const, title: 'input' },
    { field: 'side', type: 'nominal' as const, title: 'set to' },
    { field: 'inputValue', type: 'quantitative' as const, title: 'input value', format: ',.4~r' },
    { field: 'value', type: 'quantitative' as const, title: 'outcome', format: ',.4~r' },
    { field: 'change', type: 'quantitative' as const, title: 'change from base', format: '+,.3~r' },
  ];
  const ends = rows.filter((r) => r.kind === 'bar' && typeof r.value === 'number');
  const base = rows.find((r) => r.kind === 'base' && typeof r.value === 'number');
  // Layers only for what there is: vega warns of an empty layer's infinite extent.
  const layer: Layer[] = [];
  if (base) {
    layer.push({
      transform: [{ filter: "datum.kind === 'bar' && isValid(datum.value)" }],
      mark: { type: 'bar', height: { band: 0.92 } },
      encoding: { y, yOffset, x, x2: { field: 'base' }, color, tooltip },
    });
    layer.push({
      transform: [{ filter: "datum.kind === 'base'" }],
      mark: { type: 'rule', color: COLOURS.rule, strokeWidth: 1.4, strokeDash: [5, 3] },
      encoding: { x: { field: 'value', type: 'quantitative' } },
    });
  } else if (ends.length > 0) {
    // Without a base value (no run with every input at its median had one) the ends are points.
    layer.push({
      transform: [{ filter: "datum.kind === 'bar' && isValid(datum.value)" }],
      mark: { type: 'point', filled: true, size: 70, opacity: 1 },
      encoding: { y, yOffset: { ...yOffset, scale: { domain: yOffset.scale.domain } }, x, color, tooltip },
    });
  }
  return {
    ...topLevel('Tornado: the outcome with each input at its P10 and its P90', o.subtitle),
    width: rowsWidth(rows.map((r) => r.input)),
    height: { step: 44, for: 'position' },
    data: { values: rows },
    layer,
  };
}
