/**
 * Batch progress on stderr: a bar redrawn in place on a terminal, plain lines at most every few
 * seconds otherwise (logs, CI), nothing with --quiet. The clock is read here, in the shell, and
 * never reaches the model or the summary.
 */
import { executorStatus } from '../montecarlo/executor.js';

/** How progress is shown: a bar redrawn on a terminal, lines in a log, or nothing. */
export type ProgressMode = 'bar' | 'lines' | 'quiet';

export const progressMode = (o: { quiet?: boolean }, isTty: boolean): ProgressMode => (o.quiet ? 'quiet' : isTty ? 'bar' : 'lines');

/** Milliseconds and one-shot timers: the process's own, or a test's fake that it moves by hand. */
export interface Clock {
  now(): number;
  /** Calls `f` once after `ms` unless the returned function cancels it first. */
  after(ms: number, f: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  after(ms, f) {
    const timer = setTimeout(f, ms);
    // A progress line is never a reason to keep the process alive.
    timer.unref();
    return () => clearTimeout(timer);
  },
};

export interface Progress {
  update(done: number, total: number): void;
  finish(): void;
}

export interface ProgressOptions {
  /** Runs to do, for the line shown before the first of them finishes. */
  total?: number;
  /** Runs already done before this start (a resumed batch). */
  done?: number;
  clock?: Clock;
}

const LINE_EVERY_MS = 5_000;

/**
 * The first runs finish only with the first chunk (200 runs or more), after the pool has started:
 * without a line of its own a batch would say nothing for that long.
 */
export const FIRST_LINE_MS = 1_000;

/** `s` seconds, rounded up, as a person reads them. */
export function formatSeconds(s: number): string {
  const whole = Math.ceil(s);
  return whole < 60 ? `${whole} s` : `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}

/**
 * The rate of runs since the first report of finished runs. Counting from the start instead takes
 * the pool's start-up and the first chunk's warm-up for the batch's pace, and on a short batch
 * made the ETA several times too long; a resumed batch's earlier runs are left out the same way.
 */
export function measuredRate(clock: Clock) {
  let base: { at: number; done: number } | undefined;
  return (done: number): number | undefined => {
    const now = clock.now();
    if (base === undefined) {
      base = { at: now, done };
      return undefined;
    }
    const seconds = (now - base.at) / 1000;
    return seconds > 0 && done > base.done ? (done - base.done) / seconds : undefined;
  };
}

/** The bar drawn before the text on a terminal. */
function bar(done: number, total: number): string {
  const width = 30;
  const filled = Math.min(width, Math.round((width * done) / Math.max(1, total)));
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] `;
}

export function progressReporter(write: (text: string) => void, mode: ProgressMode, o: ProgressOptions = {}): Progress {
  if (mode === 'quiet') return { update: () => {}, finish: () => {} };
  const clock = o.clock ?? systemClock;
  const started = clock.now();
  const rateAt = measuredRate(clock);
  let lastLine = -Infinity;
  let drawn = false;

  const text = (done: number, total: number, rate: number | undefined): string => {
    const runs = `${done}/${total} runs`;
    if (done >= total) return `${runs} in ${formatSeconds((clock.now() - started) / 1000)}`;
    // Where the runs run, when that is news (a work queue's live workers).
    const where = executorStatus();
    const on = where === undefined ? '' : `, ${where}`;
    if (rate === undefined) return `${runs}, measuring the rate${on}`;
    return `${runs}, ${rate.toFixed(0)} runs/s, ETA ${formatSeconds((total - done) / rate)}${on}`;
  };
  // On a terminal the line is redrawn in place, erasing what a longer one left to its right.
  const draw = (done: number, total: number, line: string) => {
    write(mode === 'bar' ? `\r${bar(done, total)}${line}\x1b[K` : `${line}\n`);
    drawn = true;
  };

  const { total: planned, done: doneBefore = 0 } = o;
  // Not counted as a line by the throttle: the first real numbers must not wait for it.
  const cancelFirstLine =
    planned === undefined
      ? () => {}
      : clock.after(FIRST_LINE_MS, () => {
          if (!drawn) draw(doneBefore, planned, `${doneBefore}/${planned} runs, starting`);
        });

  return {
    update(done, total) {
      cancelFirstLine();
      const line = text(done, total, rateAt(done));
      if (mode === 'lines' && done < total && clock.now() - lastLine < LINE_EVERY_MS) return;
      lastLine = clock.now();
      draw(done, total, line);
    },
    finish() {
      cancelFirstLine();
      if (mode === 'bar' && drawn) write('\n');
    },
  };
}
