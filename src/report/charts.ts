/**
 * The report's charts, in page order: for each, its file name, section, caption (how to read it),
 * data table and vega-lite spec. Pure: the batch and the observed scores in, charts out.
 */
import type { BatchData } from './batchData.js';
import {
  capacityTable,
  histogramTable,
  lessorsTable,
  LEAD_TIME,
  marginsByArchetypeTable,
  marginsTable,
  observedFanTable,
  redOnsetTable,
  regimeTable,
  rentTable,
  UTILISATION,
  utilisationLeadTimeTable,
} from './chartData.js';
import type { ChartTable } from './chartTable.js';
import { money, num, pct, prob } from './format.js';
import { axisTitle, metricLabel } from './metricUnits.js';
import type { ObservedScores } from './observedScores.js';
import { capacityDemandServedSpec } from './specs/capacityDemandServed.js';
import type { Spec } from './specs/common.js';
import { lessorsSpec } from './specs/lessors.js';
import { marginsSpec } from './specs/margins.js';
import { marginsByArchetypeSpec } from './specs/marginsByArchetype.js';
import { observedFanSpec } from './specs/observedFan.js';
import { probeIrrSpec } from './specs/probeIrr.js';
import { probeNpvSpec } from './specs/probeNpv.js';
import { redOnsetSpec } from './specs/redOnset.js';
import { regimeShareSpec } from './specs/regimeShare.js';
import { rentFanSpec } from './specs/rentFan.js';
import { utilisationLeadTimeSpec } from './specs/utilisationLeadTime.js';

export interface ReportChart {
  /** File name stem: charts/<name>.svg, data/<name>.csv. */
  name: string;
  section: string;
  /** How to read the chart, plain text. */
  caption: string;
  table: ChartTable;
  spec: Spec;
}

const SPOT = 'spotRentCcyPerRefGpuHour';
const CONTRACT = 'contractRentCcyPerRefGpuHour';
/** serverPaybackMonths writes 1200 for "never"; its axis stops here so the fan stays readable. */
const PAYBACK_AXIS_MONTHS = 240;

const BAND_WORDS = 'The light band holds 90 % of runs in each month (P5–P95), the darker band the middle half (P25–P75), and the thick line is the median.';

export function reportCharts(batch: BatchData, observed?: ObservedScores): ReportChart[] {
  const s = batch.summary;
  const ccy = s.currency;
  const scoreOf = (metric: string) => observed?.metrics.find((m) => m.metric === metric);
  const charts: ReportChart[] = [];

  for (const [which, metric] of [
    ['spot', SPOT],
    ['contract', CONTRACT],
  ] as const) {
    const table = rentTable(batch, metric, scoreOf(metric));
    const median = s.metrics[metric].p50;
    const t0 = median.findIndex((v) => v !== null);
    const peak = median.reduce<number>((best, v, t) => (v !== null && (best < 0 || v > (median[best] ?? -Infinity)) ? t : best), -1);
    const last = median.length - 1;
    const subtitle =
      t0 < 0
        ? 'no values'
        : `median ${money(median[t0]!)} in ${s.months[t0]}, peak ${money(median[peak]!)} in ${s.months[peak]}, ${median[last] === null ? 'no value' : money(median[last])} in ${s.months[last]}`;
    charts.push({
      name: `${which}-rent`,
      section: 'Rents',
      caption:
        which === 'spot'
          ? `The volume-weighted price of each month's spot trades, in ${ccy} per reference-GPU-hour. ${BAND_WORDS} Thin grey lines are single runs: one path swings much more than the median. The dashed lines are the median cash cost and full cost per hour rented, the floors below which lessors lose cash or capital; the dotted line is the median starting rent.`
          : `The price of the term contracts signed each month, in ${ccy} per reference-GPU-hour, drawn like the spot rent above. Contracts sell for less than spot and lag it.`,
      table,
      spec: rentFanSpec(table.rows, { which, currency: ccy, subtitle }),
    });
  }

  const capacity = capacityTable(batch);
  charts.push({
    name: 'capacity-demand-served',
    section: 'Capacity and use',
    caption:
      "Lessors' capacity, developers' rental demand (signed contracts count in full) and the hours actually rented, in million reference-GPU-hours a month: median lines and P5–P95 bands. Demand above capacity means renters queue; capacity above the hours served means idle GPUs.",
    table: capacity,
    spec: capacityDemandServedSpec(capacity.rows),
  });
  const use = utilisationLeadTimeTable(batch);
  charts.push({
    name: 'utilisation-lead-time',
    section: 'Capacity and use',
    caption: `Utilisation is hours rented divided by capacity; the vendor's lead time is its order backlog divided by its monthly output. Both high is the blue ocean: renters wait for chips and lessors rent out everything they have. ${BAND_WORDS}`,
    table: use,
    spec: utilisationLeadTimeSpec(
      use.rows.filter((r) => r.series === UTILISATION),
      use.rows.filter((r) => r.series === LEAD_TIME),
    ),
  });

  const margins = marginsTable(batch);
  const net = s.metrics.netMargin?.p50 ?? [];
  const lastNet = net[net.length - 1];
  charts.push({
    name: 'margins',
    section: 'Margins',
    caption:
      'The industry margins as a share of revenue. Gross margin = revenue − energy − space − operations − depreciation; net margin = EBITDA − depreciation − interest − tax. Lighter bands P5–P95, darker bands P25–P75, lines the medians; below the zero line the industry loses money.',
    table: margins,
    spec: marginsSpec(margins.rows, lastNet === null || lastNet === undefined ? 'medians with P25–P75 and P5–P95 bands' : `median net margin ${pct(lastNet)} in ${s.months[net.length - 1]}`),
  });
  const byArchetype = marginsByArchetypeTable(batch);
  charts.push({
    name: 'margins-by-archetype',
    section: 'Margins',
    caption:
      'The same margins for each kind of lessor: incumbent clouds, specialised GPU clouds and entrants from other industries, medians with P5–P95 bands. An archetype with no revenue in a month counts as 0; one with almost none can have a huge negative margin, so the axis stops at −100 %.',
    table: byArchetype,
    spec: marginsByArchetypeSpec(byArchetype.rows),
  });

  const lessors = lessorsTable(batch);
  charts.push({
    name: 'lessors',
    section: 'Lessors',
    caption:
      'Above: the number of active lessors (bands and median) and the median of each archetype. Below: lessors entering and leaving, as the mean number per month across runs (in most runs and months there is none, so the median would be 0).',
    table: lessors,
    spec: lessorsSpec(lessors.rows),
  });

  const regimes = regimeTable(batch);
  charts.push({
    name: 'regime-share',
    section: 'Regimes',
    caption:
      'For each month, the share of runs in the blue ocean (high utilisation, long lead times, rent well above full cost), in transition, or in the red ocean (rent at or below full cost with a negative industry net margin).',
    table: regimes,
    spec: regimeShareSpec(regimes.rows, 'share of runs in each regime'),
  });
  const onset = redOnsetTable(batch);
  const total = batch.outcomes.length;
  const never = batch.outcomes.filter((r) => r.redOnsetMonth === null).length;
  charts.push({
    name: 'red-onset',
    section: 'Regimes',
    caption:
      "The red-ocean onset is the first month of the first red spell that lasts at least the scenario's sustainMonths. Bars: the share of all runs whose onset falls in the month. Line (right axis): the running total, P(red ocean by the end of the month). Runs that never turn red are in neither.",
    table: onset,
    spec: redOnsetSpec(onset.rows, total === 0 ? 'no completed runs' : `never red in ${pct(never / total)} of runs (${never} of ${total})`),
  });

  const hurdle = s.probeHurdleIrr;
  const irrs = batch.outcomes.map((r) => r.probeIrr);
  if (hurdle !== null && irrs.some((v) => v !== null)) {
    const irr = histogramTable(irrs, hurdle, `hurdle ${pct(hurdle)}`);
    const notes = [
      s.probeIrrAboveHurdle === null ? undefined : `P(IRR > ${pct(hurdle)}) = ${prob(s.probeIrrAboveHurdle)}`,
      irr.missing > 0 ? `${irr.missing} run${irr.missing === 1 ? '' : 's'} without an IRR` : undefined,
      irr.clipped > 0 ? `${irr.clipped} runs beyond P1–P99 counted in the end bins` : undefined,
    ].filter((x) => x !== undefined);
    charts.push({
      name: 'probe-irr',
      section: 'Probe investment',
      caption:
        "The yearly IRR of the probe position's equity cash flows, one value per run. The dashed line is the hurdle rate; bars above it are in the strong colour. Runs whose cash flows never change sign have no IRR and are not drawn; the few most extreme runs are counted in the end bins.",
      table: irr,
      spec: probeIrrSpec(irr.rows, notes.join(' · ')),
    });
  }
  const npvs = batch.outcomes.map((r) => r.probeNpvCcy);
  if (npvs.some((v) => v !== null)) {
    const npv = histogramTable(npvs, 0, 'NPV = 0', 1e-6);
    const present = npvs.filter((v): v is number => v !== null);
    const positive = present.filter((v) => v > 0).length / npvs.length;
    const notes = [`P(NPV > 0) = ${prob(positive)}`, npv.clipped > 0 ? `${npv.clipped} runs beyond P1–P99 counted in the end bins` : undefined].filter((x) => x !== undefined);
    charts.push({
      name: 'probe-npv',
      section: 'Probe investment',
      caption: `The probe position's net present value at its discount rate, in million ${ccy}, one value per run; right of the dashed line the position creates value.`,
      table: npv,
      spec: probeNpvSpec(npv.rows, ccy, notes.join(' · ')),
    });
  }

  for (const score of observed?.metrics ?? []) {
    if (score.metric === SPOT || score.metric === CONTRACT) continue;
    const table = observedFanTable(batch, score);
    const label = metricLabel(score.metric, ccy);
    const n = score.points.length;
    const p95 = s.metrics[score.metric].p95.filter((v): v is number => v !== null);
    const yMax = score.metric === 'serverPaybackMonths' && Math.max(...p95, ...score.points.map((p) => p.scoredAt)) > PAYBACK_AXIS_MONTHS ? PAYBACK_AXIS_MONTHS : undefined;
    const subtitle = [
      `${Math.round(score.inside90 * n)} of ${n} observed inside P5–P95, ${Math.round(score.inside50 * n)} inside P25–P75`,
      `mean CRPS ${label.isShare ? `${num(score.meanCrps * 100)} points` : num(score.meanCrps)}`,
      ...(yMax === undefined ? [] : [`axis cut at ${yMax} months (1200 = never)`]),
    ].join(' · ');
    charts.push({
      name: `observed-${score.metric}`,
      section: 'Observed data',
      caption: `The bands and median of ${score.metric} with what was observed: points as diamonds, intervals as bars from their low to their high end, and bounds as triangles pointing the way they hold (▲ at least, ▼ at most). ${BAND_WORDS}`,
      table,
      spec: observedFanSpec(table.rows, { metric: score.metric, yTitle: axisTitle(label), isShare: label.isShare, subtitle, yMax }),
    });
  }
  return charts;
}
