/**
 * gpu-market processes a queue test starts and watches: workers, and coordinators it needs to act
 * on while they run. Waiting is for a condition, polled with a bound, never a fixed sleep.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll } from 'vitest';
import { MAIN, ROOT } from '../cli/helpers.js';

export interface Running {
  child: ChildProcess;
  /** Everything it wrote so far, stdout and stderr together. */
  output(): string;
  /** Its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
}

const started: ChildProcess[] = [];
afterAll(() => {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** Starts `gpu-market <args>`; it is killed after the test file if still running. */
export function start(args: readonly string[]): Running {
  const child = spawn(process.execPath, [MAIN, ...args], { cwd: ROOT, env: { ...process.env, GPU_MARKET_DEBUG: '' } });
  started.push(child);
  let text = '';
  child.stdout.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

/** A worker with one thread, once it has joined the queue. */
export async function startWorker(url: string): Promise<Running> {
  const w = start(['worker', '--queue', url, '--workers', '1']);
  await until('the worker to join the queue', () => w.output().includes('joined the queue'));
  return w;
}

const running = (w: Running) => w.child.exitCode === null && w.child.signalCode === null;

/** Stops a worker the polite way, or kills it when it cannot finish (its server is gone), and waits for it. */
export async function stopWorker(w: Running): Promise<void> {
  if (running(w)) w.child.kill('SIGTERM');
  await until('the worker to stop', () => !running(w), 20_000).catch(() => w.child.kill('SIGKILL'));
  await w.exited;
}

const POLL_MS = 50;

/** Resolves once `condition` holds; fails naming `what` if it has not within `ms`. */
export async function until(what: string, condition: () => boolean | Promise<boolean>, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
