/**
 * The comparison page's charts, in page order, each with its table (its CSV file): the key
 * metrics' fans of every batch overlaid, the red ocean by month, and the outcome distributions
 * side by side. All over the months the batches have in common. A metric that one batch lacks
 * (a generation's own metric, where the scenarios have other generations) is drawn for those that
 * have it, and the caption says which do not.
 */
import { monthToIndex, indexToMonth } from '../../model/calendar.js';
import { outcomeColumn, outcomeUnit, type OutcomeName } from '../../model/outcomeColumns.js';
import { quantileSorted } from '../../stats/quantile.js';
import { histogramBins, type Bin } from '../bins.js';
import { bandRows } from '../chartData.js';
import type { ChartTable, Row } from '../chartTable.js';
import { CONTRACT, SPOT, type ReportChart } from '../charts/chart.js';
import { num, pct, prob } from '../format.js';
import { axisTitle, metricLabel } from '../metricUnits.js';
import type { ComparedBatch } from './compareInput.js';
import { BATCH_COLOURS, boxSpec, compareFanSpec, IN_RED, irrSpec, RED_BY, redOceanSpec, type Series } from './specs.js';

const FAN_WORDS = 'Each batch in its colour: the light band holds 90 % of its runs in each month (P5–P95), the darker band the middle half (P25–P75), and the line is its median.';

const FANS = [
  { name: 'spot-rent', metric: SPOT, section: 'Rents', title: 'Spot rent index', words: "The volume-weighted price of each month's spot trades." },
  { name: 'contract-rent', metric: CONTRACT, section: 'Rents', title: 'Contract rent index (new term contracts)', words: 'The price of the term contracts signed each month.' },
  { name: 'utilisation', metric: 'utilisation', section: 'Market', title: 'Utilisation', words: "Hours rented over lessors' capacity." },
  { name: 'lead-time', metric: 'leadTimeMonths', section: 'Market', title: "The vendor's lead time", words: 'Months from an order to its delivery: the backlog over output, plus shipping.' },
  {
    name: 'gross-margin',
    metric: 'grossMargin',
    section: 'Margins',
    title: 'Industry gross margin',
    words: 'Revenue less energy, space, operations and depreciation, as a share of revenue; below the zero line the industry loses money.',
  },
  {
    name: 'net-margin',
    metric: 'netMargin',
    section: 'Margins',
    title: 'Industry net margin',
    words: 'EBITDA less depreciation, interest and tax, as a share of revenue; below the zero line the industry loses money.',
  },
] as const;

/** The outcomes drawn as a box per batch: title, the axis's words (its unit added) and number format. */
const BOXES: readonly { outcome: OutcomeName; title: string; axis: string; format: string }[] = [
  { outcome: 'peakRentCcyPerRefGpuHour', title: 'Peak spot rent', axis: 'peak spot rent', format: ',.3~r' },
  { outcome: 'troughAfterPeakCcyPerRefGpuHour', title: 'Lowest spot rent after the peak', axis: 'trough after the peak', format: ',.3~r' },
  { outcome: 'maxFallFromPeak', title: 'Largest fall from a peak', axis: 'fall from a peak', format: '.0%' },
  { outcome: 'redOnsetMonth', title: 'Red-ocean onset', axis: 'month', format: '' },
  { outcome: 'lessorsAtEnd', title: 'Active lessors in the last month', axis: 'active lessors', format: ',.3~r' },
  { outcome: 'probeNpvCcy', title: 'Probe investment: NPV', axis: 'NPV at entry', format: '~s' },
];

/** Each batch keeps its colour (by its letter) on every chart, whichever batches a chart draws. */
const seriesOf = (batches: readonly ComparedBatch[]): Series => batches.map((b) => [b.label, BATCH_COLOURS[b.key.charCodeAt(0) - 65]] as const);

/** "A 12.3 · B 9.8": a number per batch, by its letter. */
const byKey = (batches: readonly ComparedBatch[], value: (b: ComparedBatch) => string): string => batches.map((b) => `${b.key} ${value(b)}`).join(' · ');

/** The median of `metric` in `month`, or null where the batch has none. */
function medianAt(b: ComparedBatch, metric: string, month: string): number | null {
  const s = b.batch.summary;
  return s.metrics[metric]?.p50[s.months.indexOf(month)] ?? null;
}

function fanChart(f: (typeof FANS)[number], batches: readonly ComparedBatch[], months: readonly string[]): ReportChart[] {
  const drawn = batches.filter((b) => Object.hasOwn(b.batch.summary.metrics, f.metric));
  if (drawn.length === 0) return [];
  const label = metricLabel(f.metric, batches[0].batch.summary.currency);
  const inMonths = new Set(months);
  const rows = drawn.flatMap((b) => bandRows(b.batch.summary, f.metric, b.label).filter((r) => inMonths.has(String(r.month))));
  const last = months[months.length - 1];
  const value = (v: number | null) => (v === null ? 'none' : label.isShare ? pct(v) : num(v));
  const missing = batches.filter((b) => !drawn.includes(b)).map((b) => b.key);
  const table: ChartTable = { columns: ['kind', 'series', 'month', 'p5', 'p25', 'p50', 'p75', 'p95'], rows };
  return [
    {
      name: f.name,
      section: f.section,
      caption: `${f.words} ${FAN_WORDS}${missing.length === 0 ? '' : ` Not drawn: ${missing.join(', ')}, whose summary has no ${f.metric}.`}`,
      table,
      spec: compareFanSpec(rows, seriesOf(drawn), {
        title: f.title,
        subtitle: `median in ${last}: ${byKey(drawn, (b) => value(medianAt(b, f.metric, last)))}`,
        yTitle: axisTitle(label),
        isShare: label.isShare,
        margin: f.metric.endsWith('Margin'),
      }),
    },
  ];
}

/** The share of a batch's runs with a red-ocean onset by each of `months`. */
function turnedRed(b: ComparedBatch, months: readonly string[]): number[] {
  const onsets = b.outcomes.redOnsetMonth.filter((v): v is number => v !== null);
  return months.map((m) => onsets.filter((t) => t <= monthToIndex(m)).length / Math.max(1, b.runs.length));
}

function redOceanChart(batches: readonly ComparedBatch[], months: readonly string[]): ReportChart {
  const rows: Row[] = batches.flatMap((b) => {
    const s = b.batch.summary;
    const by = turnedRed(b, months);
    return months.flatMap((month, t) => [
      { series: b.label, measure: IN_RED, month, share: s.probabilities.red[s.months.indexOf(month)] ?? null },
      { series: b.label, measure: RED_BY, month, share: by[t] },
    ]);
  });
  const last = months[months.length - 1];
  return {
    name: 'red-ocean',
    section: 'Red ocean',
    caption:
      "Solid lines: the share of each batch's runs whose month is red (the rent at or below full cost, with the industry's net margin negative). Dashed lines: the share of runs whose red ocean has begun by the month (a red spell of at least the scenario's sustainMonths), which never falls. The table below gives the second at each year end, with the difference and its interval.",
    table: { columns: ['series', 'measure', 'month', 'share'], rows },
    spec: redOceanSpec(rows, seriesOf(batches), `turned red by ${last}: ${byKey(batches, (b) => pct(turnedRed(b, [last])[0]))}`),
  };
}

/** Each value's bin among `bins` (equal widths), values beyond them in the end bins, as histogramBins counts. */
function binCounts(values: readonly number[], bins: readonly Bin[]): number[] {
  const counts = bins.map(() => 0);
  const step = bins[0].end - bins[0].start;
  for (const v of values) counts[Math.min(bins.length - 1, Math.max(0, Math.floor((v - bins[0].start) / step)))]++;
  return counts;
}

function irrChart(batches: readonly ComparedBatch[]): ReportChart[] {
  const irrs = batches.map((b) => b.outcomes.probeIrr.filter((v): v is number => v !== null));
  const pooled = irrs.flat();
  if (pooled.length === 0) return [];
  const hurdles = [...new Set(batches.map((b) => b.batch.summary.probeHurdleIrr).filter((h): h is number => h !== null))];
  const { bins } = histogramBins(pooled, hurdles[0] ?? 0);
  const rows: Row[] = batches.flatMap((b, i) => {
    const counts = binCounts(irrs[i], bins);
    const share = (n: number) => n / Math.max(1, b.runs.length);
    return [
      ...bins.map((bin, k): Row => ({ kind: 'bin', series: b.label, binStart: bin.start, binEnd: bin.end, runs: counts[k], share: share(counts[k]) })),
      { kind: 'edge', series: b.label, binStart: bins[bins.length - 1].end, binEnd: null, runs: null, share: share(counts[counts.length - 1]) },
    ];
  });
  rows.push(...hurdles.map((h): Row => ({ kind: 'threshold', series: `hurdle ${pct(h)}`, binStart: null, binEnd: null, runs: null, share: null, value: h })));
  const above = byKey(batches, (b) => (b.batch.summary.probeIrrAboveHurdle === null ? 'none' : prob(b.batch.summary.probeIrrAboveHurdle)));
  return [
    {
      name: 'probe-irr',
      section: 'Outcome distributions',
      caption:
        "The yearly IRR of the probe position's equity cash flows: each batch's histogram over the same bins, as the share of its runs in each bin. The dashed line is the hurdle rate. Runs whose cash flows never change sign have no IRR and are not drawn; the few most extreme runs (beyond the 1st and 99th percentiles of all batches' runs) are counted in the end bins.",
      table: { columns: ['kind', 'series', 'binStart', 'binEnd', 'runs', 'share', 'value'], rows },
      spec: irrSpec(rows, seriesOf(batches), `P(IRR > hurdle): ${above}`),
    },
  ];
}

function boxChart(box: (typeof BOXES)[number], batches: readonly ComparedBatch[]): ReportChart[] {
  const column = outcomeColumn(box.outcome)!;
  const months = column.kind === 'month';
  const rows: Row[] = [];
  for (const b of batches) {
    const values = b.outcomes[box.outcome].filter((v): v is number => v !== null).sort((x, y) => x - y);
    if (values.length === 0) continue;
    const q = (level: number) => (months ? indexToMonth(Math.round(quantileSorted(values, level))) : quantileSorted(values, level));
    rows.push({ key: b.key, series: b.label, p5: q(0.05), p25: q(0.25), p50: q(0.5), p75: q(0.75), p95: q(0.95), withValue: values.length, runs: b.runs.length });
  }
  if (rows.length === 0) return [];
  const drawn = batches.filter((b) => rows.some((r) => r.key === b.key));
  const unit = outcomeUnit(column, batches[0].batch.summary.currency);
  const none = batches.filter((b) => !drawn.includes(b)).map((b) => b.key);
  const subtitle = months
    ? `runs with no onset: ${byKey(batches, (b) => `${b.runs.length - b.outcomes[box.outcome].filter((v) => v !== null).length} of ${b.runs.length}`)}`
    : `medians: ${rows.map((r) => `${String(r.key)} ${box.format === '.0%' ? pct(Number(r.p50)) : num(Number(r.p50))}`).join(' · ')}`;
  return [
    {
      name: `distribution-${box.outcome}`,
      section: 'Outcome distributions',
      caption: `${column.about[0].toUpperCase()}${column.about.slice(1)}, over each batch's runs: the whisker spans P5–P95, the box P25–P75, the tick is the median.${months ? ' Runs that never turn red have no onset and are counted in the subtitle.' : ''}${none.length === 0 ? '' : ` No run of ${none.join(', ')} has a value.`}`,
      table: { columns: ['key', 'series', 'p5', 'p25', 'p50', 'p75', 'p95', 'withValue', 'runs'], rows },
      spec: boxSpec(rows, seriesOf(drawn), { title: box.title, subtitle, xTitle: months ? box.axis : `${box.axis} (${unit})`, months, format: box.format }),
    },
  ];
}

export function compareCharts(batches: readonly ComparedBatch[], months: readonly string[]): ReportChart[] {
  return [...FANS.flatMap((f) => fanChart(f, batches, months)), redOceanChart(batches, months), ...irrChart(batches), ...BOXES.flatMap((box) => boxChart(box, batches))];
}
