import { oneLine, truncate } from './oneLine.js';

/**
 * What the user wrote, in the words of an error message's "found …" part. Strings are quoted so
 * that `"12"` (a string) reads differently from `12` (a number); collections are summarised
 * rather than printed because the message must stay one short line.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  // YAML turns `key:` with nothing after it into null; "an empty value" says that in the
  // author's terms rather than the parser's.
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return JSON.stringify(truncate(value));
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'a mapping';
  return typeof value === 'symbol' ? oneLine(truncate(value.toString())) : 'a function';
}
