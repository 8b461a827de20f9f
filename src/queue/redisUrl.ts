/**
 * The `--queue` URL: `redis://[user:password@]host:port[/db]`, or `rediss://` for TLS. Read here
 * into explicit connection settings, so that nothing else in the URL (a query string would set
 * any client option) reaches the client, and described without its password wherever it is shown.
 */

export interface RedisTarget {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls: boolean;
  /** The URL as messages show it: the password never appears. */
  display: string;
}

/** A `--queue` URL that cannot be used; the message names what is wrong, never the password. */
export class RedisUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisUrlError';
  }
}

const DEFAULT_PORT = 6379;
const FORM = 'redis://[user:password@]host:port[/db] or rediss://…';

export function parseRedisUrl(text: string): RedisTarget {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new RedisUrlError(`expected ${FORM}, found something that is not a URL`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new RedisUrlError(`expected ${FORM}, found a ${url.protocol.replace(/:$/, '')}:// URL`);
  const tls = url.protocol === 'rediss:';
  if (url.hostname === '') throw new RedisUrlError(`expected ${FORM}: the URL names no host`);
  if (url.search !== '' || url.hash !== '') throw new RedisUrlError(`expected ${FORM}: the URL has a query or fragment, which gpu-market does not read`);
  const path = url.pathname.replace(/^\//, '');
  if (!/^\d*$/.test(path) || Number(path) > 15) throw new RedisUrlError(`expected ${FORM}: the database after the host is a number from 0 to 15, found ${JSON.stringify(path)}`);
  const db = path === '' ? 0 : Number(path);
  const port = url.port === '' ? DEFAULT_PORT : Number(url.port);
  const username = url.username === '' ? undefined : decodeURIComponent(url.username);
  const password = url.password === '' ? undefined : decodeURIComponent(url.password);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const target = { host, port, db, username, password, tls };
  return { ...target, display: display(target) };
}

/** `target` with the password it lacks (from the environment, say). */
export function withPassword(target: RedisTarget, password: string): RedisTarget {
  const t = { ...target, password };
  return { ...t, display: display(t) };
}

/** The URL of `t` as messages show it: `***` for any password. */
function display(t: Omit<RedisTarget, 'display'>): string {
  const secret = t.password === undefined ? '' : ':***';
  const user = t.username === undefined ? (secret === '' ? '' : `${secret}@`) : `${encodeURIComponent(t.username)}${secret}@`;
  const host = t.host.includes(':') ? `[${t.host}]` : t.host;
  return `${t.tls ? 'rediss' : 'redis'}://${user}${host}:${t.port}/${t.db}`;
}
