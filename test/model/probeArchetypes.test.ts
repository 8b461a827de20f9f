/**
 * The probe as each archetype (docs/model.md, "The probe"): the same deliveries, price and debt,
 * each archetype's own rent and costs. It explains a result without changing it.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/model/simulate.js';
import { loadScenario } from '../../src/scenario/index.js';

const US = 'scenarios/us-h100-calibrated.yaml';

describe('the probe as each archetype', () => {
  const s = loadScenario(US);
  const seeds = [1, 2, 3, 4];

  it('leaves the run as it is: its metrics, outcomes and cash flows are those of a run without it', () => {
    for (const seed of seeds) {
      const plain = simulate(s, seed);
      const explained = simulate(s, seed, { probeArchetypes: true });
      expect(plain.probeArchetypes).toBeUndefined();
      expect(explained.metrics).toEqual(plain.metrics);
      expect(explained.outcomes).toEqual(plain.outcomes);
      expect(explained.probeCashFlows).toEqual(plain.probeCashFlows);
    }
  });

  it('gives the scenario’s own archetype the probe’s own result', () => {
    for (const seed of seeds) {
      const r = simulate(s, seed, { probeArchetypes: true });
      expect(r.probeArchetypes!.map((a) => a.archetype)).toEqual(['incumbent', 'specialist', 'entrant']);
      const own = r.probeArchetypes!.find((a) => a.archetype === s.probe!.archetype)!;
      expect(own.outcome).toEqual(r.outcomes.probe);
      expect(own.cashFlows).toEqual(r.probeCashFlows);
    }
  });

  it('keeps the deliveries and the equity the same for every archetype', () => {
    const held = loadScenario(US, ['probe.holdMonths=36']);
    for (const seed of seeds) {
      const [a, b, c] = simulate(held, seed, { probeArchetypes: true }).probeArchetypes!;
      for (const other of [b, c]) {
        expect(other.outcome.firstDeliveryMonth).toBe(a.outcome.firstDeliveryMonth);
        expect(other.outcome.equityCcy).toBe(a.outcome.equityCcy);
        expect(other.cashFlows!.gpusInService).toEqual(a.cashFlows!.gpusInService);
      }
    }
  });

  it('bears each archetype’s own costs: dearer energy for entrants raises the entrant probe’s cash costs and lowers its IRR', () => {
    const cheap = loadScenario(US);
    const dear = loadScenario(US, ['lessors.entrant.energyCcyPerKwh=0.4']);
    let lower = 0;
    for (const seed of seeds) {
      const entrant = (sc: typeof s) => simulate(sc, seed, { probeArchetypes: true }).probeArchetypes!.find((a) => a.archetype === 'entrant')!;
      const [x, y] = [entrant(cheap), entrant(dear)];
      const costs = (t: Float64Array) => t.reduce((p, q) => p + q, 0);
      expect(costs(y.cashFlows!.cashCosts)).toBeGreaterThan(costs(x.cashFlows!.cashCosts));
      if ((y.outcome.irr ?? -Infinity) < (x.outcome.irr ?? -Infinity)) lower++;
    }
    expect(lower).toBeGreaterThanOrEqual(seeds.length - 1);
  });
});
