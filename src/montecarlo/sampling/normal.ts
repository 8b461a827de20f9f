/**
 * The standard normal distribution function Φ and its inverse, accurate to about 1e-15 relative
 * in Φ and better than 1e-9 absolute in the inverse (in practice ~1e-15).
 *
 * Φ comes from the complementary error function: a positive-term series for erf below x = 2 and
 * a continued fraction (evaluated by the modified Lentz method) above it, both on the scaled
 * erfcx(x) = e^{x²}·erfc(x) so that the far tail neither underflows nor loses relative accuracy.
 * The inverse is Acklam's rational approximation (relative error < 1.15e-9) refined by one Halley
 * step, which cubes the error. Everything is worked in the lower tail, the upper tail by symmetry,
 * because 1 − p is exact for p ≥ 0.5 while p − 0.5 near 0 is not.
 */

const SQRT_PI = Math.sqrt(Math.PI);
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const LOG_HALF = Math.log(0.5);

/** e^{x²}·erfc(x) for x ≥ 0. */
function erfcx(x: number): number {
  if (x < 2) {
    // erf(x) = 2/√π · e^{-x²} · Σ 2ⁿ x^{2n+1} / (1·3·…·(2n+1)): every term positive, so no
    // cancellation inside the sum; 1 − erf loses at most 2.3 digits at x = 2 (erfc(2) ≈ 4.7e-3).
    let term = x;
    let sum = x;
    for (let n = 1; n < 200 && term > 1e-17 * sum; n++) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
    }
    const erf = (2 / SQRT_PI) * Math.exp(-x * x) * sum;
    return Math.exp(x * x) * (1 - erf);
  }
  // erfc(x) = e^{-x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))); converges fast for x ≥ 2.
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    if (d === 0) d = tiny;
    c = x + a / c;
    if (c === 0) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 / (SQRT_PI * f);
}

/** Φ(z), the standard normal distribution function. */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z > 0) return 1 - normalCdf(-z);
  if (z === -Infinity) return 0;
  const x = -z / Math.SQRT2;
  return 0.5 * erfcx(x) * Math.exp(-x * x);
}

/** log Φ(z), finite however far into the lower tail z lies (down to about −1e154). */
export function logNormalCdf(z: number): number {
  if (z > 0) return Math.log1p(-normalCdf(-z));
  if (z === -Infinity) return -Infinity;
  const x = -z / Math.SQRT2;
  return Math.log(0.5 * erfcx(x)) - x * x;
}

function logNormalPdf(z: number): number {
  return -0.5 * z * z - LOG_SQRT_2PI;
}

// Acklam's coefficients (https://web.archive.org/web/2007/http://home.online.no/~pjacklam/notes/invnorm/).
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const LOG_P_LOW = Math.log(0.02425);

/** Acklam's approximation for p = e^{logp} ≤ 0.5 (lower half), before refinement. */
function acklamLower(logp: number): number {
  if (logp < LOG_P_LOW) {
    const q = Math.sqrt(-2 * logp);
    return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  const q = Math.exp(logp) - 0.5;
  const r = q * q;
  return ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
}

/**
 * The z with log Φ(z) = logp, for logp ≤ log 0.5. Taking the probability as a logarithm lets a
 * truncated normal whose bounds lie far in a tail (probabilities below 1e-308) still be inverted.
 */
export function normalQuantileLowerLog(logp: number): number {
  if (logp === -Infinity) return -Infinity;
  let x = acklamLower(logp);
  // Beyond the range of doubles Acklam's formula is an extrapolation; Newton on log Φ (concave,
  // so the iterates approach the root monotonically after the first step) brings it close
  // enough for the Halley step. Inside the range this loop does not run.
  for (let i = 0; i < 100; i++) {
    const g = logNormalCdf(x) - logp;
    if (Math.abs(g) < 1e-3) break;
    x -= g * Math.exp(logNormalCdf(x) - logNormalPdf(x));
  }
  // Halley: e = Φ(x) − p, u = e/φ(x), x ← x − u/(1 + x·u/2). Written with the relative error
  // Φ(x)/p − 1 so that tiny p keeps its precision.
  const rel = Math.expm1(logNormalCdf(x) - logp);
  const u = rel * Math.exp(logp - logNormalPdf(x));
  return x - u / (1 + (x * u) / 2);
}

/** Φ⁻¹(p) for p in (0, 1); −∞ and +∞ at 0 and 1. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p <= 0.5) return normalQuantileLowerLog(Math.log(p));
  return -normalQuantileLowerLog(Math.log(1 - p));
}

/**
 * The standard normal truncated to [alpha, beta] (either may be infinite), inverted at u in
 * (0, 1) by mapping u into [Φ(alpha), Φ(beta)]. An interval lying above zero is reflected below
 * it first, and the mapping is done on logarithms, so that an interval far out in a tail (where
 * Φ rounds to 1 or underflows to 0) still spreads its samples over the whole interval.
 */
export function truncatedNormalQuantile(u: number, alpha: number, beta: number): number {
  const reflect = alpha + beta > 0;
  const lo = reflect ? -beta : alpha;
  const hi = reflect ? -alpha : beta;
  const v = reflect ? 1 - u : u;
  const logA = logNormalCdf(lo);
  const logB = logNormalCdf(hi);
  // p = Φ(lo) + v·(Φ(hi) − Φ(lo)) = Φ(hi)·(v + (1 − v)·Φ(lo)/Φ(hi)).
  const logp = logB + Math.log(v + (1 - v) * Math.exp(logA - logB));
  const x = logp <= LOG_HALF ? normalQuantileLowerLog(logp) : -normalQuantileLowerLog(Math.log(-Math.expm1(logp)));
  // Rounding may step a hair outside the interval; the sample must not.
  const clamped = Math.min(hi, Math.max(lo, x));
  return reflect ? -clamped : clamped;
}
