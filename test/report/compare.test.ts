/**
 * The comparison of batches, from batches made up in memory (test/report/fixture.ts): pairing,
 * the table of differences, the charts, the page and compare.json. The command, on real batches,
 * is in test/cli/compare.test.ts; the page in a browser in compareBrowser.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { monthToIndex } from '../../src/model/calendar.js';
import { OUTCOME_COLUMNS, type OutcomeName } from '../../src/model/outcomeColumns.js';
import { compareCharts } from '../../src/report/compare/charts.js';
import { compareHtml } from '../../src/report/compare/compareHtml.js';
import type { ComparedBatch } from '../../src/report/compare/compareInput.js';
import { compareJson, skippedMetrics } from '../../src/report/compare/compareJson.js';
import { commonMonths, compare, comparisons, redOceanMonths } from '../../src/report/compare/comparison.js';
import { comparisonHeadlines } from '../../src/report/compare/headlines.js';
import { pairing } from '../../src/report/compare/pairing.js';
import type { BatchSummary } from '../../src/report/batchData.js';
import { expectCleanCharts, renderedCharts } from './chartChecks.js';
import { fixtureBatch, MONTHS } from './fixture.js';

const EVIL_NAME = '</script><script>window.__x=1</script>';
const LIBRARIES = { vega: 'window.vega = {};', vegaLite: 'window.vegaLite = {};', vegaEmbed: 'window.vegaEmbed = function () {};' };
const RUNS = 40;

/**
 * A batch of the fixture's summary with every outcome made up per run: `shift` moves every number,
 * and the red-ocean onset comes `shift` months earlier (none in every fourth run).
 */
function batchOf(key: string, o: { shift?: number; summary?: Partial<BatchSummary>; runs?: number[] } = {}): ComparedBatch {
  const batch = fixtureBatch();
  Object.assign(batch.summary, o.summary);
  const shift = o.shift ?? 0;
  const runs = o.runs ?? Array.from({ length: RUNS }, (_, i) => i);
  const start = monthToIndex(MONTHS[0]);
  const outcomes = Object.fromEntries(
    OUTCOME_COLUMNS.map((c) => [
      c.name,
      runs.map((run) => {
        if (c.name === 'redOnsetMonth') return run % 4 === 3 ? null : start + 12 + (run % 10) - shift;
        if (c.kind === 'month') return start + (run % 24);
        return 10 + run * 0.5 + (run % 3) + shift;
      }),
    ]),
  ) as Record<OutcomeName, (number | null)[]>;
  return { key, label: `${key} · ${batch.summary.scenario}`, batch, runs, outcomes };
}

describe('pairing', () => {
  const s = fixtureBatch().summary;

  it('pairs batches of the same seed, runs, design, drawn inputs and start, even where an input’s distribution moved', () => {
    expect(pairing(s, s)).toMatchObject({ paired: true, reasons: [] });
    const moved = { ...s, inputs: [{ path: 'vendor.outputScale', distribution: 'lognormal median 2, σ 0.3' }] };
    const p = pairing(s, moved);
    expect(p.paired).toBe(true);
    expect(p.sentence).toMatch(/^Paired run by run: both batches have seed 1, 40 runs and design lhs, and draw the same 1 input \(1 from another distribution, at the same quantiles\)/);
  });

  it('says each reason why batches are not paired', () => {
    const other = { ...s, seed: 2, runs: 30, design: 'mc', inputs: [], months: ['2023-02', ...s.months.slice(1)] };
    const p = pairing(s, other);
    expect(p.paired).toBe(false);
    expect(p.reasons).toEqual([
      'different seeds (1 and 2)',
      'different run counts (40 and 30)',
      'different designs (lhs and mc)',
      'different drawn inputs (the first draws 1 input, the second none)',
      'different start months (2023-01 and 2023-02)',
    ]);
    expect(p.sentence).toMatch(/^Unpaired: different seeds .* compared as distributions/);
    const reordered = pairing({ ...s, inputs: [s.inputs[0], { path: 'b', distribution: 'x' }] }, { ...s, inputs: [{ path: 'b', distribution: 'x' }, s.inputs[0]] });
    expect(reordered.reasons).toEqual(['different drawn inputs (the same 2 inputs in another order)']);
  });
});

describe('the table of differences', () => {
  it('is exactly zero, every difference and interval, for a batch against itself', () => {
    const a = batchOf('A');
    const c = compare(a, { ...batchOf('B') }, MONTHS);
    expect(c.pairing.paired).toBe(true);
    for (const row of [...c.redOcean, ...c.outcomes]) {
      expect(row.unpaired, row.name).toBeNull();
      const d = row.paired!;
      expect(d.pairs, row.name).toBe(row.name === 'redOnsetMonth' ? 30 : RUNS);
      for (const v of [d.median, d.p5, d.p95, d.mean, d.meanLow, d.meanHigh]) expect(v, row.name).toBe(0);
      expect(row.a).toEqual(row.b);
    }
  });

  it('pairs runs by their index, and only runs both batches completed with a value', () => {
    const a = batchOf('A');
    // B lost runs 0 and 1 (failed): the pairs are the 38 others, each 2 higher.
    const b = batchOf('B', { shift: 2, runs: Array.from({ length: RUNS - 2 }, (_, i) => i + 2), summary: { completedRuns: RUNS - 2, failedRuns: 2 } });
    const c = compare(a, b, MONTHS);
    const peak = c.outcomes.find((r) => r.name === 'peakRentCcyPerRefGpuHour')!;
    expect(peak.paired).toMatchObject({ pairs: 38, median: 2, p5: 2, p95: 2 });
    expect(peak.paired!.mean).toBeCloseTo(2, 12);
    expect(peak.a).toMatchObject({ runs: 40, withValue: 40 });
    expect(peak.b).toMatchObject({ runs: 38, withValue: 38 });
    // The onset 2 months earlier: −2 months in every pair where both have one.
    const onset = c.outcomes.find((r) => r.name === 'redOnsetMonth')!;
    expect(onset.kind).toBe('month');
    expect(onset.paired).toMatchObject({ median: -2, p5: -2, p95: -2 });
  });

  it('gives the share of runs turned red by each year end and the last common month, with a change and its interval', () => {
    expect(redOceanMonths(MONTHS)).toEqual(['2023-12', '2024-12']);
    expect(redOceanMonths(MONTHS.slice(0, 18))).toEqual(['2023-12', '2024-06']);
    const c = compare(batchOf('A'), batchOf('B', { shift: 6 }), MONTHS);
    expect(c.redOcean.map((r) => [r.name, r.month])).toEqual([
      ['redOceanBy2023-12', '2023-12'],
      ['redOceanBy2024-12', '2024-12'],
    ]);
    const first = c.redOcean[0];
    // A: onsets from 2024-01 (none by 2023-12); B six months earlier: runs with run % 10 < 6, of those with an onset.
    expect(first.a.mean).toBe(0);
    expect(first.b.mean).toBe(18 / 40);
    expect(first.paired!.mean).toBeCloseTo(18 / 40, 12);
    expect(first.paired!.meanLow!).toBeLessThan(18 / 40);
    expect(first.paired!.meanHigh!).toBeGreaterThan(18 / 40);
  });

  it('compares unpaired batches as distributions, with a bootstrap interval the same every time', () => {
    const b = batchOf('B', { shift: 3, summary: { seed: 7 } });
    const c = compare(batchOf('A'), b, MONTHS);
    expect(c.pairing).toMatchObject({ paired: false, reasons: ['different seeds (1 and 7)'] });
    const peak = c.outcomes.find((r) => r.name === 'peakRentCcyPerRefGpuHour')!;
    expect(peak.paired).toBeNull();
    expect(peak.unpaired!.median).toBeCloseTo(3, 12);
    expect(peak.unpaired!.medianLow!).toBeLessThanOrEqual(3);
    expect(peak.unpaired!.medianHigh!).toBeGreaterThanOrEqual(3);
    expect(compare(batchOf('A'), b, MONTHS)).toEqual(c);
    // A share has no median to bootstrap: only the difference of the shares.
    expect(c.redOcean[1].unpaired).toMatchObject({ medianLow: null, medianHigh: null });
  });

  it('takes the months the batches have in common, none when they do not overlap', () => {
    const later = batchOf('B');
    later.batch.summary.months = MONTHS.map((m) => m.replace(/^2023/, '2025').replace(/^2024/, '2026'));
    expect(commonMonths([batchOf('A'), batchOf('B')])).toEqual(MONTHS);
    const halfway = batchOf('C');
    halfway.batch.summary.months = MONTHS.map((m) => m.replace(/^2024/, '2025').replace(/^2023/, '2024'));
    expect(commonMonths([batchOf('A'), halfway])).toEqual(MONTHS.slice(12));
    expect(commonMonths([batchOf('A'), later])).toEqual([]);
  });
});

describe('the comparison page and compare.json', () => {
  const a = batchOf('A');
  a.batch.summary.scenario = EVIL_NAME;
  a.label = `A · ${EVIL_NAME}`;
  a.batch.dir = 'folder/<b>x</b>';
  const b = batchOf('B', { shift: 2, summary: { seed: 3 } });
  delete b.batch.summary.metrics.hhi;
  const batches = [a, b, batchOf('C', { shift: 1 })];
  const compared = comparisons(batches, MONTHS);
  const charts = compareCharts(batches, MONTHS);
  const skipped = skippedMetrics(batches);
  const html = compareHtml({ batches, months: MONTHS, comparisons: compared, headlines: comparisonHeadlines(compared), charts, skippedMetrics: skipped, version: '0.1.0', libraries: LIBRARIES });
  const { svgs, render } = renderedCharts(charts);

  beforeAll(render);

  it('compares each batch with the first', () => {
    expect(compared.map((c) => [c.b.key, c.a.key, c.pairing.paired])).toEqual([
      ['B', 'A', false],
      ['C', 'A', true],
    ]);
  });

  it('draws the key metrics overlaid, the red ocean, the IRR and the outcome distributions, each compiling without a warning', () => {
    expect(charts.map((c) => c.name)).toEqual([
      'spot-rent',
      'contract-rent',
      'utilisation',
      'lead-time',
      'gross-margin',
      'net-margin',
      'red-ocean',
      'probe-irr',
      'distribution-peakRentCcyPerRefGpuHour',
      'distribution-troughAfterPeakCcyPerRefGpuHour',
      'distribution-maxFallFromPeak',
      'distribution-redOnsetMonth',
      'distribution-lessorsAtEnd',
      'distribution-probeNpvCcy',
    ]);
    expectCleanCharts(charts, svgs);
    const spot = charts[0];
    expect(new Set(spot.table.rows.map((r) => r.series))).toEqual(new Set(batches.map((x) => x.label)));
    expect(spot.table.rows).toHaveLength(3 * MONTHS.length);
    // Names are data, drawn as text in the legend; titles hold letters and numbers only.
    expect(JSON.stringify(spot.spec.title)).not.toContain('script');
    expect(svgs.get('spot-rent')!.svg).toContain('&lt;/script&gt;');
  });

  it('leaves out a metric not every batch has, and says so', () => {
    expect(skipped).toEqual([{ metric: 'hhi', in: ['A', 'C'] }]);
    expect(html).toContain('Left out, as not every batch has them: <code>hhi</code> (only A, C).');
  });

  it('escapes every user string on the page', () => {
    const markup = html.slice(0, html.indexOf('<script'));
    expect(markup).not.toContain(EVIL_NAME);
    expect(markup).toContain('&lt;/script&gt;&lt;script&gt;window.__x=1&lt;/script&gt;');
    expect(markup).toContain('folder/<wbr>&lt;b&gt;x&lt;/<wbr>b&gt;');
    expect(html.match(/<script>/g)).toHaveLength(4);
    // Inside the chart blocks the name is JSON with every < escaped.
    expect(html).not.toMatch(/<\/script><script>window/);
  });

  it('says which comparisons are paired, and gives the table of differences with intervals', () => {
    expect(html).toContain('<strong>Unpaired.</strong> Different seeds (1 and 3).');
    expect(html).toContain('<strong>Paired run by run.</strong> Both batches have seed 1');
    expect(html).toMatch(/<th class="num">difference of medians \(90 % CI\)<\/th>/);
    expect(html).toMatch(/<th class="num">change per run: median \(P5 to P95\)<\/th>/);
    // C is A shifted by 1 in every run.
    expect(html).toMatch(/peak<wbr>Rent<wbr>Ccy<wbr>Per<wbr>Ref<wbr>Gpu<wbr>Hour<\/code>.*<td class="num">\+1<span class="note">\(\+1 to \+1\)<\/span><\/td>/);
  });

  it('writes compare.json: the same bytes every time, the table of each comparison, the medians at year ends', () => {
    const text = compareJson(batches, MONTHS, compared);
    expect(compareJson(batches, MONTHS, comparisons(batches, MONTHS))).toBe(text);
    const doc = JSON.parse(text);
    expect(doc.format).toBe('gpu-market-compare/1');
    expect(doc.batches.map((x: { key: string }) => x.key)).toEqual(['A', 'B', 'C']);
    expect(doc.months).toEqual(['2023-01', '2024-12']);
    expect(doc.skippedMetrics).toEqual([{ metric: 'hhi', in: ['A', 'C'] }]);
    const [ab, ac] = doc.comparisons;
    expect(ab).toMatchObject({ a: 'A', b: 'B', paired: false, reasons: ['different seeds (1 and 3)'] });
    expect(ac.paired).toBe(true);
    const peak = ac.rows.find((r: { name: string }) => r.name === 'peakRentCcyPerRefGpuHour');
    expect(peak).toMatchObject({ kind: 'number', differenceUnit: 'CNY per reference-GPU-hour', difference: { pairs: 40, median: 1, p5: 1, p95: 1, mean: 1 } });
    const onset = ab.rows.find((r: { name: string }) => r.name === 'redOnsetMonth');
    expect(onset).toMatchObject({ kind: 'month', differenceUnit: 'months', a: { runs: 40, withValue: 30 } });
    expect(onset.a.median).toMatch(/^\d{4}-\d{2}$/);
    expect(onset.difference).toHaveProperty('medianLow');
    expect(ac.rows[0]).toMatchObject({ name: 'redOceanBy2023-12', kind: 'share', a: { runs: 40, share: 0 } });
    expect(doc.medians.months).toEqual(['2023-12', '2024-12']);
    expect(doc.medians.metrics.find((m: { metric: string }) => m.metric === 'hhi')).toBeUndefined();
    expect(doc.medians.metrics.find((m: { metric: string }) => m.metric === 'utilisation').A).toHaveLength(2);
  });

  it('sums the comparison up in a few sentences, with letters rather than names', () => {
    const lines = comparisonHeadlines(compared);
    expect(lines[0]).toBe('B against A: unpaired (different seeds (1 and 3)).');
    expect(lines.find((l) => l.startsWith('C against A'))).toBe('C against A: paired run by run.');
    expect(lines.join('\n')).toMatch(
      /Peak spot rent \(median, CNY per reference-GPU-hour\): A [\d.]+, C [\d.]+; per run a change of \+1 \(P5 to P95 \+1 to \+1\), on average \+1 \(90 % CI \+1 to \+1\)\./,
    );
    expect(lines.join('\n')).not.toContain('script');
  });
});
