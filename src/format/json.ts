/**
 * JSON text for output files: 2-space indentation like JSON.stringify(v, null, 2), except that a
 * list holding only numbers, strings, booleans or nulls stays on one line, so a metric column of
 * hundreds of months is one line rather than hundreds. Ends with a newline. Key order is the
 * objects' own order, so callers fix it by how they build the objects.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function jsonText(value: unknown): string {
  return `${render(value as Json, '')}\n`;
}

function render(value: Json, indent: string): string {
  if (value === null || typeof value !== 'object') return scalar(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => v === null || typeof v !== 'object')) return `[${value.map(scalar).join(', ')}]`;
    return `[\n${value.map((v) => inner + render(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${render(v, inner)}`).join(',\n')}\n${indent}}`;
}

function scalar(value: null | boolean | number | string): string {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`cannot write ${String(value)} as JSON`);
  return JSON.stringify(value);
}
