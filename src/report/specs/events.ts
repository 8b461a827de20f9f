/**
 * The scenario's exogenous events on a time chart: a thin dashed rule at each event's month and,
 * at the top of the plot, the event's number, which the caption lists with its words. Numbers
 * rather than words: the shipped scenarios put five events in one year, whose words would lie over
 * each other on a phone. The words are in the tooltip of the rule and of the number, as data.
 *
 * Rows: kind `event`, month, series (its label), value (its number: 1, 2, … in month order).
 */
import { monthTip, monthX, only, type Layer } from './common.js';

export const EVENT_COLOUR = '#5c5c5c';

/** Numbers of events close in time are stacked over this many rows, so that they do not overlap. */
const TAG_ROWS = 3;
const TAG_ROW_HEIGHT = 11;

type MonthX = ReturnType<typeof monthX>;
/** The time encoding of monthX(), or of a panel that leaves the axis's title and labels to another. */
export type TimeX = MonthX | (Omit<MonthX, 'title' | 'axis'> & { title: null; axis: MonthX['axis'] & { labels: boolean } });

export interface EventLayerOptions {
  /** Write the events' numbers at the top of the plot (the top panel of a stacked chart); else rules only. */
  tags: boolean;
  /** The chart's own time encoding, where it differs from monthX() (a panel without axis labels). */
  x?: TimeX;
}

/** The layers that draw the event rows of a chart's data; nothing is drawn where there are none. */
export function eventLayers(o: EventLayerOptions): Layer[] {
  const x = o.x ?? monthX();
  const tooltip = [monthTip(), { field: 'series', type: 'nominal' as const, title: 'event' }];
  const layers: Layer[] = [
    { transform: [only('event')], mark: { type: 'rule', color: EVENT_COLOUR, strokeWidth: 1, strokeDash: [3, 2], opacity: 0.85 }, encoding: { x } },
    // A wide, invisible rule over the thin one gives the pointer something to find.
    { transform: [only('event')], mark: { type: 'rule', strokeWidth: 8, opacity: 0 }, encoding: { x, tooltip } },
  ];
  if (!o.tags) return layers;
  const tag = (halo: boolean): Layer => ({
    transform: [only('event'), { calculate: `2 + ${TAG_ROW_HEIGHT} * ((datum.value - 1) % ${TAG_ROWS})`, as: 'tagY' }],
    mark: {
      type: 'text',
      align: 'left',
      baseline: 'top',
      dx: 2,
      fontSize: 10,
      fontWeight: 'bold',
      color: halo ? 'white' : EVENT_COLOUR,
      ...(halo ? { stroke: 'white', strokeWidth: 3, strokeJoin: 'round' as const } : {}),
    },
    // A pixel position, not a value on the chart's axis.
    encoding: { x, y: { field: 'tagY', type: 'quantitative', scale: null }, text: { field: 'value', type: 'quantitative', format: 'd' }, ...(halo ? {} : { tooltip }) },
  });
  return [...layers, tag(true), tag(false)];
}
