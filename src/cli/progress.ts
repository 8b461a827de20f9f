/**
 * Batch progress on stderr: a bar redrawn in place on a terminal, plain lines at most every few
 * seconds otherwise (logs, CI), nothing with --quiet. The clock is read here, in the shell, and
 * never reaches the model or the summary.
 */
/** How progress is shown: a bar redrawn on a terminal, lines in a log, or nothing. */
export type ProgressMode = 'bar' | 'lines' | 'quiet';

export const progressMode = (o: { quiet?: boolean }, isTty: boolean): ProgressMode => (o.quiet ? 'quiet' : isTty ? 'bar' : 'lines');

export interface Progress {
  update(done: number, total: number): void;
  finish(): void;
}

const LINE_EVERY_MS = 5_000;

export function progressReporter(write: (text: string) => void, mode: ProgressMode): Progress {
  if (mode === 'quiet') return { update: () => {}, finish: () => {} };
  const started = Date.now();
  let lastLine = 0;
  const text = (done: number, total: number) => {
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = rate > 0 ? (total - done) / rate : 0;
    return `${done}/${total} runs, ${rate.toFixed(0)} runs/s, ETA ${eta.toFixed(0)} s`;
  };
  return {
    update(done, total) {
      if (mode === 'bar') {
        const width = 30;
        const filled = Math.round((width * done) / Math.max(1, total));
        write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text(done, total)}   `);
      } else if (Date.now() - lastLine >= LINE_EVERY_MS || done === total) {
        lastLine = Date.now();
        write(`${text(done, total)}\n`);
      }
    },
    finish() {
      if (mode === 'bar') write('\n');
    },
  };
}
