/**
 * The spot and the contract rent index: fans, single runs, cost floors, the index's own starting
 * rent, observed points and events. Per reference-GPU-hour, or in a generation's unit its own
 * index, with the cost floors converted at its perfRatio and said to be.
 */
import { firstRentMonth, rentMetric, rentTable, unitRentTable } from '../chartData.js';
import { money, num } from '../format.js';
import { rentFanSpec } from '../specs/rentFan.js';
import { BAND_WORDS, eventsSentence, scoreOf, type BatchChart, type ChartInputs, type ReportChart } from './chart.js';
import { rentUnitWords, type RentUnit } from '../../analysis/rentUnit.js';

export const rentFan =
  (which: 'spot' | 'contract'): BatchChart =>
  (inputs) => {
    if (inputs.unit) return [unitRentFan(which, inputs, inputs.unit)];
    const { batch } = inputs;
    const s = batch.summary;
    const ccy = s.currency;
    const metric = rentMetric(which, undefined);
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

/** The rent chart in a generation's unit: its own index, from its first month with a rent. */
function unitRentFan(which: 'spot' | 'contract', inputs: ChartInputs, unit: RentUnit): ReportChart {
  const { batch } = inputs;
  const s = batch.summary;
  const g = unit.generation;
  const words = rentUnitWords(s.currency, unit);
  const metric = rentMetric(which, unit);
  const table = unitRentTable(batch, which, unit, scoreOf(inputs, metric));
  const median = s.metrics[metric].p50;
  const t0 = firstRentMonth(s, metric);
  const last = median.length - 1;
  const subtitle = t0 < 0 ? `no ${g} rent within the horizon` : `median over runs ${money(median[t0] ?? 0)} in ${s.months[t0]}, ${money(median[last] ?? 0)} in ${s.months[last]} (${words})`;
  const launch = t0 > 0 ? ` Before ${s.months[t0]} no run has ${g} ${which} trades, so no rent is drawn.` : '';
  const costs =
    unit.perfRatio === null
      ? ` The cost floors are not drawn: the model keeps costs per reference-GPU-hour only, and the batch folder holds no resolved scenario to give the ${g}'s perfRatio to convert them at.`
      : ` The dashed lines are the median cash cost and full cost per hour rented, the floors below which lessors lose cash or capital; the model keeps these per reference-GPU-hour only, so they are converted: multiplied by the ${g}'s perfRatio of ${num(unit.perfRatio)} (reference-GPU-hours in one ${g}-hour), hence "converted" in the legend.`;
  const index = `the ${g}'s own ${which} index (summary.json's ${metric})`;
  return {
    name: `${which}-rent`,
    section: 'Rents',
    caption:
      which === 'spot'
        ? `The volume-weighted price of each month's spot trades of ${g} GPUs, ${index}, in ${words}: the model prices each generation on its own, so this is the ${g}'s own rent, not the market-wide index scaled. ${BAND_WORDS} Thin grey lines are single runs.${costs} The dotted line is the median of the index's first month.${launch}${eventsSentence(batch)}`
        : `The price of the term contracts for ${g} GPUs signed each month, ${index}, in ${words}, drawn like the spot rent above; the dotted line is the median of its first month.${costs}${launch}${eventsSentence(batch)}`,
    table,
    spec: rentFanSpec(table.rows, { which, currency: s.currency, subtitle, unit }),
  };
}
