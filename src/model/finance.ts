/** Discounting helpers for monthly cash flows; rates are yearly and converted exactly. */
import { monthlyRate } from './params.js';

/** Net present value of monthly flows, flows[k] falling k months after the valuation date. */
export function npv(flows: ArrayLike<number>, yearlyRate: number): number {
  return npvMonthly(flows, monthlyRate(yearlyRate));
}

/** The same at a monthly rate `r`. */
function npvMonthly(flows: ArrayLike<number>, r: number): number {
  let v = 0;
  let f = 1;
  for (let k = 0; k < flows.length; k++) {
    v += flows[k] / f;
    f *= 1 + r;
  }
  return v;
}

/** Monthly rates scanned for a sign change of NPV: about -93 % to +13,000 % a year. */
const SCAN_LOW = -0.2;
const SCAN_HIGH = 0.5;
const SCAN_STEPS = 280;

/**
 * Yearly internal rate of return of monthly flows. NPV is scanned over a grid of monthly rates from
 * low to high; the first fall through zero (the root of an investment: money out, then money in) is
 * refined by bisection. Flows that only ever rise through zero get that root instead. Null when NPV
 * never changes sign.
 */
export function irr(flows: ArrayLike<number>): number | null {
  const step = (SCAN_HIGH - SCAN_LOW) / SCAN_STEPS;
  let first: [number, number, number] | null = null;
  let lo = SCAN_LOW;
  let vLo = npvMonthly(flows, lo);
  for (let i = 1; i <= SCAN_STEPS; i++) {
    const hi = SCAN_LOW + i * step;
    const vHi = npvMonthly(flows, hi);
    if (vLo > 0 && vHi <= 0) return Math.pow(1 + bisect(flows, lo, hi, vLo), 12) - 1;
    if (first === null && vLo < 0 && vHi >= 0) first = [lo, hi, vLo];
    lo = hi;
    vLo = vHi;
  }
  return first ? Math.pow(1 + bisect(flows, first[0], first[1], first[2]), 12) - 1 : null;
}

function bisect(flows: ArrayLike<number>, lo: number, hi: number, vLo: number): number {
  for (let i = 0; i < 100 && hi - lo > 1e-13; i++) {
    const mid = (lo + hi) / 2;
    const v = npvMonthly(flows, mid);
    if (Math.sign(v) === Math.sign(vLo)) {
      lo = mid;
      vLo = v;
    } else {
      hi = mid;
    }
  }
  return (lo + hi) / 2;
}
