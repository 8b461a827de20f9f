/**
 * Numbers in the report's sentences and tables. Written without the locale (Intl output can change
 * with the ICU version), so the same batch gives the same page on every machine.
 */

/** A share as per cent: 0.514 → "51 %", with `digits` decimals. */
export function pct(v: number, digits = 0): string {
  const text = (v * 100).toFixed(digits);
  return `${/^-0(\.0+)?$/.test(text) ? text.slice(1) : text.replace('-', '−')} %`;
}

/** A probability with two decimals: 0.6412 → "0.64". */
export const prob = (v: number): string => v.toFixed(2);

/** A number for reading: thousands grouped, `digits` significant digits below 1,000. */
export function num(v: number, digits = 3): string {
  const sign = v < 0 ? '−' : '';
  const a = Math.abs(v);
  if (a >= 1000) return sign + String(Math.round(a)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  if (a === 0) return '0';
  return sign + String(Number(a.toPrecision(digits)));
}

/** A money amount with two decimals (a rent per hour). */
export const money = (v: number): string => (v < 0 ? `−${(-v).toFixed(2)}` : v.toFixed(2));

/** An observation as written in the report: a point "12.3", an interval "10–14", a bound "≥ 8" or "≤ 3". */
export function observedText(o: { value: number | null; low: number | null; high: number | null }, format: (v: number) => string): string {
  if (o.value !== null) return format(o.value);
  if (o.low !== null && o.high !== null) return `${format(o.low)}–${format(o.high)}`;
  return o.low !== null ? `≥ ${format(o.low)}` : `≤ ${format(o.high!)}`;
}
