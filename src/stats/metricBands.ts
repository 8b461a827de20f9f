/**
 * Bands of a Monte Carlo batch: for every (metric, month), the distribution of the metric across
 * runs, kept in bounded memory and mergeable exactly, so that a batch split into shards and merged
 * in any order summarises byte-identically to the unsharded batch.
 *
 * Method. Each (metric, month) cell holds a DDSketch (quantiles within relative error α of the
 * lower quantile of the same rank, exact min, max and count; see ddSketch.ts) and an ExactSum
 * (the correctly rounded exact sum; see exactSum.ts). Both merge exactly and order-independently,
 * and the summary is a function of their canonical state, so it does not depend on how the runs
 * were grouped. The mean is the correctly rounded sum divided by the count (one more rounding).
 *
 * Memory per cell: at most 2 · maxBuckets 32-bit counts (16 KiB with the default 2048 buckets,
 * whatever the number of runs) plus 68 doubles for the sum (544 B) and about 0.5 KiB of object
 * overhead: at most ~17 KiB, so 60 metrics × 100 months stay below ~105 MB even if every bucket
 * fills; typically a cell spans a few hundred keys (~2-3 KiB).
 */
import { type Codec, defineCodec, type Encoded, reader } from './codec.js';
import { DEFAULT_ALPHA, DEFAULT_MAX_BUCKETS, type DDSketch, type EncodedSketches, addToSketch, createDDSketch, resetSketch, sketchesCodec, sketchMax, sketchMin, sketchQuantile } from './ddSketch.js';
import { type EncodedSums, type ExactSum, addToSum, createExactSum, resetSum, sumsCodec, sumValue } from './exactSum.js';

/** The accumulators: plain and structured-clone safe. Cells are metric-major: index m · months + t. */
export interface MetricBands {
  metrics: string[];
  months: number;
  alpha: number;
  maxBuckets: number;
  runs: number;
  sketches: DDSketch[];
  sums: ExactSum[];
}

/** One metric's bands, one entry per month; NaN (null in JSON) for a month with no values. */
export interface BandSummary {
  mean: number[];
  p5: number[];
  p10: number[];
  p25: number[];
  p50: number[];
  p75: number[];
  p90: number[];
  p95: number[];
  min: number[];
  max: number[];
  count: number[];
}

/** The percentiles of `BandSummary`, as quantiles. */
export const BAND_QUANTILES = { p5: 0.05, p10: 0.1, p25: 0.25, p50: 0.5, p75: 0.75, p90: 0.9, p95: 0.95 } as const;

export function createBands(metricNames: readonly string[], months: number, alpha: number = DEFAULT_ALPHA, maxBuckets: number = DEFAULT_MAX_BUCKETS): MetricBands {
  if (!Number.isInteger(months) || months < 1) throw new RangeError(`bands: months must be a positive integer, got ${months}`);
  if (new Set(metricNames).size !== metricNames.length) throw new RangeError('bands: metric names must be distinct');
  const cells = metricNames.length * months;
  const sketches = new Array<DDSketch>(cells);
  const sums = new Array<ExactSum>(cells);
  for (let i = 0; i < cells; i++) {
    sketches[i] = createDDSketch({ alpha, maxBuckets });
    sums[i] = createExactSum();
  }
  return { metrics: [...metricNames], months, alpha, maxBuckets, runs: 0, sketches, sums };
}

/**
 * Adds one run: `columns[metric][t]` for every tracked metric and month (other keys are ignored).
 * Every column must have exactly `months` finite values; the run is checked before anything is
 * added, so a rejected run leaves the bands unchanged.
 */
export function addRun(bands: MetricBands, columns: Readonly<Record<string, ArrayLike<number>>>): void {
  addRuns(bands, [columns]);
}

type Columns = Readonly<Record<string, ArrayLike<number>>>;

/** Throws a RangeError if `columns` is not a run `addRun` would accept. */
export function checkRun(bands: Pick<MetricBands, 'metrics' | 'months'>, columns: Columns): void {
  const { metrics, months } = bands;
  for (const name of metrics) {
    const col = columns[name];
    if (col === undefined) throw new RangeError(`bands: the run has no column ${name}`);
    if (col.length !== months) throw new RangeError(`bands: column ${name} has ${col.length} values, expected ${months}`);
    for (let t = 0; t < months; t++) {
      const v = col[t];
      if (typeof v !== 'number' || v - v !== 0) throw new RangeError(`bands: column ${name} month ${t} is ${v}`);
    }
  }
}

/**
 * Adds several runs (each as `addRun` takes it); all are checked before any is added. The result
 * is the same as adding them one by one, since every cell's accumulators are order-independent.
 * Cell by cell rather than run by run: a cell's sketch and sum are then fetched into the cache once
 * for all the runs, which after a simulation has evicted them is most of the cost of adding.
 */
export function addRuns(bands: MetricBands, runs: readonly Columns[]): void {
  for (const columns of runs) checkRun(bands, columns);
  addCheckedRuns(bands, runs);
}

/** `addRuns` for runs that have each passed `checkRun` already (a batch checks each run as it ends). */
export function addCheckedRuns(bands: MetricBands, runs: readonly Columns[]): void {
  const { metrics, months, sketches, sums } = bands;
  for (let m = 0; m < metrics.length; m++) {
    const cols = runs.map((columns) => columns[metrics[m]]);
    const base = m * months;
    for (let t = 0; t < months; t++) {
      const sketch = sketches[base + t];
      for (let r = 0; r < cols.length; r++) addToSketch(sketch, cols[r][t]);
    }
    for (let t = 0; t < months; t++) {
      const sum = sums[base + t];
      for (let r = 0; r < cols.length; r++) addToSum(sum, cols[r][t]);
    }
  }
  bands.runs += runs.length;
}

type BandsShape = Pick<MetricBands, 'months' | 'alpha' | 'maxBuckets' | 'metrics'>;

function sameShape(a: BandsShape, b: BandsShape): boolean {
  return a.months === b.months && a.alpha === b.alpha && a.maxBuckets === b.maxBuckets && a.metrics.length === b.metrics.length && a.metrics.every((name, i) => name === b.metrics[i]);
}

/** Adds `from` into `into` and returns `into`. Both must track the same metrics (in the same order), months, alpha and buckets. */
export const mergeBands = (into: MetricBands, from: MetricBands): MetricBands => bandsCodec.mergeChecked(into, bandsCodec.encode(from));

/** Empties `bands` in place, keeping their memory for reuse; they are then equal to new bands. */
export function resetBands(bands: MetricBands): void {
  bands.sketches.forEach(resetSketch);
  bands.sums.forEach(resetSum);
  bands.runs = 0;
}

/** Mean, percentiles (lower quantiles, see ddSketch.ts), exact min, max and count per metric and month, in metric order. */
export function bandsSummary(bands: MetricBands): Record<string, BandSummary> {
  const out: Record<string, BandSummary> = {};
  const { months } = bands;
  const keys = Object.keys(BAND_QUANTILES) as (keyof typeof BAND_QUANTILES)[];
  bands.metrics.forEach((name, m) => {
    const band: BandSummary = {
      mean: [],
      p5: [],
      p10: [],
      p25: [],
      p50: [],
      p75: [],
      p90: [],
      p95: [],
      min: [],
      max: [],
      count: [],
    };
    for (let t = 0; t < months; t++) {
      const sketch = bands.sketches[m * months + t];
      const n = sketch.count;
      band.mean.push(n === 0 ? NaN : sumValue(bands.sums[m * months + t]) / n);
      for (const k of keys) band[k].push(sketchQuantile(sketch, BAND_QUANTILES[k]));
      band.min.push(sketchMin(sketch));
      band.max.push(sketchMax(sketch));
      band.count.push(n);
    }
    out[name] = band;
  });
  return out;
}

/**
 * Bands encoded: their cells' sketches and sums each as one list (see `sketchesCodec` and
 * `sumsCodec`), metric-major like `MetricBands`.
 */
export interface EncodedBands extends Encoded {
  format: typeof BANDS_FORMAT;
  metrics: string[];
  months: number;
  runs: number;
  sketches: EncodedSketches;
  sums: EncodedSums;
}

const BANDS_FORMAT = 'metric-bands/2';

function checkBands(e: unknown): asserts e is EncodedBands {
  const f = reader(BANDS_FORMAT, e);
  const { names: metrics, months } = f.monthlyTable('metrics');
  const cells = metrics.length * months;
  f.whole('runs');
  const sketches = f.field('sketches');
  const sums = f.field('sums');
  sketchesCodec.check(sketches);
  sumsCodec.check(sums);
  for (const [name, part] of [['sketches', sketches] as const, ['sums', sums] as const]) {
    if (part.length !== cells) f.fail(`${name} holds ${part.length} cells, where metrics × months is ${cells}`);
  }
}

const shapeOf = (e: EncodedBands): BandsShape => ({ metrics: e.metrics, months: e.months, alpha: e.sketches.alpha, maxBuckets: e.sketches.maxBuckets });

export const bandsCodec: Codec<MetricBands, EncodedBands> = defineCodec({
  format: BANDS_FORMAT,
  encode(bands) {
    const { metrics, months, runs } = bands;
    return { format: BANDS_FORMAT, metrics: [...metrics], months, runs, sketches: sketchesCodec.encode(bands.sketches), sums: sumsCodec.encode(bands.sums) };
  },
  check: checkBands,
  empty: (e) => createBands(e.metrics, e.months, e.sketches.alpha, e.sketches.maxBuckets),
  mergeChecked(into, e) {
    if (!sameShape(into, shapeOf(e))) throw new RangeError('bands: cannot merge bands of different metrics, months, alpha or buckets');
    sketchesCodec.mergeChecked(into.sketches, e.sketches);
    sumsCodec.mergeChecked(into.sums, e.sums);
    into.runs += e.runs;
    return into;
  },
});
