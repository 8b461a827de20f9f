import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.js';
import { parseQueueUrl } from '../../src/cli/queueOption.js';

describe('--queue', () => {
  it('takes the password from GPU_MARKET_QUEUE_PASSWORD when the URL has none, and never shows it', () => {
    expect(parseQueueUrl('redis://redis:6379', { GPU_MARKET_QUEUE_PASSWORD: 'from-a-secret' })).toMatchObject({ password: 'from-a-secret', display: 'redis://:***@redis:6379/0' });
    expect(parseQueueUrl('redis://worker@redis:6379', { GPU_MARKET_QUEUE_PASSWORD: 'pw' })).toMatchObject({ username: 'worker', password: 'pw', display: 'redis://worker:***@redis:6379/0' });
  });

  it('keeps the password of the URL over the environment, and goes without one where neither has it', () => {
    expect(parseQueueUrl('redis://:in-url@redis', { GPU_MARKET_QUEUE_PASSWORD: 'other' }).password).toBe('in-url');
    expect(parseQueueUrl('redis://redis', {})).toMatchObject({ password: undefined, display: 'redis://redis:6379/0' });
  });

  it('refuses a URL it cannot use as a bad option', () => {
    expect(() => parseQueueUrl('redis:/', {})).toThrow(UsageError);
    expect(() => parseQueueUrl('ftp://host', {})).toThrow(/^--queue: expected redis:\/\//);
  });
});
