/**
 * A calibration's progress on stderr: one line per round of proposals (redrawn on a terminal), with
 * the generation, its tolerance and acceptance, the runs spent and the generation's ETA. A round is
 * hundreds of runs, so a line of its own says the calibration has started before the first one ends.
 */
import type { AbcOptions, AbcProgress } from '../calibration/abcSmc.js';
import { executorStatus } from '../montecarlo/executor.js';
import { type Clock, FIRST_LINE_MS, formatSeconds, measuredRate, type ProgressMode, systemClock } from './progress.js';

export interface CalibrationProgress {
  update(p: AbcProgress): void;
  finish(): void;
}

/** `runsBefore`: the runs a resumed calibration had spent already, kept out of the rate. */
export function calibrationProgress(
  write: (text: string) => void,
  mode: ProgressMode,
  o: Pick<AbcOptions, 'particles' | 'replicates' | 'budget'>,
  runsBefore = 0,
  clock: Clock = systemClock,
): CalibrationProgress {
  if (mode === 'quiet') return { update: () => {}, finish: () => {} };
  const started = clock.now();
  const rateAt = measuredRate(clock);
  let drawn = false;
  const draw = (text: string) => {
    write(mode === 'bar' ? `\r${text}\x1b[K` : `${text}\n`);
    drawn = true;
  };
  const cancelFirstLine = clock.after(FIRST_LINE_MS, () => {
    if (!drawn) draw(`calibration starting, runs ${runsBefore}/${o.budget}`);
  });

  return {
    update(p) {
      cancelFirstLine();
      // From the second round on, the rate is measured since the first, after the pool's start-up
      // and the workers' warm-up. A generation is often one to three rounds, so until then the
      // rate since the start stands in; over a round of several seconds it is only a little slow.
      const seconds = (clock.now() - started) / 1000;
      const runsPerSecond = rateAt(p.runs) ?? (seconds > 0 ? (p.runs - runsBefore) / seconds : 0);
      const acceptance = p.proposed > 0 ? p.accepted / p.proposed : 0;
      const runsLeft = acceptance > 0 ? Math.min(((o.particles - p.accepted) / acceptance) * o.replicates, o.budget - p.runs) : NaN;
      const eta = runsPerSecond > 0 && Number.isFinite(runsLeft) ? formatSeconds(runsLeft / runsPerSecond) : 'not yet known';
      const tolerance = Number.isFinite(p.tolerance) ? p.tolerance.toPrecision(3) : 'none (prior)';
      const where = executorStatus();
      draw(
        `generation ${p.generation}: tolerance ${tolerance}, accepted ${p.accepted}/${o.particles} of ${p.proposed} proposed (${(100 * acceptance).toFixed(0)} %), runs ${p.runs}/${o.budget}, generation's ETA ${eta}${where === undefined ? '' : `, ${where}`}`,
      );
    },
    finish() {
      cancelFirstLine();
      if (mode === 'bar' && drawn) write('\n');
    },
  };
}
