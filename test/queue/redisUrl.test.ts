import { describe, expect, it } from 'vitest';
import { parseRedisUrl, RedisUrlError } from '../../src/queue/redisUrl.js';

describe('the --queue URL', () => {
  it('reads host, port, database, user and password, and shows the URL without the password', () => {
    expect(parseRedisUrl('redis://alice:p%40ss@cache.example:6380/2')).toEqual({
      host: 'cache.example',
      port: 6380,
      db: 2,
      username: 'alice',
      password: 'p@ss',
      tls: false,
      display: 'redis://alice:***@cache.example:6380/2',
    });
    expect(parseRedisUrl('rediss://:secret@10.0.0.5')).toMatchObject({
      host: '10.0.0.5',
      port: 6379,
      db: 0,
      username: undefined,
      password: 'secret',
      tls: true,
      display: 'rediss://:***@10.0.0.5:6379/0',
    });
    expect(parseRedisUrl('redis://[::1]:7000')).toMatchObject({ host: '::1', display: 'redis://[::1]:7000/0' });
  });

  it.each([
    ['http://host:6379', 'found a http:// URL'],
    ['host:6379', 'found a host:// URL'],
    ['not a url', 'not a URL'],
    ['redis://host:6379/16', 'the database after the host is a number from 0 to 15'],
    ['redis://host:6379/x', 'the database after the host is a number from 0 to 15'],
    ['redis://host:6379?tls=true', 'has a query or fragment'],
  ])('refuses %s, saying what is wrong', (text, reason) => {
    expect(() => parseRedisUrl(text)).toThrow(RedisUrlError);
    expect(() => parseRedisUrl(text)).toThrow(reason);
  });

  it('never puts the password in a refusal', () => {
    expect(() => parseRedisUrl('redis://:hunter2@host:6379/99')).toThrow(/^(?!.*hunter2)/);
  });
});
