/**
 * A real Redis server for the queue tests: Debian's redis-server on a free loopback port, in a
 * temporary folder, stopped (and its folder removed) after the test file. No mock of Redis: the
 * tests fail with the install hint when redis-server is missing, as the browser tests do for Chromium.
 */
import { afterAll } from 'vitest';
import { findRedisServer, REDIS_INSTALL_HINT, startLocalRedis, type LocalRedis, type LocalRedisOptions } from '../../src/bench/localRedis.js';

export async function redisForFile(o: LocalRedisOptions = {}): Promise<LocalRedis> {
  if (findRedisServer() === undefined) throw new Error(`the queue tests need ${REDIS_INSTALL_HINT}`);
  const server = await startLocalRedis(o);
  afterAll(() => server.dispose());
  return server;
}
