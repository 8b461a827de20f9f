/**
 * paths.arrow (`batch --paths`): every completed run's monthly path of the chosen metrics, one row
 * per run and month, as an Arrow IPC file: `run` (32-bit integer), `month` (`YYYY-MM` text), then
 * one 64-bit float column per metric, each field's unit in its metadata (`unit`), as in
 * outcomes.arrow. Long in runs and months, wide in metrics: pandas, polars and DuckDB group,
 * filter and pivot that shape directly, and a metric is one column to read.
 *
 * A 10,000-run batch has hundreds of megabytes of paths, so the file is written while the batch
 * runs: chunk by chunk in run order (batch.ts orders them), each record batch straight to the
 * file. Record batches hold a fixed number of runs, whatever the chunks were, so the bytes are the
 * same for any worker count and chunk size. The file is written under a temporary name in the
 * output folder and moved into place with the batch's other files.
 */
import { closeSync, copyFileSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { AsyncByteQueue, Field, Float64, Int32, makeData, Message, RecordBatch, RecordBatchFileWriter, Schema, Struct, Utf8, type Data } from 'apache-arrow';
import { monthRange } from '../model/calendar.js';
import { metricUnit } from '../model/metricUnit.js';
import type { BatchPlan } from './plan.js';
import type { ChunkPaths } from './runPaths.js';
import { scenarioHash } from './summary.js';

export const PATHS_FILE = 'paths.arrow';
export const PATHS_FORMAT = 'gpu-market-paths/1';

/** Rows a record batch holds at most (whole runs): a few tens of MB of buffer, and batches large enough for any reader. */
const ROWS_PER_BATCH = 32_768;

/** Where a batch writing paths.arrow into `outDir` keeps it until the batch's files are written. */
export const pathsTempName = (pid: number = process.pid): string => `${PATHS_FILE}.tmp-${pid}`;

/** The names of temporary paths files: the first group is the id of the process that wrote one. */
export const PATHS_TEMP = /^paths\.arrow\.tmp-(\d+)$/;

/** The apache-arrow writer's output, each piece written to the file as it comes instead of queued in memory. */
class FileSink extends AsyncByteQueue {
  bytes = 0;

  constructor(private readonly fd: number) {
    super();
  }

  override write(value: Uint8Array | ArrayBufferView | ArrayBuffer): void {
    const bytes = value instanceof Uint8Array ? value : ArrayBuffer.isView(value) ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : new Uint8Array(value);
    for (let done = 0; done < bytes.byteLength;) done += writeSync(this.fd, bytes, done, bytes.byteLength - done);
    this.bytes += bytes.byteLength;
  }
}

/**
 * The file writer with the schema message after the leading magic, where the format's
 * specification puts it (the file is the stream format between magic and footer). apache-arrow 21
 * writes the schema only in the footer: enough for readers that start from the footer (pyarrow,
 * polars), not for those that read the file as a stream (DuckDB's nanoarrow extension, say).
 */
class IpcFileWriter extends RecordBatchFileWriter {
  protected override _writeSchema(schema: Schema): this {
    super._writeSchema(schema);
    return this._writeMessage(Message.from(schema));
  }
}

/** The Arrow schema of paths.arrow for `metrics` of `plan`'s batch. */
export function pathsSchema(plan: BatchPlan, metrics: readonly string[]): Schema {
  const { scenario } = plan;
  const months = monthRange(scenario.start, scenario.end);
  const field = (name: string, type: Int32 | Utf8 | Float64, unit: string) => new Field(name, type, false, new Map([['unit', unit]]));
  const fields = [
    field('run', new Int32(), 'run index'),
    field('month', new Utf8(), 'month'),
    ...metrics.map((m) => {
      const unit = metricUnit(m, scenario.currency);
      if (unit === undefined) throw new RangeError(`paths: the runs have no metric ${m}`);
      return field(m, new Float64(), unit);
    }),
  ];
  // What samples.json says of its batch, so that a reader can tell which batch a file is of.
  const metadata = new Map([
    ['format', PATHS_FORMAT],
    ['scenarioHash', scenarioHash(scenario)],
    ['seed', String(plan.seed)],
    ['runs', String(plan.runs)],
    ['design', plan.design],
    ['currency', scenario.currency],
    ['months', `${months[0]}..${months[months.length - 1]}`],
  ]);
  return new Schema(fields, metadata);
}

/** paths.arrow being written: chunks of paths go in (in run order), record batches of whole runs come out. */
export class PathsFile {
  private readonly writer = new IpcFileWriter();
  private readonly sink: FileSink;
  private readonly monthCount: number;
  private readonly runsPerBatch: number;
  /** The batch being filled: runs and values in the layout of a record batch. */
  private readonly run: Int32Array;
  private readonly values: Float64Array[];
  /** The month column of a full batch: the months' text once per run, and its offsets. */
  private readonly monthText: Uint8Array;
  private readonly monthOffsets: Int32Array;
  private held = 0;
  private closed = false;

  private constructor(
    readonly path: string,
    /** The metrics of the file's columns after `run` and `month`. */
    readonly metrics: readonly string[],
    private readonly fd: number,
    private readonly schema: Schema,
    months: readonly string[],
    rowsPerBatch: number,
  ) {
    this.sink = new FileSink(fd);
    this.monthCount = months.length;
    this.runsPerBatch = Math.max(1, Math.floor(rowsPerBatch / months.length));
    const rows = this.runsPerBatch * months.length;
    this.run = new Int32Array(rows);
    this.values = schema.fields.slice(2).map(() => new Float64Array(rows));
    const text = new TextEncoder().encode(months.join(''));
    this.monthText = new Uint8Array(text.byteLength * this.runsPerBatch);
    for (let r = 0; r < this.runsPerBatch; r++) this.monthText.set(text, r * text.byteLength);
    this.monthOffsets = new Int32Array(rows + 1);
    const lengths = months.map((m) => new TextEncoder().encode(m).byteLength);
    for (let i = 0; i < rows; i++) this.monthOffsets[i + 1] = this.monthOffsets[i] + lengths[i % months.length];
    this.writer.reset(this.sink, schema);
  }

  /** A new file at `path` (replacing one there) for `metrics` of `plan`'s batch; `rowsPerBatch` is for tests. */
  static create(path: string, plan: BatchPlan, metrics: readonly string[], rowsPerBatch = ROWS_PER_BATCH): PathsFile {
    const schema = pathsSchema(plan, metrics);
    const fd = openSync(path, 'w');
    try {
      return new PathsFile(path, [...metrics], fd, schema, monthRange(plan.scenario.start, plan.scenario.end), rowsPerBatch);
    } catch (err) {
      closeSync(fd);
      rmSync(path, { force: true });
      throw err;
    }
  }

  /** Bytes written so far. */
  get bytes(): number {
    return this.sink.bytes;
  }

  /** Appends a chunk's paths; chunks must come in run order. */
  write(p: ChunkPaths): void {
    const months = this.monthCount;
    if (p.values.length !== this.values.length) throw new Error(`paths: a chunk has ${p.values.length} metrics where the file has ${this.values.length}`);
    for (let i = 0; i < p.runs.length;) {
      const take = Math.min(p.runs.length - i, this.runsPerBatch - this.held);
      const at = this.held * months;
      for (let r = 0; r < take; r++) this.run.fill(p.runs[i + r], at + r * months, at + (r + 1) * months);
      this.values.forEach((column, k) => column.set(p.values[k].subarray(i * months, (i + take) * months), at));
      this.held += take;
      i += take;
      if (this.held === this.runsPerBatch) this.flush();
    }
  }

  /** Writes what is held and the file's footer, and closes it. */
  finish(): void {
    if (this.held > 0) this.flush();
    this.writer.finish();
    this.close();
  }

  /** Moves the finished file to `path` (a copy where a rename cannot: another file system). */
  moveTo(path: string): void {
    try {
      renameSync(this.path, path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      copyFileSync(this.path, path);
      rmSync(this.path, { force: true });
    }
  }

  /** Closes the file and removes it: the batch failed or was stopped. */
  discard(): void {
    this.close();
    rmSync(this.path, { force: true });
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }

  /** The held runs as one record batch. The writer writes it before it returns, so the buffers can be filled again. */
  private flush(): void {
    const rows = this.held * this.monthCount;
    const children: Data[] = [
      makeData({ type: new Int32(), length: rows, nullCount: 0, data: this.run.subarray(0, rows) }),
      makeData({ type: new Utf8(), length: rows, nullCount: 0, valueOffsets: this.monthOffsets.subarray(0, rows + 1), data: this.monthText.subarray(0, this.monthOffsets[rows]) }),
      ...this.values.map((v) => makeData({ type: new Float64(), length: rows, nullCount: 0, data: v.subarray(0, rows) })),
    ];
    const data = makeData({ type: new Struct(this.schema.fields), length: rows, nullCount: 0, children });
    this.writer.write(new RecordBatch(this.schema, data));
    this.held = 0;
  }
}
