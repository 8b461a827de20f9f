/**
 * Probabilities by month across a Monte Carlo batch: for each named event (a predicate the caller
 * evaluates on a run, e.g. "regime is red", "net margin below 0", "spot rent below a threshold"),
 * the number of runs in which it held, month by month, out of the runs counted.
 *
 * Method. Plain integer counts, so merging shards adds integers: exact, associative and commutative,
 * and the summary (share = count / total, one division) is the same for any split. The predicates
 * themselves stay with the caller, so the record is plain data. For an event on a scalar outcome
 * use months = 1.
 */
import { type Codec, defineCodec, type Encoded, reader } from './codec.js';

export interface ProbabilityCounts {
  events: string[];
  months: number;
  /** Runs counted. */
  total: number;
  /** hits[e][t]: runs in which event e held in month t. */
  hits: number[][];
}

export interface ProbabilitySeries {
  count: number[];
  /** count / total; NaN (null in JSON) while no run has been counted. */
  share: number[];
}

export interface ProbabilitySummary {
  total: number;
  events: Record<string, ProbabilitySeries>;
}

export function createProbabilities(events: readonly string[], months: number): ProbabilityCounts {
  if (!Number.isInteger(months) || months < 1) throw new RangeError(`probabilities: months must be a positive integer, got ${months}`);
  if (new Set(events).size !== events.length) throw new RangeError('probabilities: event names must be distinct');
  return { events: [...events], months, total: 0, hits: events.map(() => new Array<number>(months).fill(0)) };
}

const held = (v: unknown): boolean | undefined => (v === true || v === 1 ? true : v === false || v === 0 ? false : undefined);

/**
 * Counts one run: `outcomes[event][t]` says whether the event held in month t (true/false or 1/0).
 * Every event needs exactly `months` entries (other keys are ignored); the run is checked before
 * anything is counted, so a rejected run leaves the counts unchanged.
 */
export function addProbabilityRun(counts: ProbabilityCounts, outcomes: Readonly<Record<string, ArrayLike<boolean | number>>>): void {
  const { events, months } = counts;
  for (const name of events) {
    const col = outcomes[name];
    if (col === undefined) throw new RangeError(`probabilities: the run has no outcome ${name}`);
    if (col.length !== months) throw new RangeError(`probabilities: outcome ${name} has ${col.length} entries, expected ${months}`);
    for (let t = 0; t < months; t++) {
      if (held(col[t]) === undefined) throw new RangeError(`probabilities: outcome ${name} month ${t} is ${col[t]}, not a boolean or 0/1`);
    }
  }
  events.forEach((name, e) => {
    const col = outcomes[name];
    const row = counts.hits[e];
    for (let t = 0; t < months; t++) if (held(col[t])) row[t]++;
  });
  counts.total++;
}

/** Adds `from` into `into` and returns `into`; both must count the same events (in the same order) and months. */
export const mergeProbabilities = (into: ProbabilityCounts, from: ProbabilityCounts): ProbabilityCounts => probabilitiesCodec.mergeChecked(into, probabilitiesCodec.encode(from));

/** The counts encoded: `hits` holds event e's count for month t at e · months + t. */
export interface EncodedProbabilities extends Encoded {
  format: typeof FORMAT;
  events: string[];
  months: number;
  total: number;
  hits: Float64Array;
}

const FORMAT = 'event-counts/1';

function checkEncoded(e: unknown): asserts e is EncodedProbabilities {
  const f = reader(FORMAT, e);
  const { names: events, months } = f.monthlyTable('events');
  const total = f.whole('total');
  const hits = f.f64('hits', events.length * months);
  // No event holds in more runs than were counted.
  const bad = hits.findIndex((n) => !(Number.isInteger(n) && n >= 0 && n <= total));
  if (bad >= 0) f.fail(`${events[Math.floor(bad / months)]} in month ${bad % months} counts ${hits[bad]} runs, not a whole number from 0 to the ${total} counted`);
}

export const probabilitiesCodec: Codec<ProbabilityCounts, EncodedProbabilities> = defineCodec({
  format: FORMAT,
  encode: ({ events, months, total, hits }) => ({ format: FORMAT, events: [...events], months, total, hits: Float64Array.from(hits.flat()) }),
  check: checkEncoded,
  empty: (e) => createProbabilities(e.events, e.months),
  mergeChecked(into, e) {
    if (into.months !== e.months || into.events.length !== e.events.length || !into.events.every((name, i) => name === e.events[i])) {
      throw new RangeError('probabilities: cannot merge counts of different events or months');
    }
    into.hits.forEach((row, i) => {
      for (let t = 0; t < into.months; t++) row[t] += e.hits[i * into.months + t];
    });
    into.total += e.total;
    return into;
  },
});

/** Count and share (count / total) per event and month, in event order. */
export function probabilitySummary(counts: ProbabilityCounts): ProbabilitySummary {
  const events: Record<string, ProbabilitySeries> = {};
  counts.events.forEach((name, e) => {
    const count = [...counts.hits[e]];
    events[name] = { count, share: count.map((c) => (counts.total === 0 ? NaN : c / counts.total)) };
  });
  return { total: counts.total, events };
}
