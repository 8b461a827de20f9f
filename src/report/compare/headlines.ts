/**
 * The comparison in a few sentences, per batch against the first: paired or not, the red ocean by
 * the last common month, and the peak spot rent and the probe's IRR. The page lists them at its
 * top and the command line prints them. Scenario names are not in them, only the batches' letters.
 */
import type { Comparison, DifferenceRow } from './comparison.js';
import { differenceText, intervalText, OUTCOME_WORDS, valueText } from './rowText.js';

/** " (90 % CI −4.1 to +2.0 pp)", or nothing where there is no interval. */
function ci(row: DifferenceRow, low: number | null, high: number | null): string {
  const text = intervalText(row, low, high);
  return text === '' ? '' : ` (90 % CI ${text.slice(1)}`;
}

/** "A 35.0 %, a change of +25.1 pp (90 % CI …)" or, unpaired, "a difference of …". */
function rowSentence(c: Comparison, row: DifferenceRow, what: string): string {
  const sides = `${c.a.key} ${valueText(row, row.kind === 'share' ? row.a.mean : row.a.median)}, ${c.b.key} ${valueText(row, row.kind === 'share' ? row.b.mean : row.b.median)}`;
  const d = c.pairing.paired ? row.paired : row.unpaired;
  if (d === null) return `${what}: ${sides}; no run has a value in both.`;
  if (row.kind === 'share') return `${what}: ${sides}, ${c.pairing.paired ? 'a change' : 'a difference'} of ${differenceText(row, d.mean)}${ci(row, d.meanLow, d.meanHigh)}.`;
  const median = row.kind === 'number' && !/^share/.test(row.unit) ? `median, ${row.unit}` : 'median';
  if (row.paired !== null) {
    const p = row.paired;
    return `${what} (${median}): ${sides}; per run a change of ${differenceText(row, p.median)} (P5 to P95 ${intervalText(row, p.p5, p.p95).slice(1, -1)}), on average ${differenceText(row, p.mean)}${ci(row, p.meanLow, p.meanHigh)}.`;
  }
  const u = row.unpaired!;
  return `${what} (${median}): ${sides}, a difference of ${differenceText(row, u.median)}${ci(row, u.medianLow, u.medianHigh)}.`;
}

export function comparisonHeadlines(comparisons: readonly Comparison[]): string[] {
  return comparisons.flatMap((c) => {
    const red = c.redOcean.at(-1);
    const outcome = (name: string) => c.outcomes.find((r) => r.name === name)!;
    return [
      `${c.b.key} against ${c.a.key}: ${c.pairing.paired ? 'paired run by run' : `unpaired (${c.pairing.reasons.join(', ')})`}.`,
      ...(red === undefined ? [] : [rowSentence(c, red, `Red ocean begun by ${red.month}`)]),
      ...['peakRentCcyPerRefGpuHour', 'probeIrr'].map((name) => rowSentence(c, outcome(name), `${OUTCOME_WORDS[name][0].toUpperCase()}${OUTCOME_WORDS[name].slice(1)}`)),
    ];
  });
}
