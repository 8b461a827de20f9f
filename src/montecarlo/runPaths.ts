/**
 * Every run's whole monthly path of some metrics (`batch --paths`), gathered in the worker that
 * ran the chunk: one typed column per metric, the runs one after another, so that the result moves
 * to the coordinator without copying (transfer.ts) and is laid into paths.arrow as it is.
 */
import { roundForFile } from '../format/formatNumber.js';

/** One chunk's paths. */
export interface ChunkPaths {
  /** The chunk's completed runs, ascending (a failed run has no path). */
  runs: Int32Array;
  /** One column per metric, in the order asked for: run `runs[i]`'s month `t` at `i * months + t`. */
  values: Float64Array[];
}

export interface PathCollector {
  /** Keeps run `index`'s path. A throw (a value no file can hold) keeps nothing of it. */
  add(index: number, columns: Readonly<Record<string, ArrayLike<number>>>): void;
  result(): ChunkPaths;
}

/** Room for `capacity` runs of `months` months of each of `metrics`. */
export function pathCollector(metrics: readonly string[], months: number, capacity: number): PathCollector {
  const runs = new Int32Array(capacity);
  const values = metrics.map(() => new Float64Array(capacity * months));
  let n = 0;
  return {
    add(index, columns) {
      const at = n * months;
      metrics.forEach((metric, k) => {
        const column = columns[metric];
        const out = values[k];
        // Rounded here, in the worker, as every output file's numbers are (formatNumber.ts): the
        // file is then the same on any machine, and the coordinator only copies.
        for (let t = 0; t < months; t++) out[at + t] = roundForFile(column[t]);
      });
      runs[n++] = index;
    },
    result: () => ({ runs: runs.subarray(0, n), values: values.map((v) => v.subarray(0, n * months)) }),
  };
}
