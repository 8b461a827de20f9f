/**
 * Chunk results, which finish in any order, handed on in run order, with a bound on how many wait:
 * a chunk is admitted to run only while it is fewer than `window` chunks past the first one not yet
 * handed on. Without the bound a slow chunk would let the others race ahead and every later result
 * pile up behind it (for paths.arrow, tens of megabytes each).
 */
export class InOrder<T> {
  /** Position of each chunk (by its first run) in the order results are handed on. */
  private readonly position = new Map<number, number>();
  private readonly held = new Map<number, T>();
  private next = 0;
  private waiting: { position: number; resolve: () => void; reject: (err: Error) => void }[] = [];
  private failure: { err: Error } | undefined;
  private released = false;

  /** `starts`: the chunks' first runs, in run order. */
  constructor(
    starts: readonly number[],
    private readonly window: number,
    private readonly deliver: (value: T) => void,
  ) {
    starts.forEach((from, i) => this.position.set(from, i));
  }

  /**
   * Resolves once the chunk starting at run `from` may run, or once `release` is called (the
   * caller then checks why, and runs nothing). Rejects once handing a result on has failed.
   */
  admit(from: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure.err);
    const position = this.positionOf(from);
    if (position < this.next + this.window || this.released) return Promise.resolve();
    return new Promise<void>((resolve, reject) => this.waiting.push({ position, resolve, reject }));
  }

  /** Lets every chunk waiting for its turn go, and every later one at once: the batch is stopping. */
  release(): void {
    this.released = true;
    for (const w of this.waiting) w.resolve();
    this.waiting = [];
  }

  /** The result of the chunk starting at run `from`: handed on now if every chunk before it has been, else held until then. */
  put(from: number, value: T): void {
    if (this.failure) return;
    this.held.set(this.positionOf(from), value);
    try {
      for (let v = this.held.get(this.next); v !== undefined; v = this.held.get(this.next)) {
        this.held.delete(this.next);
        this.next++;
        this.deliver(v);
      }
    } catch (thrown) {
      const err = thrown instanceof Error ? thrown : new Error(String(thrown));
      // Nothing more goes on, and no chunk waits for a turn that will not come.
      this.failure = { err };
      this.held.clear();
      for (const w of this.waiting) w.reject(err);
      this.waiting = [];
      throw err;
    }
    const admitted = this.waiting.filter((w) => w.position < this.next + this.window);
    this.waiting = this.waiting.filter((w) => w.position >= this.next + this.window);
    for (const w of admitted) w.resolve();
  }

  /** Results held, waiting for an earlier chunk. */
  get heldCount(): number {
    return this.held.size;
  }

  /** Whether every chunk's result has been handed on. */
  get complete(): boolean {
    return this.next === this.position.size;
  }

  private positionOf(from: number): number {
    const p = this.position.get(from);
    if (p === undefined) throw new Error(`in order: no chunk starts at run ${from}`);
    return p;
  }
}
