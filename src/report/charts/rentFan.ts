/** The spot and the contract rent index: fans, single runs, cost floors, the index's own starting rent, observed points and events. */
import { rentTable } from '../chartData.js';
import { money } from '../format.js';
import { rentFanSpec } from '../specs/rentFan.js';
import { BAND_WORDS, CONTRACT, eventsSentence, scoreOf, SPOT, type BatchChart } from './chart.js';

export const rentFan =
  (which: 'spot' | 'contract'): BatchChart =>
  (inputs) => {
    const { batch } = inputs;
    const s = batch.summary;
    const ccy = s.currency;
    const metric = which === 'spot' ? SPOT : CONTRACT;
    const table = rentTable(batch, metric, scoreOf(inputs, metric));
    const median = s.metrics[metric].p50;
    const t0 = median.findIndex((v) => v !== null);
    const last = median.length - 1;
    // The start and the end only: where and how high the rent peaks is the verdict's, with its definition.
    const subtitle = t0 < 0 ? 'no values' : `median over runs ${money(median[t0]!)} in ${s.months[t0]}, ${median[last] === null ? 'no value' : money(median[last])} in ${s.months[last]}`;
    return [
      {
        name: `${which}-rent`,
        section: 'Rents',
        caption:
          which === 'spot'
            ? `The volume-weighted price of each month's spot trades, in ${ccy} per reference-GPU-hour. ${BAND_WORDS} Thin grey lines are single runs: one path swings much more than the median. The dashed lines are the median cash cost and full cost per hour rented, the floors below which lessors lose cash or capital; the dotted line is the median starting rent.${eventsSentence(batch)}`
            : `The price of the term contracts signed each month, in ${ccy} per reference-GPU-hour, drawn like the spot rent above; the dotted line is the contract index's own starting rent (the median of its first month), not the spot rent's. Contracts sell for less than spot and lag it.${eventsSentence(batch)}`,
        table,
        spec: rentFanSpec(table.rows, { which, currency: ccy, subtitle }),
      },
    ];
  };
