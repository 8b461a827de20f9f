/**
 * The demand regime: a boom, a funding squeeze or a new demand wave. The scenario may schedule
 * regimes on given months; between them, the regime switches at random with the monthly chances
 * the scenario states. Each regime sets market-wide factors: added growth of need (negative in a
 * squeeze, so need falls), a multiplier on every limit price (what compute is worth to buyers and
 * what their funding lets them pay), and a multiplier on start-ups' funding; entering a wave steps
 * every developer's need up once (a step in compute per task).
 */
import type { DemandParams, DemandRegimeParams, Scenario } from '../scenario/schema.js';
import { DEMAND_REGIMES } from '../scenario/schema.js';
import { monthOffset } from './calendar.js';
import { priceResponse, stepNeed } from './developer.js';
import { developerParams } from './params.js';
import type { Rng } from './random.js';
import type { MarketState } from './state.js';

export const BOOM = 0;
export const SQUEEZE = 1;
export const WAVE = 2;

export const regimeParams = (d: DemandParams, regime: number): DemandRegimeParams => (regime === BOOM ? d.boom : regime === SQUEEZE ? d.squeeze : d.wave);

export const regimeIndex = (name: (typeof DEMAND_REGIMES)[number]): number => DEMAND_REGIMES.indexOf(name);

/** The scheduled regime of each month (-1: none scheduled), computed once per run. */
export function regimeSchedule(s: Scenario, months: number): Int8Array {
  const out = new Int8Array(months).fill(-1);
  for (const e of s.demand.schedule) {
    const t = monthOffset(s.start, e.from);
    if (t >= 0 && t < months) out[t] = regimeIndex(e.regime);
  }
  return out;
}

/** Next month's regime under random switching: one uniform draw, compared with the chances out of `regime`. */
export function nextRegime(d: DemandParams, regime: number, u: number): number {
  const sw = d.switchPerMonth;
  const [a, pa, b, pb] =
    regime === BOOM ? [SQUEEZE, sw.boom.squeeze, WAVE, sw.boom.wave] : regime === SQUEEZE ? [BOOM, sw.squeeze.boom, WAVE, sw.squeeze.wave] : [BOOM, sw.wave.boom, SQUEEZE, sw.wave.squeeze];
  if (u < pa) return a;
  if (u < pa + pb) return b;
  return regime;
}

/**
 * Sets the month's regime and the factors that follow from it and from the smoothed rent. One draw
 * from the demand stream every month after the first, whether or not a switch is possible, so that
 * a change of chances never shifts the stream.
 */
export function demandPhase(state: MarketState, scheduled: number, rng: Rng): void {
  const s = state.scenario;
  const d = s.demand;
  const t = state.month;
  const before = state.demandRegime;
  if (t > 0) {
    const u = rng();
    state.demandRegime = scheduled >= 0 ? scheduled : nextRegime(d, before, u);
  }
  const r = regimeParams(d, state.demandRegime);
  if (t > 0 && state.demandRegime !== before && r.needStep !== 0) {
    for (const dev of state.activeDevelopers) stepNeed(dev, 1 + r.needStep);
  }
  state.needGrowthAdjust = Math.log1p(r.needGrowthAdjustPerYear) / 12;
  state.wtpFactor = r.wtpMultiplier * Math.pow(1 + d.wtpDriftPerYear, t / 12);
  state.fundingFactor = r.fundingMultiplier;
  const reference = s.market.initialRentCcyPerRefGpuHour;
  for (let k = 0; k < 3; k++) {
    state.priceResponse[k] = priceResponse(developerParams(s, k as 0 | 1 | 2).priceElasticity, reference, state.view.smoothedRent);
  }
}
