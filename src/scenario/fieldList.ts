/**
 * The "expected …" text for a field name that does not exist. The usual cause is a typo or a
 * wrong case, so a near miss is listed first; the rest are listed in schema order, which groups
 * related fields the way the docs and the JSON Schema do.
 */
const SHOWN = 6;

export function expectedOneOfFields(known: readonly string[], unknown: string): string {
  if (known.length === 0) return 'no fields here';
  const close = known
    .map((k) => ({ k, d: distance(k.toLowerCase(), unknown.toLowerCase()) }))
    .filter(({ k, d }) => d <= Math.max(1, Math.floor(k.length / 3)))
    .sort((a, b) => a.d - b.d)
    .map(({ k }) => k);
  const ordered = [...close, ...known.filter((k) => !close.includes(k))];
  // Only the single best guess is marked, so the hint does not turn into a list of its own.
  const shown = ordered.slice(0, SHOWN).map((k, i) => (i === 0 && close.length > 0 ? `${k} (closest)` : k));
  const rest = ordered.length > SHOWN ? `, … (${ordered.length} in all)` : '';
  return `one of the fields ${shown.join(', ')}${rest}`;
}

/**
 * Edit distance counting a swap of neighbours as one edit (optimal string alignment), since
 * `peu` for `pue` is the typo people make. Field names are short, so the full table is fine.
 */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
