/**
 * Connections to the queue's Redis server. A command issued while the server is away waits for it
 * (the client reconnects every second and sends it again) instead of failing, so coordinator and
 * workers ride out a restart; how long anyone waits is decided by its owner, not here.
 */
import { Redis } from 'ioredis';
import type { RedisTarget } from './redisUrl.js';
import { QueueServerError } from './serverError.js';

const RECONNECT_MS = 1_000;
/** Waiting for the server is said once it has taken this long, so a quick start stays quiet. */
const SAY_WAITING_AFTER_MS = 2_000;
/** BullMQ's own minimum. */
const MIN_REDIS_MAJOR = 5;

export function redisClient(target: RedisTarget): Redis {
  const client = new Redis({
    host: target.host,
    port: target.port,
    db: target.db,
    username: target.username,
    password: target.password,
    tls: target.tls ? { servername: target.host } : undefined,
    lazyConnect: true,
    // Null: a command waits for the server to come back instead of failing after some retries
    // (BullMQ requires it of the connections its workers block on).
    maxRetriesPerRequest: null,
    retryStrategy: () => RECONNECT_MS,
    connectTimeout: 10_000,
  });
  // Every failed connection attempt is an 'error' event; the owner follows 'close' and 'ready',
  // and an unheard 'error' would be printed by the client itself.
  client.on('error', () => {});
  return client;
}

const isCredentialsError = (err: Error): boolean => /WRONGPASS|NOAUTH|invalid password|invalid username-password|NOPERM/i.test(err.message);

export interface WaitOptions {
  /** Give up after this long (undefined: wait as long as it takes). */
  timeoutMs?: number;
  log: (line: string) => void;
  signal?: AbortSignal;
}

/**
 * Connects `client` and resolves once the server answers. Says so once when that takes a while;
 * rejects with a QueueServerError when the server refuses the credentials, and with a plain Error
 * naming the server when `timeoutMs` passes or `signal` aborts first.
 */
export function whenReady(client: Redis, target: RedisTarget, o: WaitOptions): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    let lastError = '';
    let said = false;
    const timers: NodeJS.Timeout[] = [];
    const done = (err?: Error) => {
      timers.forEach(clearTimeout);
      client.off('ready', onReady);
      client.off('error', onError);
      o.signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else {
        if (said) o.log(`reached the queue's Redis server at ${target.display}`);
        resolve();
      }
    };
    const onReady = () => done();
    const onError = (err: Error) => {
      lastError = err.message;
      if (isCredentialsError(err)) {
        client.disconnect();
        done(new QueueServerError(`the Redis server at ${target.display} refused the credentials (${err.message}); check the user and password in --queue`));
      }
    };
    const onAbort = () => done(new Error(`stopped while waiting for the Redis server at ${target.display}`));
    client.on('ready', onReady);
    client.on('error', onError);
    o.signal?.addEventListener('abort', onAbort, { once: true });
    timers.push(
      setTimeout(() => {
        said = true;
        const limit = o.timeoutMs === undefined ? '' : ` (giving up after ${Math.round(o.timeoutMs / 1000)} s)`;
        o.log(`waiting for the queue's Redis server at ${target.display}${lastError === '' ? '' : `: ${lastError}`}${limit}`);
      }, SAY_WAITING_AFTER_MS),
    );
    if (o.timeoutMs !== undefined) {
      timers.push(
        setTimeout(
          () => done(new Error(`the queue's Redis server at ${target.display} could not be reached in ${Math.round(o.timeoutMs! / 1000)} s${lastError === '' ? '' : ` (${lastError})`}`)),
          o.timeoutMs,
        ),
      );
    }
    if (client.status === 'wait') client.connect().catch(() => {});
  });
}

/** A field of INFO's text. */
const infoField = (info: string, name: string): string | undefined => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim();

/**
 * Checks the server once connected: refuses one too old for the queue, and warns when it evicts
 * keys under memory pressure (anything but `noeviction`), which could drop queued chunks and results.
 */
export async function checkServer(client: Redis, target: RedisTarget, warn: (line: string) => void): Promise<void> {
  const info = await client.info();
  const version = infoField(info, 'redis_version') ?? infoField(info, 'valkey_version');
  if (version !== undefined && Number(version.split('.')[0]) < MIN_REDIS_MAJOR) {
    throw new QueueServerError(`the Redis server at ${target.display} is version ${version}; the queue needs ${MIN_REDIS_MAJOR}.0 or later`);
  }
  const policy = infoField(info, 'maxmemory_policy');
  if (policy !== undefined && policy !== 'noeviction') {
    warn(
      `warning: the Redis server at ${target.display} has maxmemory-policy ${policy}: short of memory it may evict queued chunks or their results (they are sent again, at a cost); set maxmemory-policy noeviction`,
    );
  }
}
