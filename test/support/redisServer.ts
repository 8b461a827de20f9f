/**
 * Real Redis servers for the queue tests: Debian's redis-server on a free loopback port, in a
 * temporary folder, every one stopped (and its folder removed) after the test file. No mock of
 * Redis: a missing redis-server fails the tests with the install hint, as the browser tests do for
 * Chromium.
 */
import { afterAll } from 'vitest';
import { findRedisServer, REDIS_INSTALL_HINT, startLocalRedis, type LocalRedis, type LocalRedisOptions } from '../../src/bench/localRedis.js';

/** Call at the top level of a test file (where its after-all hook can be registered); start servers with what it returns. */
export function redisServersForFile(): (o?: LocalRedisOptions) => Promise<LocalRedis> {
  const servers: LocalRedis[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.dispose())));
  return async (o = {}) => {
    if (findRedisServer() === undefined) throw new Error(`the queue tests need ${REDIS_INSTALL_HINT}`);
    const server = await startLocalRedis(o);
    servers.push(server);
    return server;
  };
}
