/**
 * A throwaway Redis server on a free loopback port, in a temporary folder, with no persistence:
 * what the bench's queue case and the queue tests run against. It can be stopped and started again
 * on the same port (empty, as a server without persistence comes back).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export const REDIS_INSTALL_HINT = "Debian's redis-server; install it with: apt-get install -y redis-server";

/** The redis-server on PATH, or undefined. */
export function findRedisServer(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return (env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, 'redis-server'))
    .find((file) => existsSync(file));
}

export interface LocalRedisOptions {
  /** `requirepass`: clients must give this password. */
  password?: string;
  /** `maxmemory-policy` (Debian's default is noeviction). */
  maxmemoryPolicy?: string;
}

export interface LocalRedis {
  port: number;
  /** The URL clients connect with, password included. */
  url: string;
  /** Stops the server (nothing is saved). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  dispose(): Promise<void>;
}

/** A port the system has just handed out as free on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Whether something on `port` answers a PING the way Redis does (a refusal for want of a password counts). */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(/^[+-]/.test(data.toString())));
    socket.once('connect', () => socket.write('PING\r\n'));
  });
}

const STARTUP_MS = 15_000;
const POLL_MS = 50;

/** Servers still running: a process that ends without stopping them (a failed test, Ctrl-C) takes them along. */
const running = new Set<ChildProcess>();
let reaping = false;
function reapOnExit(): void {
  if (reaping) return;
  reaping = true;
  process.once('exit', () => running.forEach((c) => c.kill('SIGKILL')));
}

export async function startLocalRedis(o: LocalRedisOptions = {}): Promise<LocalRedis> {
  const binary = findRedisServer();
  if (binary === undefined) throw new Error(`no redis-server on PATH: this needs ${REDIS_INSTALL_HINT}`);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'gpu-market-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--logfile', join(dir, 'redis.log')];
  if (o.password !== undefined) args.push('--requirepass', o.password);
  if (o.maxmemoryPolicy !== undefined) args.push('--maxmemory-policy', o.maxmemoryPolicy);
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const start = async () => {
    const c = spawn(binary, args, { stdio: 'ignore' });
    child = c;
    running.add(c);
    reapOnExit();
    exited = new Promise<void>((resolve) =>
      c.once('exit', () => {
        running.delete(c);
        resolve();
      }),
    );
    const deadline = Date.now() + STARTUP_MS;
    while (!(await answers(port))) {
      if (c.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start on port ${port} (see ${join(dir, 'redis.log')})`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  };
  const stop = async () => {
    if (child && child.exitCode === null) child.kill('SIGTERM');
    await exited;
    child = undefined;
  };
  await start();
  const auth = o.password === undefined ? '' : `:${encodeURIComponent(o.password)}@`;
  return {
    port,
    url: `redis://${auth}127.0.0.1:${port}`,
    stop,
    start,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
