/**
 * PRIM, the patient rule induction method (Friedman & Fisher 1999, "Bump hunting in
 * high-dimensional data"), for scenario discovery as the EMA Workbench does it: find boxes
 * (ranges of some inputs) in which the cases of interest are concentrated.
 *
 * Method, for one box:
 * 1. Peeling. Start from the box spanning all the data. For each input, the candidate peels cut
 *    off the cases below its `peelAlpha` quantile or above its 1 − `peelAlpha` quantile within the
 *    box (where ties leave nothing to cut, every case at the extreme value goes). The peel taken
 *    is the one with the largest rise in the box's share of interest per case removed
 *    (`gainPerCase`, the default: Friedman & Fisher's criterion when peels differ in size, and the
 *    EMA Workbench's default "lenient" objective), or the one that leaves the highest share
 *    (`mean`). When every peel removes as many cases, the two agree; they differ for inputs with
 *    few values (a choice of 2, 3 or 4 months), where a peel removes a whole value, perhaps a third
 *    of the box: `mean` grabs such large peels for small gains, which is impatient. Ties go to the
 *    earlier input and the lower side. Peeling stops when no peel keeps `minMass` of all cases or
 *    none raises the share. Each step is recorded: the peeling trajectory.
 * 2. Selection. `wracc` (default) takes the step with the largest weighted relative accuracy,
 *    mass × (density − the density of the data searched), the quality measure of subgroup
 *    discovery (Lavrač, Flach & Zupan 1999): the knee of the trajectory where peeling stops
 *    removing cases less likely than average to be of interest and starts removing cases more
 *    likely than average. On the trajectory it is largest where the box holds just the cases
 *    whose local density of interest exceeds the average. The earliest step wins a tie.
 *    `{ minDensity }` takes the step with the largest coverage among those of at least that
 *    density.
 * 3. Pasting (optional, default on). Each restricted side may grow back by `pasteAlpha` of the
 *    box's cases when that raises the share of interest; repeated while some paste does.
 * 4. Pruning. Each restricted side (one bound of one input) gets a quasi-p-value in the manner
 *    of the EMA Workbench: the binomial probability of the box's interest count, or more, if the
 *    box had the density it would have without that bound. While the largest exceeds
 *    `maxPValue`, that bound is dropped. This removes the incidental cuts peeling leaves on inputs
 *    that do not matter, or at the end of an input that matters only at its other end. The
 *    quasi-p-value reported per restricted input is the EMA Workbench's: the input's whole
 *    restriction relaxed at once.
 * 5. A box must be denser in interest than the data as a whole; covering stops at the first that
 *    is not.
 *
 * Covering: after a box is found, its cases are removed and the next box is sought in the rest,
 * up to `maxBoxes`. Coverage is always the share of *all* cases of interest a box holds, mass the
 * share of all cases; density is the share of interest among the (remaining) cases in the box.
 * Everything is deterministic: cases are sorted by value, then by index.
 */
import { binomialUpperTail } from './binomialTail.js';

export interface PrimOptions {
  /** Share of the box's cases a peel removes; default 0.05. */
  peelAlpha?: number;
  /** Share of the box's cases a paste adds; default 0.05. */
  pasteAlpha?: number;
  /** Smallest share of all cases a box may keep; default 0.05. */
  minMass?: number;
  /** Default true. */
  paste?: boolean;
  /** Which step of the trajectory becomes the box; default 'wracc'. */
  select?: 'wracc' | { minDensity: number };
  /** Restrictions with a larger quasi-p-value are dropped; default 0.05 (1 keeps every one). */
  maxPValue?: number;
  /** Boxes to find by covering; default 1. */
  maxBoxes?: number;
  /** How candidate peels are compared; default 'gainPerCase'. */
  objective?: 'mean' | 'gainPerCase';
}

/** One step of a peeling trajectory. */
export interface PrimStep {
  coverage: number;
  density: number;
  mass: number;
  /** Names of the inputs restricted at this step, in input order. */
  restricted: string[];
}

export interface PrimRestriction {
  input: string;
  /** Column of the input in X. */
  index: number;
  /** Lowest value inside the box; null where the lower side is not restricted. */
  lower: number | null;
  /** Highest value inside the box; null where the upper side is not restricted. */
  upper: number | null;
  /** Quasi-p-value of the restriction (see the method). */
  quasiP: number;
}

export interface PrimBox {
  /** Share of all cases of interest that lie in the box. */
  coverage: number;
  /** Share of interest among the cases in the box. */
  density: number;
  /** Share of all cases that lie in the box. */
  mass: number;
  /** Cases in the box, and cases of interest among them. */
  cases: number;
  interesting: number;
  /** Only the restricted inputs, in input order. */
  restrictions: PrimRestriction[];
  /** The peeling trajectory this box was selected from (step 0: the unrestricted box). */
  trajectory: PrimStep[];
  /** Index of the selected step in the trajectory (before pasting and pruning). */
  selectedStep: number;
}

export interface PrimResult {
  cases: number;
  interesting: number;
  /** Share of interest among all cases. */
  density: number;
  boxes: PrimBox[];
  /** Why no (further) box was found. */
  stopReason: string;
}

interface Settings {
  peelAlpha: number;
  pasteAlpha: number;
  minMass: number;
  paste: boolean;
  select: 'wracc' | { minDensity: number };
  maxPValue: number;
  maxBoxes: number;
  objective: 'mean' | 'gainPerCase';
}

function settings(o: PrimOptions): Settings {
  const s: Settings = {
    peelAlpha: o.peelAlpha ?? 0.05,
    pasteAlpha: o.pasteAlpha ?? 0.05,
    minMass: o.minMass ?? 0.05,
    paste: o.paste ?? true,
    select: o.select ?? 'wracc',
    maxPValue: o.maxPValue ?? 0.05,
    maxBoxes: o.maxBoxes ?? 1,
    objective: o.objective ?? 'gainPerCase',
  };
  const share = (name: string, v: number, lo: number, hi: number) => {
    if (!(v > lo && v <= hi)) throw new RangeError(`prim: ${name} must be in (${lo}, ${hi}], got ${v}`);
  };
  share('peelAlpha', s.peelAlpha, 0, 0.5);
  share('pasteAlpha', s.pasteAlpha, 0, 0.5);
  share('minMass', s.minMass, 0, 1);
  if (!(s.maxPValue >= 0 && s.maxPValue <= 1)) throw new RangeError(`prim: maxPValue must be in [0, 1], got ${s.maxPValue}`);
  if (!Number.isInteger(s.maxBoxes) || s.maxBoxes < 1) throw new RangeError(`prim: maxBoxes must be a whole number ≥ 1, got ${s.maxBoxes}`);
  if (typeof s.select !== 'string') share('select.minDensity', s.select.minDensity, 0, 1);
  return s;
}

/**
 * Boxes in the space of the inputs (the columns of X, named by `names`) where the cases with
 * `y[i]` true are concentrated.
 */
export function prim(X: readonly (readonly number[])[], y: readonly boolean[], names: readonly string[], options: PrimOptions = {}): PrimResult {
  const s = settings(options);
  const n = X.length;
  const k = names.length;
  if (y.length !== n) throw new RangeError(`prim: X has ${n} rows but y has ${y.length} values`);
  X.forEach((row, i) => {
    if (row.length !== k) throw new RangeError(`prim: row ${i} of X has ${row.length} values, expected ${k} (one per name)`);
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) throw new RangeError(`prim: X[${i}][${j}] is ${v}, expected a finite number`);
    });
  });
  const interesting = y.reduce((a, v) => a + (v ? 1 : 0), 0);
  const result: PrimResult = { cases: n, interesting, density: n > 0 ? interesting / n : 0, boxes: [], stopReason: '' };
  if (n === 0) return { ...result, stopReason: 'there are no cases' };
  if (k === 0) return { ...result, stopReason: 'there are no inputs to restrict' };
  if (interesting === 0) return { ...result, stopReason: 'no case is of interest' };

  const data = new Data(X, y, names, s);
  for (let b = 0; b < s.maxBoxes; b++) {
    const found = data.findBox();
    if (typeof found === 'string') {
      result.stopReason = b === 0 ? found : `after ${b} box${b === 1 ? '' : 'es'}: ${found}`;
      return result;
    }
    result.boxes.push(found.box);
    data.remove(found.lo, found.hi);
  }
  result.stopReason = `found the ${s.maxBoxes} box${s.maxBoxes === 1 ? '' : 'es'} asked for`;
  return result;
}

/** Whether `row` (one value per input) lies in `box`. */
export function boxContains(box: PrimBox, row: readonly number[]): boolean {
  return box.restrictions.every((r) => (r.lower === null || row[r.index] >= r.lower) && (r.upper === null || row[r.index] <= r.upper));
}

interface Found {
  box: PrimBox;
  lo: Float64Array;
  hi: Float64Array;
}

interface Peel {
  j: number;
  upper: boolean;
  bound: number;
  removed: number;
  removedInterest: number;
  mean: number;
  score: number;
}

/** The cases, sorted once per input, and which of them are still to be covered. */
class Data {
  private readonly n: number;
  private readonly k: number;
  private readonly cols: Float64Array[];
  private readonly order: Int32Array[];
  private readonly y: Uint8Array;
  private readonly totalInterest: number;
  private readonly initLo: Float64Array;
  private readonly initHi: Float64Array;
  /** 1 for cases not yet inside an earlier box. */
  private readonly active: Uint8Array;

  constructor(
    X: readonly (readonly number[])[],
    y: readonly boolean[],
    private readonly names: readonly string[],
    private readonly s: Settings,
  ) {
    this.n = X.length;
    this.k = names.length;
    this.cols = Array.from({ length: this.k }, (_, j) => Float64Array.from(X, (row) => row[j]));
    this.order = this.cols.map((col) => Int32Array.from({ length: this.n }, (_, i) => i).sort((a, b) => col[a] - col[b] || a - b));
    this.y = Uint8Array.from(y, (v) => (v ? 1 : 0));
    this.totalInterest = this.y.reduce((a, v) => a + v, 0);
    this.initLo = Float64Array.from(this.cols, (col, j) => col[this.order[j][0]]);
    this.initHi = Float64Array.from(this.cols, (col, j) => col[this.order[j][this.n - 1]]);
    this.active = new Uint8Array(this.n).fill(1);
  }

  remove(lo: Float64Array, hi: Float64Array): void {
    const inside = this.membership(lo, hi);
    for (let i = 0; i < this.n; i++) if (inside[i]) this.active[i] = 0;
  }

  /** Active cases inside [lo, hi]. */
  private membership(lo: Float64Array, hi: Float64Array): Uint8Array {
    const inside = this.active.slice();
    for (let j = 0; j < this.k; j++) {
      if (lo[j] <= this.initLo[j] && hi[j] >= this.initHi[j]) continue;
      const col = this.cols[j];
      for (let i = 0; i < this.n; i++) if (inside[i] && (col[i] < lo[j] || col[i] > hi[j])) inside[i] = 0;
    }
    return inside;
  }

  private counts(inside: Uint8Array): { m: number; hits: number } {
    let m = 0;
    let hits = 0;
    for (let i = 0; i < this.n; i++) {
      if (inside[i]) {
        m++;
        hits += this.y[i];
      }
    }
    return { m, hits };
  }

  private restrictedNames(lo: Float64Array, hi: Float64Array): string[] {
    return this.names.filter((_, j) => this.isRestricted(lo, hi, j));
  }

  private isRestricted(lo: Float64Array, hi: Float64Array, j: number): boolean {
    return lo[j] > this.initLo[j] || hi[j] < this.initHi[j];
  }

  private step(lo: Float64Array, hi: Float64Array, m: number, hits: number): PrimStep {
    return { coverage: hits / this.totalInterest, density: m > 0 ? hits / m : 0, mass: m / this.n, restricted: this.restrictedNames(lo, hi) };
  }

  /** A box, or why there is none. */
  findBox(): Found | string {
    const { s } = this;
    let lo = this.initLo.slice();
    let hi = this.initHi.slice();
    let inside: Uint8Array = this.active.slice();
    let { m, hits } = this.counts(inside);
    if (hits === 0) return 'no case of interest is left';
    if (hits === m) return m === this.n ? 'every case is of interest: no condition is needed' : 'every case left is of interest';

    const limits: { lo: Float64Array; hi: Float64Array; m: number; hits: number }[] = [{ lo: lo.slice(), hi: hi.slice(), m, hits }];
    for (;;) {
      const peel = this.bestPeel(inside, m, hits);
      if (!peel || peel.mean <= hits / m) break;
      const col = this.cols[peel.j];
      if (peel.upper) hi[peel.j] = peel.bound;
      else lo[peel.j] = peel.bound;
      for (let i = 0; i < this.n; i++) if (inside[i] && (col[i] < lo[peel.j] || col[i] > hi[peel.j])) inside[i] = 0;
      m -= peel.removed;
      hits -= peel.removedInterest;
      limits.push({ lo: lo.slice(), hi: hi.slice(), m, hits });
    }
    const trajectory = limits.map((l) => this.step(l.lo, l.hi, l.m, l.hits));

    let selected = -1;
    if (s.select === 'wracc') {
      const base = trajectory[0].density;
      let best = -Infinity;
      trajectory.forEach((t, i) => {
        const score = t.mass * (t.density - base);
        if (score > best) {
          best = score;
          selected = i;
        }
      });
    } else {
      const { minDensity } = s.select;
      selected = trajectory.findIndex((t) => t.density >= minDensity);
      if (selected < 0) return `no box on the peeling trajectory reaches a density of ${minDensity}`;
    }
    if (selected === 0) return 'no restriction of the inputs raises the share of cases of interest';
    const chosen = limits[selected];
    lo = chosen.lo.slice();
    hi = chosen.hi.slice();
    ({ m, hits } = chosen);
    inside = this.membership(lo, hi);
    if (s.paste) ({ m, hits } = this.pasteAll(lo, hi, inside, m, hits));

    for (;;) {
      const worst = this.leastSignificantSide(lo, hi, m, hits);
      if (!worst || worst.p <= s.maxPValue) break;
      if (worst.upper) hi[worst.j] = this.initHi[worst.j];
      else lo[worst.j] = this.initLo[worst.j];
      inside = this.membership(lo, hi);
      ({ m, hits } = this.counts(inside));
    }
    const qp = this.quasiP(lo, hi, m, hits);
    const restrictions: PrimRestriction[] = [];
    for (let j = 0; j < this.k; j++) {
      if (!this.isRestricted(lo, hi, j)) continue;
      restrictions.push({
        input: this.names[j],
        index: j,
        lower: lo[j] > this.initLo[j] ? lo[j] : null,
        upper: hi[j] < this.initHi[j] ? hi[j] : null,
        quasiP: qp[j],
      });
    }
    if (restrictions.length === 0) return `no restriction is significant (quasi-p-value ≤ ${s.maxPValue})`;
    if (hits / m <= this.totalInterest / this.n) return 'the best box left is no denser in cases of interest than the data as a whole';
    const box: PrimBox = {
      coverage: hits / this.totalInterest,
      density: hits / m,
      mass: m / this.n,
      cases: m,
      interesting: hits,
      restrictions,
      trajectory,
      selectedStep: selected,
    };
    return { box, lo, hi };
  }

  /** The best admissible peel of the box, or null. */
  private bestPeel(inside: Uint8Array, m: number, hits: number): Peel | null {
    const { s } = this;
    const mean = hits / m;
    let best: Peel | null = null;
    const vals = new Float64Array(m);
    const hitsBefore = new Int32Array(m + 1);
    for (let j = 0; j < this.k; j++) {
      const col = this.cols[j];
      let c = 0;
      for (const i of this.order[j]) {
        if (!inside[i]) continue;
        vals[c] = col[i];
        hitsBefore[c + 1] = hitsBefore[c] + this.y[i];
        c++;
      }
      const cut = Math.floor(s.peelAlpha * m);
      for (const upper of [false, true]) {
        let removed: number;
        let bound: number;
        let removedInterest: number;
        if (!upper) {
          removed = lowerBound(vals, m, vals[cut]);
          if (removed === 0) removed = upperBound(vals, m, vals[0]);
          if (removed >= m) continue;
          bound = vals[removed];
          removedInterest = hitsBefore[removed];
        } else {
          removed = m - upperBound(vals, m, vals[m - 1 - cut]);
          if (removed === 0) removed = m - lowerBound(vals, m, vals[m - 1]);
          if (removed >= m) continue;
          bound = vals[m - 1 - removed];
          removedInterest = hitsBefore[m] - hitsBefore[m - removed];
        }
        const left = m - removed;
        if (left / this.n < s.minMass) continue;
        const newMean = (hits - removedInterest) / left;
        const score = s.objective === 'mean' ? newMean : (newMean - mean) / removed;
        if (!best || score > best.score) best = { j, upper, bound, removed, removedInterest, mean: newMean, score };
      }
    }
    return best;
  }

  /** Grows the box back while a paste raises its density; returns the new counts. */
  private pasteAll(lo: Float64Array, hi: Float64Array, inside: Uint8Array, m: number, hits: number): { m: number; hits: number } {
    const { s } = this;
    for (;;) {
      // For each active case outside the box: the one input it falls outside on, or -1 for several.
      const only = new Int32Array(this.n).fill(-1);
      for (let i = 0; i < this.n; i++) {
        if (!this.active[i] || inside[i]) continue;
        let count = 0;
        for (let j = 0; j < this.k && count < 2; j++) {
          const v = this.cols[j][i];
          if (v < lo[j] || v > hi[j]) {
            count++;
            only[i] = j;
          }
        }
        if (count !== 1) only[i] = -1;
      }
      const want = Math.max(1, Math.floor(s.pasteAlpha * m));
      let best: { j: number; upper: boolean; bound: number; mean: number } | null = null;
      for (let j = 0; j < this.k; j++) {
        const col = this.cols[j];
        for (const upper of [false, true]) {
          if (upper ? hi[j] >= this.initHi[j] : lo[j] <= this.initLo[j]) continue;
          // The cases just outside this side, nearest first.
          const near: number[] = [];
          const ord = this.order[j];
          for (let r = 0; r < this.n; r++) {
            const i = ord[upper ? r : this.n - 1 - r];
            if (only[i] === j && (upper ? col[i] > hi[j] : col[i] < lo[j])) near.push(i);
          }
          if (near.length === 0) continue;
          const bound = col[near[Math.min(want, near.length) - 1]];
          let added = 0;
          let addedHits = 0;
          for (const i of near) {
            if (upper ? col[i] > bound : col[i] < bound) break;
            added++;
            addedHits += this.y[i];
          }
          const mean = (hits + addedHits) / (m + added);
          if (!best || mean > best.mean) best = { j, upper, bound, mean };
        }
      }
      if (!best || best.mean <= hits / m) return { m, hits };
      if (best.upper) hi[best.j] = Math.min(this.initHi[best.j], best.bound);
      else lo[best.j] = Math.max(this.initLo[best.j], best.bound);
      const now = this.membership(lo, hi);
      inside.set(now);
      ({ m, hits } = this.counts(inside));
    }
  }

  /**
   * The restricted side (one bound of one input) whose removal the box's interest count least
   * contradicts: the binomial tail of that count at the density of the box without that bound.
   * Sides are tested one by one, not whole inputs, so that an incidental cut at one end of an input
   * that matters at its other end goes too.
   */
  private leastSignificantSide(lo: Float64Array, hi: Float64Array, m: number, hits: number): { j: number; upper: boolean; p: number } | null {
    let worst: { j: number; upper: boolean; p: number } | null = null;
    for (let j = 0; j < this.k; j++) {
      for (const upper of [false, true]) {
        if (upper ? hi[j] >= this.initHi[j] : lo[j] <= this.initLo[j]) continue;
        const relaxedLo = lo.slice();
        const relaxedHi = hi.slice();
        if (upper) relaxedHi[j] = this.initHi[j];
        else relaxedLo[j] = this.initLo[j];
        const wider = this.counts(this.membership(relaxedLo, relaxedHi));
        const p = binomialUpperTail(hits, m, wider.hits / wider.m);
        if (!worst || p > worst.p) worst = { j, upper, p };
      }
    }
    return worst;
  }

  /** Quasi-p-value of each restricted input (NaN for the others). */
  private quasiP(lo: Float64Array, hi: Float64Array, m: number, hits: number): number[] {
    const out: number[] = [];
    for (let j = 0; j < this.k; j++) {
      if (!this.isRestricted(lo, hi, j)) {
        out.push(NaN);
        continue;
      }
      const relaxedLo = lo.slice();
      const relaxedHi = hi.slice();
      relaxedLo[j] = this.initLo[j];
      relaxedHi[j] = this.initHi[j];
      const wider = this.counts(this.membership(relaxedLo, relaxedHi));
      out.push(binomialUpperTail(hits, m, wider.hits / wider.m));
    }
    return out;
  }
}

/** First index in sorted vals[0..m) whose value is ≥ v. */
function lowerBound(vals: Float64Array, m: number, v: number): number {
  let lo = 0;
  let hi = m;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (vals[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in sorted vals[0..m) whose value is > v. */
function upperBound(vals: Float64Array, m: number, v: number): number {
  let lo = 0;
  let hi = m;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (vals[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
