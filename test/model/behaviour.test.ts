/**
 * The behaviour docs/model.md lists (section 14), each checked by changing one cause over 30 seeds
 * and asserting the direction of its effect. Seeds are paired: the same seed under both settings
 * shares its random streams, so a difference comes from the cause. The demand regime is held at the
 * boom (no random squeeze or wave), so that a seed's draw of regimes does not swamp the cause
 * tested.
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/model/metrics.js';
import { calmBaseline as baseline, median, runSeeds, shareLower, windowMeans } from './helpers.js';

const SEEDS = 30;
/** Share of paired seeds that must move in the stated direction. */
const MOST = 0.8;

const base = runSeeds(baseline(), SEEDS);
const T = base[0].months.length;

const outcome = (runs: RunResult[], f: (r: RunResult) => number) => runs.map(f);

describe('rents and supply', () => {
  it('do not collapse without new chip supply and without entry', () => {
    const frozen = runSeeds(baseline('vendor.outputScale=0', 'vendor.initialBacklogMonths=0', 'entrants.poolSize=0'), SEEDS);
    // The fall of the rent's six-month average: spot asks jump month to month, and a collapse is
    // a fall that lasts, not one lessor's cut.
    const fallFrozen = outcome(frozen, (r) => fallFromPeak(movingAverage(r.metrics.spotRentCcyPerRefGpuHour, 6)));
    const fallBase = outcome(base, (r) => fallFromPeak(movingAverage(r.metrics.spotRentCcyPerRefGpuHour, 6)));
    expect(shareLower(fallFrozen, fallBase)).toBeGreaterThanOrEqual(MOST);
    expect(median(fallFrozen)).toBeLessThan(median(fallBase) / 4);
    // Retiring GPUs with nothing to replace them: the rent ends above where it began.
    const endOverStart = outcome(frozen, (r) => r.metrics.spotRentCcyPerRefGpuHour[T - 1] / r.metrics.spotRentCcyPerRefGpuHour[0]);
    expect(endOverStart.filter((x) => x >= 1).length / SEEDS).toBeGreaterThanOrEqual(MOST);
  });

  it('fall when the vendor ships more chips', () => {
    const more = runSeeds(baseline('vendor.outputScale=2'), SEEDS);
    expect(shareLower(windowMeans(more, 'spotRentCcyPerRefGpuHour', 12, 48), windowMeans(base, 'spotRentCcyPerRefGpuHour', 12, 48))).toBeGreaterThanOrEqual(MOST);
  });

  it('peak higher when lead times are longer', () => {
    const slow = runSeeds(baseline('vendor.shippingMonths=8'), SEEDS);
    const peak = (r: RunResult) => r.outcomes.peakRentCcyPerRefGpuHour;
    expect(shareLower(outcome(base, peak), outcome(slow, peak))).toBeGreaterThanOrEqual(MOST);
  });
});

describe('margins and entry', () => {
  it('fall when more firms enter', () => {
    const crowded = runSeeds(baseline('entrants.baseMonthlyProbability=0.05', 'entrants.poolSize=120'), SEEDS);
    expect(shareLower(windowMeans(crowded, 'netMargin', 12, 48), windowMeans(base, 'netMargin', 12, 48))).toBeGreaterThanOrEqual(MOST);
  });
});

describe('the red ocean', () => {
  const onset = (r: RunResult) => (r.outcomes.redOnsetMonth < 0 ? T : r.outcomes.redOnsetMonth);

  it('comes later, or not at all, when demand grows faster', () => {
    // Compared from slow to the baseline's growth: at the baseline's growth most runs never turn
    // red, so a faster case could only tie with it.
    const d = baseline().developers;
    const slower = runSeeds(
      baseline(
        `developers.frontier.needGrowthPerYear=${d.frontier.needGrowthPerYear / 5}`,
        `developers.startup.needGrowthPerYear=${d.startup.needGrowthPerYear / 5}`,
        `developers.enterprise.needGrowthPerYear=${d.enterprise.needGrowthPerYear / 5}`,
      ),
      SEEDS,
    );
    const later = base.filter((r, i) => onset(r) >= onset(slower[i])).length / SEEDS;
    expect(later).toBeGreaterThanOrEqual(MOST);
    expect(median(outcome(base, onset))).toBeGreaterThan(median(outcome(slower, onset)));
  });

  it('follows a boom, and the turn comes from capacity catching up with demand', () => {
    const peakMonth = median(outcome(base, (r) => r.outcomes.peakMonth));
    expect(peakMonth).toBeGreaterThan(0);
    expect(median(outcome(base, (r) => r.outcomes.maxFallFromPeak))).toBeGreaterThan(0.3);
    // Between the boom's peak (the highest rent of the first three years) and the trough of the
    // three years after it, capacity grows faster than demand. Later peaks come from retirements
    // thinning fleets, another story. Demand here does not respond to price, or the cheaper rents
    // of the trough would raise it and blur the comparison.
    const inelastic = runSeeds(baseline('developers.frontier.priceElasticity=0', 'developers.startup.priceElasticity=0', 'developers.enterprise.priceElasticity=0'), SEEDS);
    const caughtUp = inelastic.filter((r) => {
      const rent = r.metrics.spotRentCcyPerRefGpuHour;
      const p = argExtreme(rent, 0, 36, 1);
      const q = argExtreme(rent, p, p + 36, -1);
      const ratio = (t: number) => r.metrics.capacityRefGpuHours[t] / r.metrics.demandRefGpuHours[t];
      return ratio(q) > ratio(p);
    }).length;
    expect(caughtUp / SEEDS).toBeGreaterThanOrEqual(MOST);
  });
});

describe('contracts', () => {
  /** How far the realised rent (revenue per hour sold) falls from its peak, relative to the spot rent's fall. */
  const relativeFall = (r: RunResult) => fallFromPeak(r.metrics.realisedRentCcyPerRefGpuHour) / fallFromPeak(r.metrics.spotRentCcyPerRefGpuHour);

  it('make revenue fall more smoothly than the spot rent, the more so the longer they run', () => {
    // Chip prices held flat (a longer term is then priced like a shorter one) and no offtakes: only
    // the term contracts' length differs.
    const flat = ['A100', 'A800', 'H800', 'Domestic910B', 'H100', 'H20'].map((g) => `generations.${g}.priceDeclinePerYear=0`);
    flat.push('developers.frontier.offtakeShare=0');
    const long = runSeeds(baseline('market.contractMonths=36', ...flat), SEEDS);
    const short = runSeeds(baseline('market.contractMonths=1', ...flat), SEEDS);
    expect(median(outcome(long, relativeFall))).toBeLessThan(1);
    expect(shareLower(outcome(long, relativeFall), outcome(short, relativeFall))).toBeGreaterThanOrEqual(MOST);
  });
});

describe('developers who build their own clusters', () => {
  it('take demand off the rental market sooner when they can buy chips sooner', () => {
    const early = runSeeds(baseline('developers.frontier.build.fromMonth=2023-03'), SEEDS);
    const late = runSeeds(baseline('developers.frontier.build.fromMonth=2026-01'), SEEDS);
    const demand = (runs: RunResult[]) => windowMeans(runs, 'demandRefGpuHours', 12, 36);
    expect(shareLower(demand(early), demand(late))).toBeGreaterThanOrEqual(MOST);
    const own = (runs: RunResult[]) => windowMeans(runs, 'ownClusterShare', 12, 36);
    expect(shareLower(own(late), own(early))).toBeGreaterThanOrEqual(MOST);
  });
});

function fallFromPeak(x: Float64Array): number {
  let peak = x[0];
  let fall = 0;
  for (const v of x) {
    peak = Math.max(peak, v);
    if (peak > 0) fall = Math.max(fall, (peak - v) / peak);
  }
  return fall;
}

/** Trailing mean over `n` months (fewer at the start). */
function movingAverage(x: Float64Array, n: number): Float64Array {
  const out = new Float64Array(x.length);
  let sum = 0;
  for (let t = 0; t < x.length; t++) {
    sum += x[t] - (t >= n ? x[t - n] : 0);
    out[t] = sum / Math.min(n, t + 1);
  }
  return out;
}

/** Month of the highest (sign 1) or lowest (sign -1) value in months `from` to `to` (exclusive). */
function argExtreme(x: Float64Array, from: number, to: number, sign: 1 | -1): number {
  let best = from;
  for (let t = from + 1; t < Math.min(to, x.length); t++) if (sign * x[t] > sign * x[best]) best = t;
  return best;
}
