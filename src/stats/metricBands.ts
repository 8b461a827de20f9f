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
import {
  DEFAULT_ALPHA,
  DEFAULT_MAX_BUCKETS,
  type DDSketch,
  type DDSketchJSON,
  addToSketch,
  createDDSketch,
  mergeSketches,
  mergeSketchWire,
  resetSketch,
  SKETCH_WIRE_FIELDS,
  sketchFromJSON,
  sketchMax,
  sketchMin,
  sketchQuantile,
  sketchToJSON,
  sketchToWire,
  sketchWireCounts,
} from './ddSketch.js';
import { type ExactSum, type ExactSumJSON, addToSum, createExactSum, mergeSums, mergeSumWire, resetSum, SUM_WIRE_LENGTH, sumFromJSON, sumToJSON, sumToWire, sumValue } from './exactSum.js';

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

export interface MetricBandsJSON {
  format: 'metric-bands/1';
  metrics: string[];
  months: number;
  alpha: number;
  maxBuckets: number;
  runs: number;
  /** Metric-major, like `MetricBands`. */
  sketches: DDSketchJSON[];
  sums: ExactSumJSON[];
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
export function mergeBands(into: MetricBands, from: MetricBands): MetricBands {
  if (!sameShape(into, from)) throw new RangeError('bands: cannot merge bands of different metrics, months, alpha or buckets');
  for (let i = 0; i < into.sketches.length; i++) {
    mergeSketches(into.sketches[i], from.sketches[i]);
    mergeSums(into.sums[i], from.sums[i]);
  }
  into.runs += from.runs;
  return into;
}

/**
 * Bands in flat ("wire") form: every cell's sketch and sum packed into three typed arrays (see
 * `sketchToWire` and `sumToWire`), which move between threads as a few blocks of memory instead
 * of tens of thousands of small objects, and merge without being rebuilt as objects.
 */
export interface MetricBandsWire {
  metrics: string[];
  months: number;
  alpha: number;
  maxBuckets: number;
  runs: number;
  /** Cell i's sketch is row i (SKETCH_WIRE_FIELDS numbers). */
  sketchRows: Float64Array;
  /** The sketches' counts, cell after cell. */
  sketchCounts: Uint32Array;
  /** Cell i's sum is SUM_WIRE_LENGTH numbers from i · SUM_WIRE_LENGTH. */
  sums: Float64Array;
}

export function bandsToWire(bands: MetricBands): MetricBandsWire {
  const { sketches, sums } = bands;
  let total = 0;
  for (const s of sketches) total += sketchWireCounts(s);
  const sketchRows = new Float64Array(sketches.length * SKETCH_WIRE_FIELDS);
  const sketchCounts = new Uint32Array(total);
  const sumWire = new Float64Array(sums.length * SUM_WIRE_LENGTH);
  let at = 0;
  for (let i = 0; i < sketches.length; i++) {
    at = sketchToWire(sketches[i], sketchRows, i, sketchCounts, at);
    sumToWire(sums[i], sumWire, i * SUM_WIRE_LENGTH);
  }
  const { metrics, months, alpha, maxBuckets, runs } = bands;
  return { metrics: [...metrics], months, alpha, maxBuckets, runs, sketchRows, sketchCounts, sums: sumWire };
}

/** `mergeBands` with bands in wire form: the result is the same. */
export function mergeBandsWire(into: MetricBands, from: MetricBandsWire): MetricBands {
  if (!sameShape(into, from)) throw new RangeError('bands: cannot merge bands of different metrics, months, alpha or buckets');
  const cells = into.sketches.length;
  if (from.sketchRows.length !== cells * SKETCH_WIRE_FIELDS || from.sums.length !== cells * SUM_WIRE_LENGTH) {
    throw new RangeError(`bands: the wire form does not hold ${cells} cells`);
  }
  let at = 0;
  for (let i = 0; i < cells; i++) {
    at = mergeSketchWire(into.sketches[i], from.sketchRows, i, from.sketchCounts, at);
    mergeSumWire(into.sums[i], from.sums, i * SUM_WIRE_LENGTH);
  }
  if (at !== from.sketchCounts.length) throw new RangeError('bands: the wire form has counts left over');
  into.runs += from.runs;
  return into;
}

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

/** The canonical JSON form (for checkpoints): equal bands give deep-equal objects, whatever their history. */
export function bandsToJSON(bands: MetricBands): MetricBandsJSON {
  return {
    format: 'metric-bands/1',
    metrics: [...bands.metrics],
    months: bands.months,
    alpha: bands.alpha,
    maxBuckets: bands.maxBuckets,
    runs: bands.runs,
    sketches: bands.sketches.map(sketchToJSON),
    sums: bands.sums.map(sumToJSON),
  };
}

/** Rebuilds bands from `bandsToJSON` output; throws on a malformed object. */
export function bandsFromJSON(json: MetricBandsJSON): MetricBands {
  if (json === null || typeof json !== 'object' || json.format !== 'metric-bands/1') {
    throw new TypeError('bands JSON: not a metric-bands/1 object');
  }
  const bands = createBands(json.metrics, json.months, json.alpha, json.maxBuckets);
  const cells = bands.sketches.length;
  if (!Array.isArray(json.sketches) || json.sketches.length !== cells || !Array.isArray(json.sums) || json.sums.length !== cells) {
    throw new TypeError(`bands JSON: expected ${cells} sketches and sums`);
  }
  if (!Number.isInteger(json.runs) || json.runs < 0) throw new TypeError('bands JSON: invalid runs');
  for (let i = 0; i < cells; i++) {
    const sketch = sketchFromJSON(json.sketches[i]);
    if (sketch.alpha !== json.alpha || sketch.maxBuckets !== json.maxBuckets) {
      throw new TypeError(`bands JSON: cell ${i} has a different alpha or maxBuckets`);
    }
    bands.sketches[i] = sketch;
    bands.sums[i] = sumFromJSON(json.sums[i]);
  }
  bands.runs = json.runs;
  return bands;
}
