/**
 * The decision rules one by one, each with the sentence of docs/model.md it implements. Each rule
 * takes its agent's parameters and the numbers it can see, so each is tested on hand-made inputs.
 */
import { describe, expect, it } from 'vitest';
import { BOOM, nextRegime, SQUEEZE, WAVE } from '../../src/model/demand.js';
import { buildDecision, createDeveloper, growNeed, priceResponse, rentalGap, servedTrainingShare } from '../../src/model/developer.js';
import { initialState } from '../../src/model/init.js';
import { adapt, adaptTrend, contractAsk, relativeChange, expectedReturn, extrapolate, nextSpotAsk, orderMultiplier, pricingError, termMean } from '../../src/model/lessor.js';
import { revisedListPrice } from '../../src/model/listPrice.js';
import { defaultMonth } from '../../src/model/probe.js';
import { createRng, createStreams } from '../../src/model/random.js';
import { uneconomic } from '../../src/model/supply.js';
import { packagingDecision } from '../../src/model/vendor.js';
import { DemandSchema, DeveloperArchetypeSchema, ListPriceSchema, PackagingSchema, PricingSchema } from '../../src/scenario/schema.js';
import { loadScenario } from '../../src/scenario/index.js';
import type { Developer, VendorMonth } from '../../src/model/state.js';

const pricing = PricingSchema.parse({ raiseAboveUtilisation: 0.95, cutBelowUtilisation: 0.8, raiseStep: 0.1, cutStep: 0.4, fullCutShortfall: 0.2, noise: 0 });

describe('the spot ask', () => {
  it('jumps to last month’s clearing price of its generation when utilisation is between the thresholds', () => {
    expect(nextSpotAsk(pricing, 5, 4, 0.9, 1, 1)).toBe(4);
  });

  it('rises by at most raiseStep when full, from the higher of its ask and the market', () => {
    expect(nextSpotAsk(pricing, 5, 4, 1, 1, 1)).toBeCloseTo(5.5, 12);
    expect(nextSpotAsk(pricing, 4, 5, 1, 1, 1)).toBeCloseTo(5.5, 12);
  });

  it('falls steeply when idle: the full cut fullCutShortfall below the cut threshold', () => {
    expect(nextSpotAsk(pricing, 5, 5, 0.6, 1, 1)).toBeCloseTo(3, 12);
    expect(nextSpotAsk(pricing, 5, 5, 0.7, 1, 1)).toBeCloseTo(4, 12);
    expect(nextSpotAsk(pricing, 5, 5, 0, 1, 1)).toBeCloseTo(3, 12);
  });

  it('never goes below the cash cost', () => {
    expect(nextSpotAsk(pricing, 2, 2, 0, 1.5, 1)).toBe(1.5);
  });

  it('carries the lessor’s pricing error of the month, a log-normal factor, but never below the cash cost', () => {
    expect(nextSpotAsk(pricing, 5, 4, 0.9, 1, pricingError(0.1, 1))).toBeCloseTo(4 * Math.exp(0.1), 12);
    expect(nextSpotAsk(pricing, 5, 4, 0.9, 1, pricingError(0.1, -1))).toBeCloseTo(4 * Math.exp(-0.1), 12);
    expect(nextSpotAsk(pricing, 5, 4, 0.9, 3.9, pricingError(0.5, -2))).toBe(3.9);
  });

  it('starts at the market for a generation the lessor did not price before', () => {
    expect(nextSpotAsk(pricing, 0, 7, 1, 1, 1)).toBe(7);
  });

  it('lets an entrant undercut the market', () => {
    const entrant = PricingSchema.parse({ ...pricing, undercut: 0.1 });
    expect(nextSpotAsk(entrant, 5, 5, 0.9, 1, 1)).toBeCloseTo(4.5, 12);
  });

  it('from full idle capacity reaches a third of its level within a few months', () => {
    let ask = 9;
    for (let m = 0; m < 3; m++) ask = nextSpotAsk(pricing, ask, ask, 0.3, 0.5, 1);
    expect(ask / 9).toBeLessThanOrEqual(1 / 3 + 1e-12);
  });
});

describe('the contract price', () => {
  it('is the rent expected over the term, less the discount', () => {
    expect(contractAsk(10, 1, 0.2)).toBeCloseTo(8, 12);
    expect(contractAsk(10, 0.9, 0.2)).toBeCloseTo(7.2, 12);
  });

  it('expects the rent to fall over the term as the chip’s price does: a longer term is priced lower', () => {
    expect(termMean(0, 36)).toBe(1);
    // Month by month, a rent falling 10 % a year averages the mean of its monthly path.
    const r = Math.pow(0.9, 1 / 12);
    let sum = 0;
    for (let k = 0; k < 12; k++) sum += Math.pow(r, k);
    expect(termMean(0.1, 12)).toBeCloseTo(sum / 12, 12);
    expect(termMean(0.1, 36)).toBeLessThan(termMean(0.1, 12));
    expect(termMean(0.1, 1)).toBeCloseTo(1, 12);
  });

  it('lags the spot rent, because expectations adapt', () => {
    const e = adapt(0.25, 10, 4);
    expect(e).toBeCloseTo(8.5, 12);
    expect(contractAsk(e, 1, 0)).toBeGreaterThan(4);
  });

  it('extrapolates a trend that adapts to the latest month’s change', () => {
    expect(adaptTrend(0.5, 0, relativeChange(11, 10))).toBeCloseTo(0.05, 12);
    expect(adaptTrend(0.5, 0.1, relativeChange(10, 0))).toBeCloseTo(0.05, 12);
  });

  it('holds the extrapolation to a quarter to four times', () => {
    expect(extrapolate(3, 1, 12)).toBe(4);
    expect(extrapolate(3, -1, 12)).toBe(0.25);
  });
});

describe('the list price', () => {
  const list = ListPriceSchema.parse({ premium: 2, maxChangeShare: 0.3 });
  it('moves towards premium times the mean spot rent, by at most maxChangeShare at a revision', () => {
    expect(revisedListPrice(list, 10, 5.5)).toBe(11);
    expect(revisedListPrice(list, 10, 2)).toBeCloseTo(7, 12);
    expect(revisedListPrice(list, 10, 10)).toBeCloseTo(13, 12);
  });
});

describe('demand', () => {
  it('responds to price with the stated elasticity, within 0.2 and 5 times', () => {
    expect(priceResponse(0, 10, 5)).toBe(1);
    expect(priceResponse(1, 10, 5)).toBeCloseTo(2, 12);
    expect(priceResponse(0.5, 10, 40)).toBeCloseTo(0.5, 12);
    expect(priceResponse(3, 10, 1)).toBe(5);
  });

  it('rents only the need its own cluster and contracts do not cover', () => {
    const d = { need: 100, ownRef: 30, contractedRef: 20 } as Developer;
    expect(rentalGap(d, 1)).toBe(50);
    expect(rentalGap(d, 0.4)).toBe(0);
  });

  it('inference grows with deployed usage: when only half the training need is served, inference need falls towards half over deployLagMonths', () => {
    const p = DeveloperArchetypeSchema.parse({
      initialCount: 1,
      needRefGpus: 100,
      sizeDispersion: 0,
      needGrowthPerYear: 0,
      growthNoise: 0,
      trainingShare: 0.5,
      wtpTrainingCcyPerRefGpuHour: 10,
      wtpInferenceCcyPerRefGpuHour: 5,
      wtpDispersion: 0,
      contractPreference: 0,
      deployLagMonths: 4,
    });
    const s = { developers: { frontier: p } } as never;
    const d = createDeveloper(s, 0, 0, createRng('x'), 1);
    expect(d.need).toBe(100);
    // Half of the 50 of training served, nothing else: half of the training need.
    d.servedRef = 25;
    d.servedTrainingShare = servedTrainingShare(d, 1);
    expect(d.servedTrainingShare).toBe(0.5);
    growNeed(p, 1, 0, d, createRng('y'));
    // Deployment moves a quarter of the way to one half; training need is unchanged.
    expect(d.deployed).toBeCloseTo(0.875, 12);
    expect(d.need).toBeCloseTo(50 + 50 * 0.875, 9);
    expect(d.trainingShare).toBeCloseTo(50 / d.need, 12);
    for (let m = 0; m < 120; m++) growNeed(p, 1, 0, d, createRng('y'));
    expect(d.need).toBeCloseTo(75, 6);
    // Served in full again, inference recovers.
    d.servedTrainingShare = 1;
    for (let m = 0; m < 120; m++) growNeed(p, 1, 0, d, createRng('y'));
    expect(d.need).toBeCloseTo(100, 6);
  });

  it('switches regime with the stated monthly chances, one draw a month', () => {
    const d = DemandSchema.parse({ switchPerMonth: { boom: { squeeze: 0.1, wave: 0.05 } } });
    expect(nextRegime(d, BOOM, 0.05)).toBe(SQUEEZE);
    expect(nextRegime(d, BOOM, 0.12)).toBe(WAVE);
    expect(nextRegime(d, BOOM, 0.2)).toBe(BOOM);
    expect(nextRegime(d, SQUEEZE, 0)).toBe(SQUEEZE);
  });
});

describe('investment and building', () => {
  const s = loadScenario('scenarios/us-h100-2023.yaml');
  const state = initialState(s, createStreams(1, 0));
  const l = state.lessors[0];
  const vendor = (leadTime: number, price = 40000): VendorMonth => ({
    output: Float64Array.of(1000, 1000, 1000),
    leadTime: Float64Array.of(leadTime, leadTime, leadTime),
    allowed: Uint8Array.of(1, 1, 1),
    price: Float64Array.of(price, price, price),
    preBan: Uint8Array.of(0, 0, 0),
  });

  it('a long queue makes a generation less attractive than its rent alone would: the capital waits for delivery', () => {
    l.expectedRent[1] = 4;
    l.rentTrend[1] = 0;
    l.expectedUtilisation = 0.9;
    const soon = expectedReturn(s, state.costs, vendor(0), l, 1);
    const late = expectedReturn(s, state.costs, vendor(12), l, 1);
    expect(late).toBeLessThan(soon);
    // Dearer chips earn less on the same rent.
    expect(expectedReturn(s, state.costs, vendor(0, 80000), l, 1)).toBeLessThan(soon);
  });

  it('a developer builds its own cluster when owning costs less than the spot rent, and only once its archetype may', () => {
    const d = createDeveloper(s, 0, 0, createRng('x'), 1);
    d.need = 5000;
    d.ownRef = 0;
    d.ownPipelineRef = 0;
    expect(buildDecision(s, vendor(0, 20000), 10, true, d)).not.toBeNull();
    expect(buildDecision(s, vendor(0, 20000), 10, false, d)).toBeNull();
    expect(buildDecision(s, vendor(0, 20000), 0.1, true, d)).toBeNull();
  });
});

describe('supply', () => {
  it('double ordering grows with the months of queue above normal, up to twice the need; a ban adds a stockpile', () => {
    expect(orderMultiplier(0.1, 2, 2, 0, false)).toBe(1);
    expect(orderMultiplier(0.1, 7, 2, 0, false)).toBeCloseTo(1.5, 12);
    expect(orderMultiplier(0.1, 40, 2, 0, false)).toBe(2);
    expect(orderMultiplier(0.1, 7, 2, 0.5, true)).toBeCloseTo(2.25, 12);
  });

  it('the vendor adds packaging in proportion to the excess lead time, within its ceiling', () => {
    const p = PackagingSchema.parse({ expandAboveLeadTimeMonths: 4, stepShare: 0.2, maxMultiple: 2, otherCustomersShare: 0.5 });
    expect(packagingDecision(p, 1, 0, 3)).toBe(0);
    expect(packagingDecision(p, 1, 0, 6)).toBeCloseTo(0.2 * 0.5 * 0.5, 12);
    expect(packagingDecision(p, 1, 0, 40)).toBeCloseTo(0.2 * 0.5, 12);
    expect(packagingDecision(p, 1.95, 0.04, 40)).toBeCloseTo(0.01, 12);
  });

  it('a generation is uneconomic when its rent no longer covers the cash cost of running it', () => {
    expect(uneconomic(1, 800, 730)).toBe(true);
    expect(uneconomic(1.2, 800, 730)).toBe(false);
  });
});

describe('the probe’s contract', () => {
  it('defaults in a month drawn from the yearly chance, or never within the term', () => {
    expect(defaultMonth(0, 48, createRng('x'))).toBe(-1);
    expect(defaultMonth(1, 48, createRng('x'))).toBe(0);
    const months = Array.from({ length: 400 }, (_, i) => defaultMonth(0.2, 600, createRng(`s${i}`)));
    const withinAYear = months.filter((m) => m >= 0 && m < 12).length / months.length;
    expect(withinAYear).toBeGreaterThan(0.14);
    expect(withinAYear).toBeLessThan(0.26);
  });
});
