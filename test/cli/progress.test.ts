import { describe, expect, it } from 'vitest';
import { type Clock, FIRST_LINE_MS, formatSeconds, progressMode, progressReporter } from '../../src/cli/progress.js';
import { calibrationProgress } from '../../src/cli/calibrationProgress.js';

/** A clock that moves only when the test says so, firing the timers that fall due on the way. */
class FakeClock implements Clock {
  private t = 0;
  private timers: { at: number; f: () => void }[] = [];

  now(): number {
    return this.t;
  }

  after(ms: number, f: () => void): () => void {
    const timer = { at: this.t + ms, f };
    this.timers.push(timer);
    return () => void (this.timers = this.timers.filter((x) => x !== timer));
  }

  /** Moves to `seconds` after the start. */
  at(seconds: number): this {
    this.t = seconds * 1000;
    const due = this.timers.filter((x) => x.at <= this.t);
    this.timers = this.timers.filter((x) => x.at > this.t);
    for (const x of due) x.f();
    return this;
  }

  get pending(): number {
    return this.timers.length;
  }
}

function lines(total?: number, done?: number) {
  const clock = new FakeClock();
  const written: string[] = [];
  const progress = progressReporter((t) => written.push(t), 'lines', { total, done, clock });
  return { clock, written, progress };
}

describe('batch progress', () => {
  it('shows a line within two seconds of the start, before any run has finished', () => {
    const { clock, written } = lines(2000);
    clock.at(FIRST_LINE_MS / 1000 - 0.001);
    expect(written).toEqual([]);
    clock.at(FIRST_LINE_MS / 1000);
    expect(FIRST_LINE_MS).toBeLessThanOrEqual(2000);
    expect(written).toEqual(['0/2000 runs, starting\n']);
  });

  it('counts a resumed batch’s runs in that first line', () => {
    const { clock, written } = lines(2000, 600);
    clock.at(2);
    expect(written).toEqual(['600/2000 runs, starting\n']);
  });

  it('skips the first line when runs finish before it is due, and leaves no timer behind', () => {
    const { clock, written, progress } = lines(2000);
    clock.at(0.5);
    progress.update(200, 2000);
    clock.at(3);
    expect(written).toEqual(['200/2000 runs, measuring the rate\n']);
    expect(clock.pending).toBe(0);
  });

  it('does not hold back the first numbers behind the starting line', () => {
    const { clock, written, progress } = lines(2000);
    clock.at(1.5);
    progress.update(200, 2000);
    expect(written).toEqual(['0/2000 runs, starting\n', '200/2000 runs, measuring the rate\n']);
  });

  it('takes the ETA from the rate measured after the pool has started, not from the start', () => {
    const { clock, written, progress } = lines(2000);
    // Ten seconds of pool start-up and warm-up before the first chunk, then 100 runs a second.
    clock.at(10);
    progress.update(200, 2000);
    clock.at(16);
    progress.update(800, 2000);
    // From the start it would be 800 runs in 16 s, 50 runs/s, and an ETA twice too long.
    expect(written.at(-1)).toBe('800/2000 runs, 100 runs/s, ETA 12 s\n');
    clock.at(22);
    progress.update(1400, 2000);
    expect(written.at(-1)).toBe('1400/2000 runs, 100 runs/s, ETA 6 s\n');
  });

  it('leaves the runs of a resumed batch out of the rate', () => {
    const { clock, written, progress } = lines(2000, 1000);
    clock.at(4);
    progress.update(1200, 2000);
    clock.at(9);
    progress.update(1450, 2000);
    expect(written.at(-1)).toBe('1450/2000 runs, 50 runs/s, ETA 11 s\n');
  });

  it('writes a line at most every five seconds in a log, and always the last one', () => {
    const { clock, written, progress } = lines(1000);
    clock.at(1.5);
    progress.update(100, 1000);
    clock.at(3);
    progress.update(300, 1000);
    clock.at(6.4);
    progress.update(640, 1000);
    clock.at(6.5);
    progress.update(700, 1000);
    clock.at(8);
    progress.update(1000, 1000);
    expect(written).toEqual(['0/1000 runs, starting\n', '100/1000 runs, measuring the rate\n', '700/1000 runs, 120 runs/s, ETA 3 s\n', '1000/1000 runs in 8 s\n']);
  });

  it('redraws a bar in place on a terminal and ends it with a newline', () => {
    const clock = new FakeClock();
    const written: string[] = [];
    const progress = progressReporter((t) => written.push(t), 'bar', { total: 100, clock });
    clock.at(2);
    clock.at(3);
    progress.update(50, 100);
    clock.at(4);
    progress.update(100, 100);
    progress.finish();
    expect(written).toEqual([
      `\r[${'.'.repeat(30)}] 0/100 runs, starting\x1b[K`,
      `\r[${'#'.repeat(15)}${'.'.repeat(15)}] 50/100 runs, measuring the rate\x1b[K`,
      `\r[${'#'.repeat(30)}] 100/100 runs in 4 s\x1b[K`,
      '\n',
    ]);
  });

  it('says nothing with --quiet, and a bar that never drew adds no newline', () => {
    const clock = new FakeClock();
    const written: string[] = [];
    progressReporter((t) => written.push(t), progressMode({ quiet: true }, true), { total: 100, clock });
    const bar = progressReporter((t) => written.push(t), 'bar', { total: 100, clock });
    bar.finish();
    clock.at(10);
    expect(written).toEqual([]);
    expect(clock.pending).toBe(0);
  });

  it('writes long waits in minutes', () => {
    expect(formatSeconds(0.2)).toBe('1 s');
    expect(formatSeconds(59)).toBe('59 s');
    expect(formatSeconds(61.5)).toBe('1 min 02 s');
    expect(formatSeconds(3600)).toBe('60 min 00 s');
  });
});

describe('calibration progress', () => {
  const options = { particles: 200, replicates: 3, budget: 30_000 };
  const round = (runs: number, accepted: number, proposed: number) => ({ generation: 1, tolerance: 2.5, accepted, proposed, runs });

  it('says the calibration has started before its first round of hundreds of runs ends', () => {
    const clock = new FakeClock();
    const written: string[] = [];
    calibrationProgress((t) => written.push(t), 'lines', options, 0, clock);
    clock.at(FIRST_LINE_MS / 1000);
    expect(written).toEqual(['calibration starting, runs 0/30000\n']);
    expect(clock.pending).toBe(0);
  });

  it('takes the ETA from the rate between rounds once there are two, leaving out the start-up', () => {
    const clock = new FakeClock();
    const written: string[] = [];
    const progress = calibrationProgress((t) => written.push(t), 'lines', options, 0, clock);
    // 600 runs in the first 5 s, of which 3 s were the pool's start-up; then 100 runs/s.
    clock.at(5);
    progress.update(round(600, 50, 200));
    clock.at(11);
    progress.update(round(1200, 100, 400));
    // 100 particles left at 25 % acceptance, 3 replicates: 1,200 runs at 100 runs/s.
    expect(written.at(-1)).toContain("runs 1200/30000, generation's ETA 12 s");
    expect(written.at(-1)).toMatch(/^generation 1: tolerance 2\.50, accepted 100\/200 of 400 proposed \(25 %\)/);
  });

  it('leaves the runs a resumed calibration had spent out of its rate', () => {
    const clock = new FakeClock();
    const written: string[] = [];
    const progress = calibrationProgress((t) => written.push(t), 'lines', options, 9_000, clock);
    clock.at(6);
    progress.update(round(9_600, 50, 200));
    // 600 runs in 6 s: 100 runs/s; 150 particles left at 25 % acceptance, 3 replicates: 18 s.
    expect(written.at(-1)).toContain("generation's ETA 18 s");
  });

  it('says nothing with --quiet', () => {
    const clock = new FakeClock();
    const written: string[] = [];
    const progress = calibrationProgress((t) => written.push(t), 'quiet', options, 0, clock);
    clock.at(3);
    progress.update(round(600, 50, 200));
    progress.finish();
    expect(written).toEqual([]);
  });
});
