/**
 * The verdict at the top of the report, and the lines the commands print after a batch: at most
 * five sentences that answer the scenario's questions, each with the definition of its numbers.
 * When the rent turns and how far it falls, P(red ocean) by year, the probe's P(IRR > hurdle) and
 * median IRR, and each thesis's claims with their verdicts and probabilities; a last sentence says
 * how many runs failed, where any did.
 *
 * Every number is one that summary.json (or a thesis.json beside it) holds, so the page, the
 * terminal and the files agree: `batch`, `merge` and `report` print these very sentences. Rents
 * are per reference-GPU-hour from the per-run outcomes (medians over runs of each run's peak and
 * fall), or, with a rent unit, from that generation's own spot index, whose monthly bands are all
 * summary.json has of it.
 */
import type { BatchSummary, OutcomeDistribution } from './batchData.js';
import { money, num, pct, prob } from './format.js';
import { metricLabel } from './metricUnits.js';
import { extreme } from './series.js';
import type { ObservedScores } from '../observed/scores.js';
import { ownIndex, rentUnitWords, type RentUnit } from '../analysis/rentUnit.js';
import type { ProbeParams } from '../scenario/schema.js';

/** A thesis as the verdict names it: its claims' probabilities and verdicts (a thesis.json's, or a thesis test's result). */
export interface ThesisVerdicts {
  name: string;
  claims: readonly { name: string; probability: number | null; require: number; verdict: 'holds' | 'fails' | 'undecided' }[];
}

/** The probe's terms, from the batch's scenario, so that the verdict can say what was bought. */
export type ProbeTerms = Pick<ProbeParams, 'archetype' | 'generation' | 'gpus' | 'entry' | 'holdMonths'>;

export interface VerdictInputs {
  summary: BatchSummary;
  /** The theses tested on the batch's scenario, in the report's order. */
  theses?: readonly ThesisVerdicts[];
  /** Rents per GPU-hour of this generation rather than per reference-GPU-hour. */
  unit?: RentUnit;
  /** The probe's terms; without them the probe is named only as "the probe". */
  probe?: ProbeTerms;
}

/** One sentence of the verdict: the answer, and what its numbers are (none for a plain count). */
export interface Finding {
  answer: string;
  definition?: string;
}

/** A finding as one sentence of text: the answer, a dash, and the definition. */
export const findingText = (f: Finding): string => (f.definition === undefined ? `${f.answer}.` : `${f.answer} — ${f.definition}.`);

/** The verdict's sentences, in order: rent, red ocean, probe, theses, failed runs; those the batch has nothing for are left out. */
export function findings(x: VerdictInputs): Finding[] {
  const s = x.summary;
  const failed = s.failedRuns > 0 ? { answer: `${s.failedRuns} of ${s.runs} runs failed and are left out of every figure (see summary.json)` } : undefined;
  return [x.unit ? ownRentFinding(s, x.unit) : rentFinding(s), redFinding(s), probeFinding(s, x.probe), thesesFinding(x.theses ?? []), failed].filter((f): f is Finding => f !== undefined);
}

/** The verdict as text, one sentence a line: what the commands print and the page shows. */
export const headlines = (x: VerdictInputs): string[] => findings(x).map(findingText);

/** The probe's terms in a scenario, where it has a probe. */
export const probeTerms = (probe: ProbeParams | undefined): ProbeTerms | undefined =>
  probe && { archetype: probe.archetype, generation: probe.generation, gpus: probe.gpus, entry: probe.entry, holdMonths: probe.holdMonths };

/** The median and P5–P95 of an outcome, where the runs have it. */
function spread<V>(d: OutcomeDistribution<V> | undefined): { p50: V; p5: V; p95: V } | undefined {
  return d && d.count > 0 && d.p50 !== undefined && d.p5 !== undefined && d.p95 !== undefined ? { p50: d.p50, p5: d.p5, p95: d.p95 } : undefined;
}

/** "58–88 %" with one sign, or "−31 % to 106 %" where a minus would read as the dash. */
function pctRange(lo: number, hi: number): string {
  return lo < 0 || hi < 0 ? `${pct(lo)} to ${pct(hi)}` : `${pct(lo).replace(' %', '')}–${pct(hi)}`;
}

/** The rent's turn from the per-run outcomes: the peak's month and level, and the deepest fall. */
function rentFinding(s: BatchSummary): Finding | undefined {
  const o = s.outcomes;
  const month = spread(o.peakMonth);
  const peak = spread(o.peakRentCcyPerRefGpuHour);
  const fall = spread(o.maxFallFromPeak);
  if (!month || !peak || !fall) return undefined;
  return {
    answer: `The spot rent turns in ${month.p50} (P5–P95: ${month.p5} to ${month.p95}) at ${money(peak.p50)} ${rentUnitWords(s.currency, undefined)}; its deepest fall below a running peak is ${pct(fall.p50)} (P5–P95: ${pctRange(fall.p5, fall.p95)})`,
    definition: "medians over runs of each run's peak month, peak rent and deepest fall of the market-wide spot index below its running peak",
  };
}

/**
 * The rent's turn on the generation's own spot index: the peak and the low after it of its monthly
 * median. Before the generation launches every run's index is 0, which is no rent: those months
 * are left out.
 */
function ownRentFinding(s: BatchSummary, unit: RentUnit): Finding | undefined {
  const metric = ownIndex(unit, 'spotRentCcyPerGpuHour');
  const band = s.metrics[metric];
  if (!band) return undefined;
  const median = band.p50.map((v, t) => (band.p95[t] === 0 ? null : v));
  const g = unit.generation;
  const words = rentUnitWords(s.currency, unit);
  const definition = `the median over runs in each month of the ${g}'s own spot index (the price of its spot trades; summary.json's ${metric}), with P5–P95 over runs in that month`;
  const peak = extreme(median, 0, true);
  if (!peak) return { answer: `The ${g} spot rent has no value within the horizon: the ${g} launches after it`, definition };
  const range = (t: number) => `P5–P95: ${money(band.p5[t] ?? 0)}–${money(band.p95[t] ?? 0)}`;
  const trough = extreme(median, peak.t + 1, false);
  if (!trough || trough.v >= peak.v) {
    return { answer: `The ${g} spot rent rises to ${money(peak.v)} ${words} by ${s.months[peak.t]} (${range(peak.t)}) and does not fall below it within the horizon`, definition };
  }
  const end = trough.t === s.months.length - 1 ? ', the end of the horizon' : ', its low';
  return {
    answer: `The ${g} spot rent peaks in ${s.months[peak.t]} at ${money(peak.v)} ${words} and falls ${pct(1 - trough.v / peak.v)} to ${money(trough.v)} by ${s.months[trough.t]}${end} (${range(trough.t)})`,
    definition,
  };
}

/** December of every year in the horizon and its last month, thinned to at most `most` around the turn. */
function yearMarks(months: readonly string[], most: number): number[] {
  const last = months.length - 1;
  const marks = months.flatMap((m, t) => (m.endsWith('-12') && t !== last ? [t] : []));
  const step = Math.ceil((marks.length + 1) / most);
  return [...marks.filter((_, i) => (marks.length - i) % step === 0), last];
}

/** P(red ocean) at each year's end and where it is highest. */
function redFinding(s: BatchSummary): Finding | undefined {
  const red = s.probabilities.red;
  if (!red || s.completedRuns === 0) return undefined;
  const definition = 'the share of runs in the red-ocean regime in that month (rent at or below full cost, with a negative industry net margin)';
  const top = extreme(red, 0, true);
  if (!top || top.v === 0) return { answer: `No run is in the red ocean in any month to ${s.months[s.months.length - 1]}`, definition };
  const parts = yearMarks(s.months, 8).map((t) => `${prob(red[t] ?? 0)} in ${s.months[t]}`);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
  return { answer: `P(red ocean) is ${list}, highest at ${prob(top.v)} in ${s.months[top.t]}`, definition };
}

const ARCHETYPE_WORDS: Readonly<Record<ProbeTerms['archetype'], string>> = {
  incumbent: 'an incumbent cloud',
  specialist: 'a specialised GPU cloud',
  entrant: 'a cross-industry entrant',
};

/** The probe's P(IRR > hurdle) (summary.json's probeIrrAboveHurdle) and its IRR over runs. */
function probeFinding(s: BatchSummary, terms: ProbeTerms | undefined): Finding | undefined {
  const irr = s.outcomes.probeIrr;
  if (s.probeHurdleIrr === null || s.probeIrrAboveHurdle === null) return undefined;
  const hurdle = pct(s.probeHurdleIrr);
  const held = terms?.holdMonths === undefined ? '' : ` and holding them ${terms.holdMonths} months`;
  const who = terms ? `The probe, ${ARCHETYPE_WORDS[terms.archetype]} buying ${num(terms.gpus)} ${terms.generation} GPUs in ${terms.entry}${held},` : 'The probe investment';
  const d = spread(irr);
  const median = d ? `; its median IRR is ${pct(d.p50)} (P5–P95: ${pctRange(d.p5, d.p95)})` : '; no run gives it an IRR';
  const over = !d ? '' : `; the median and P5–P95 are over ${irr.missing === 0 ? 'all runs' : `the ${irr.count} of ${irr.count + irr.missing} runs that have an IRR`}`;
  return {
    answer: `${who} clears its ${hurdle} hurdle with probability ${prob(s.probeIrrAboveHurdle)}${median}`,
    definition: `the probability is P(IRR > ${hurdle}), the share of completed runs whose yearly equity IRR beats the hurdle (a run without an IRR does not)${over}`,
  };
}

/** Each thesis's claims with their verdicts and probabilities, in one sentence. */
function thesesFinding(theses: readonly ThesisVerdicts[]): Finding | undefined {
  if (theses.length === 0) return undefined;
  const claim = (c: ThesisVerdicts['claims'][number]) => `${c.name} ${c.verdict} (P = ${c.probability === null ? 'n/a' : prob(c.probability)}, required ${c.require})`;
  const parts = theses.map((t) => `in thesis “${t.name}”, ${t.claims.map(claim).join(', ')}`);
  const text = parts.join('; ');
  return {
    answer: text.charAt(0).toUpperCase() + text.slice(1),
    definition:
      'P is the share of runs in which the claim holds; the claim holds when the lower end of its 95 % interval reaches the required P, fails when the upper end stays below it, and is undecided otherwise',
  };
}

/** How the observed data sit in the bands, one sentence per metric: what the observed-data section shows, for the terminal. */
export function observedFit(o: ObservedScores, currency: string): string[] {
  const lines = o.metrics.map((m) => {
    const n = m.points.length;
    const label = metricLabel(m.metric, currency);
    const crps = label.isShare ? `${num(m.meanCrps * 100)} percentage points` : `${num(m.meanCrps)} ${label.unit}`;
    const count = (share: number) => `${Math.round(share * n)} of ${n}`;
    return `Observed ${m.metric}: ${count(m.inside90)} point${n === 1 ? '' : 's'} inside P5–P95, ${count(m.inside50)} inside P25–P75, mean CRPS ${crps}.`;
  });
  if (o.skipped.length > 0) {
    // Rows skipped for one reason (a whole region of a market history) are named together.
    const byReason = new Map<string, number[]>();
    for (const k of o.skipped) byReason.set(k.reason, [...(byReason.get(k.reason) ?? []), k.line]);
    const groups = [...byReason].map(([reason, at]) => `line${at.length === 1 ? '' : 's'} ${at.join(', ')}, ${reason}`);
    lines.push(`${o.skipped.length} observed point${o.skipped.length === 1 ? ' was' : 's were'} skipped: ${groups.join('; ')}.`);
  }
  return lines;
}
