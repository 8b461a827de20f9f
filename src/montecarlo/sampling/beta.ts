/**
 * The beta distribution on [0, 1]: its distribution function, the regularized incomplete beta
 * function I_x(a, b), and the inverse of that in x.
 *
 * I_x(a, b) is evaluated as in Numerical Recipes (`betai`/`betacf`): the prefactor
 * x^a (1−x)^b / (a·B(a, b)) times a continued fraction evaluated by the modified Lentz method,
 * using the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) on the side where the fraction converges fast.
 * ln Γ is Lanczos' approximation (g = 7, 9 terms; relative error ~1e-15).
 * The inverse is Newton's method on I_x(a, b) − u, kept inside a shrinking bracket and falling
 * back to bisection whenever a step would leave it, so it converges even where the density is
 * infinite (a < 1 or b < 1); it stops at a relative step of 1e-15, far inside the 1e-10 asked.
 */
import { normalQuantile } from './normal.js';

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(z) for z > 0. */
export function logGamma(z: number): number {
  // The series is accurate for z ≥ 0.5; below that, Γ(z) = Γ(z + 1)/z keeps it there.
  if (z < 0.5) return logGamma(z + 1) - Math.log(z);
  const zm1 = z - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (zm1 + i);
  const t = zm1 + LANCZOS_G + 0.5;
  return LOG_SQRT_2PI + (zm1 + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** The continued fraction of I_x(a, b) (Numerical Recipes `betacf`), by modified Lentz. */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  // Convergence takes O(√max(a, b)) terms; the cap only guards against a runaway.
  for (let m = 1; m <= 100_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b), the beta(a, b) distribution function. */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b);
  // The fraction converges quickly for x < (a + 1)/(a + b + 2); beyond, use the symmetry.
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(a, b, x)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** A starting point for the inverse (Numerical Recipes `invbetai`; Abramowitz & Stegun 26.5.22). */
function initialGuess(u: number, a: number, b: number): number {
  if (a >= 1 && b >= 1) {
    // A&S write the normal deviate for the upper tail, hence the sign.
    const z = -normalQuantile(u);
    const al = (z * z - 3) / 6;
    const h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
    const w = (z * Math.sqrt(al + h)) / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5 / 6 - 2 / (3 * h));
    return a / (a + b * Math.exp(2 * w));
  }
  // Otherwise the two power-law ends x^a/a and (1−x)^b/b, split at their relative weights.
  const t = Math.exp(a * Math.log(a / (a + b))) / a;
  const v = Math.exp(b * Math.log(b / (a + b))) / b;
  const w = t + v;
  return u < t / w ? Math.pow(a * w * u, 1 / a) : 1 - Math.pow(b * w * (1 - u), 1 / b);
}

/** The x in [0, 1] with I_x(a, b) = u. */
export function betaQuantile(u: number, a: number, b: number): number {
  if (!(u > 0)) return 0;
  if (!(u < 1)) return 1;
  // Solve in the lower tail: 1 − u is exact for u ≥ 0.5, and I near 1 would be known only to
  // an absolute 1e-16, which near x = 1 (small density) is a large error in x.
  return u <= 0.5 ? solveLower(u, a, b) : 1 - solveLower(1 - u, b, a);
}

function solveLower(u: number, a: number, b: number): number {
  const lnB = logBeta(a, b);
  let lo = 0;
  let hi = 1;
  let x = initialGuess(u, a, b);
  if (!(x > 0 && x < 1)) x = 0.5;
  for (let i = 0; i < 1000; i++) {
    const f = incompleteBeta(x, a, b) - u;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const logPdf = (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - lnB;
    let next = x - f / Math.exp(logPdf);
    if (!(next > lo && next < hi)) next = lo + (hi - lo) / 2;
    // Either Newton has converged or the bracket has closed to rounding level.
    if (Math.abs(next - x) <= 1e-15 * x || hi - lo <= 1e-15 * lo) return next;
    x = next;
  }
  return x;
}
