/**
 * Numbers for people reading a terminal: fixed decimals and thousands separators. Written by hand
 * rather than with toLocaleString so the text does not change with the machine's locale.
 */
export function groupedFixed(value: number, decimals = 0): string {
  if (!Number.isFinite(value)) return String(value);
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole, frac] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const negative = value < 0 && Number(fixed) !== 0;
  return `${negative ? '-' : ''}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/** A number with `digits` significant digits and no trailing zeros: 1234.5678 → `1235`, 0.012345 → `0.01235`. */
export const significant = (value: number, digits = 4): string => String(Number(value.toPrecision(digits)));

/** A share as a percentage with one decimal, e.g. 0.3339 → `33.4 %`. */
export const percent = (share: number): string => `${groupedFixed(share * 100, 1)} %`;
