/**
 * The mechanisms added after the first backtest (docs/model.md, "What the first backtest taught"),
 * each checked as the other behaviour is: change one cause over paired seeds and assert the
 * direction of its effect. The demand regime is held at the boom unless the test is about it.
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/model/metrics.js';
import { loadScenario } from '../../src/scenario/index.js';
import { CALM, calmBaseline, mean, median, runSeeds, shareLower } from './helpers.js';

const SEEDS = 20;
const MOST = 0.8;
const US = 'scenarios/us-h100-2023.yaml';
const calmUs = (...overrides: string[]) => loadScenario(US, [...CALM, ...overrides]);
const col = (r: RunResult, name: string) => r.byGeneration[name] ?? r.metrics[name as keyof RunResult['metrics']];
const sum = (x: ArrayLike<number>) => Array.from(x).reduce((a, b) => a + b, 0);

describe('spot, contract and list prices', () => {
  // Policy operators order 40,000 H20s a month for three months from 2025-01 (months 24 to 26),
  // with the vendor able to ship them; they arrive by month 30 and then sit partly idle.
  const GLUT = [
    'policyBuild.from=2025-01',
    'policyBuild.months=3',
    'policyBuild.generation=H20',
    'policyBuild.gpusPerMonth=40000',
    'policyBuild.subsidyShare=1',
    'generations[5].outputGpusPerMonth=60000',
    'generations[5].outputCapGpusPerMonth=80000',
  ];
  const BEFORE = 27;
  const AFTER = BEFORE + 6;
  const glut = runSeeds(calmBaseline(...GLUT), SEEDS);

  it('spot falls at least 40 % within six months when capacity half as large as demand arrives within a quarter, while the list price moves much less', () => {
    for (const r of glut) {
      const m = r.metrics;
      // The new capacity is at least half of what was rented before it came.
      expect(m.capacityRefGpuHours[AFTER] - m.capacityRefGpuHours[BEFORE - 3]).toBeGreaterThanOrEqual(0.5 * m.servedRefGpuHours[BEFORE - 3]);
    }
    const spotFall = glut.map((r) => 1 - r.metrics.spotRentCcyPerRefGpuHour[AFTER] / r.metrics.spotRentCcyPerRefGpuHour[BEFORE]);
    const listMove = glut.map((r) => Math.abs(1 - r.byGeneration.listRentCcyPerGpuHour_A100[AFTER] / r.byGeneration.listRentCcyPerGpuHour_A100[BEFORE]));
    expect(spotFall.filter((f) => f >= 0.4).length / SEEDS).toBeGreaterThanOrEqual(MOST);
    expect(median(listMove)).toBeLessThan(median(spotFall) / 2);
  });

  it('contract prices lag the spot price: they fall less in the six months of the glut', () => {
    const fall = (r: RunResult, name: string) => 1 - col(r, name)[AFTER] / col(r, name)[BEFORE];
    const contract = glut.map((r) => fall(r, 'contractRentCcyPerGpuHour_A100'));
    const spot = glut.map((r) => fall(r, 'spotRentCcyPerGpuHour_A100'));
    expect(shareLower(contract, spot)).toBeGreaterThanOrEqual(MOST);
  });

  it('fall less when demand responds more to price', () => {
    const elastic = runSeeds(calmBaseline(...GLUT, 'developers.frontier.priceElasticity=1', 'developers.startup.priceElasticity=1.5', 'developers.enterprise.priceElasticity=1.5'), SEEDS);
    const rigid = runSeeds(calmBaseline(...GLUT, 'developers.frontier.priceElasticity=0', 'developers.startup.priceElasticity=0', 'developers.enterprise.priceElasticity=0'), SEEDS);
    const fall = (r: RunResult) => 1 - r.metrics.spotRentCcyPerRefGpuHour[AFTER] / r.metrics.spotRentCcyPerRefGpuHour[BEFORE];
    expect(shareLower(elastic.map(fall), rigid.map(fall))).toBeGreaterThanOrEqual(MOST);
  });
});

describe('offtakes', () => {
  // A squeeze from mid-2024 that lasts: need falls, and developers hand back capacity they no longer need.
  const SQUEEZE = ['demand.schedule=[{from: 2024-06, regime: squeeze}]', 'demand.switchPerMonth.squeeze.boom=0', 'demand.switchPerMonth.squeeze.wave=0'];
  const withOfftakes = runSeeds(calmUs(...SQUEEZE, 'developers.frontier.offtakeShare=0.8', 'developers.enterprise.offtakeShare=0.5'), SEEDS);
  const without = runSeeds(calmUs(...SQUEEZE, 'developers.frontier.offtakeShare=0', 'developers.enterprise.offtakeShare=0'), SEEDS);

  it('are take-or-pay: in a squeeze, lessors keep more of their contracted capacity when buyers signed multi-year offtakes', () => {
    // Contracted capacity two years into the squeeze, against the month it began.
    const kept = (runs: RunResult[]) => runs.map((r) => r.metrics.contractedRefGpuHours[41] / r.metrics.contractedRefGpuHours[17]);
    expect(shareLower(kept(without), kept(withOfftakes))).toBeGreaterThanOrEqual(MOST);
  });

  it('are priced below a one-year contract: the rent is expected to fall over the longer term', () => {
    for (const r of withOfftakes) {
      const offtake = r.byGeneration.offtakeRentCcyPerGpuHour_H100;
      const contract = r.byGeneration.contractRentCcyPerGpuHour_H100;
      expect(mean(offtake, 0, 24)).toBeLessThan(mean(contract, 0, 24));
    }
  });

  it('bring cash in at signing when part is prepaid', () => {
    const prepaid = runSeeds(calmUs('market.offtake.prepaymentShare=0.5'), SEEDS);
    const none = runSeeds(calmUs('market.offtake.prepaymentShare=0'), SEEDS);
    const cash = (runs: RunResult[]) => runs.map((r) => r.metrics.cashCcy[6]);
    expect(shareLower(cash(none), cash(prepaid))).toBeGreaterThanOrEqual(MOST);
  });
});

describe('demand', () => {
  it('start-ups short of runway bid less: rents are lower when they cut their bids further', () => {
    const deep = runSeeds(calmBaseline('developers.startup.population.tightRunwayMonths=12', 'developers.startup.population.tightWtpShare=0.3'), SEEDS);
    const none = runSeeds(calmBaseline('developers.startup.population.tightRunwayMonths=0'), SEEDS);
    const rent = (runs: RunResult[]) => runs.map((r) => mean(r.metrics.spotRentCcyPerRefGpuHour, 6, 30));
    expect(shareLower(rent(deep), rent(none))).toBeGreaterThanOrEqual(MOST);
  });

  it('a new demand wave lifts rents', () => {
    const base = runSeeds(calmBaseline(), SEEDS);
    const wave = runSeeds(calmBaseline('demand.schedule=[{from: 2024-06, regime: wave}]'), SEEDS);
    const rent = (runs: RunResult[]) => runs.map((r) => mean(r.metrics.spotRentCcyPerRefGpuHour, 18, 30));
    expect(shareLower(rent(base), rent(wave))).toBeGreaterThanOrEqual(MOST);
  });

  it('a funding squeeze lowers rents and can make need fall', () => {
    const base = runSeeds(calmBaseline(), SEEDS);
    const squeeze = runSeeds(calmBaseline('demand.schedule=[{from: 2024-06, regime: squeeze}]', 'demand.switchPerMonth.squeeze.boom=0', 'demand.switchPerMonth.squeeze.wave=0'), SEEDS);
    const rent = (runs: RunResult[]) => runs.map((r) => mean(r.metrics.spotRentCcyPerRefGpuHour, 24, 36));
    expect(shareLower(rent(squeeze), rent(base))).toBeGreaterThanOrEqual(MOST);
    expect(squeeze.every((r) => r.metrics.demandRegime[30] === 1)).toBe(true);
  });
});

describe('supply', () => {
  it('a power cap slows installation', () => {
    const loose = runSeeds(calmUs(), SEEDS);
    const tight = runSeeds(calmUs('power.initialHeadroomMw=0', 'power.buildMwPerMonth=0', 'power.responseMwPerMonth=0'), SEEDS);
    const installed = (runs: RunResult[]) => runs.map((r) => r.metrics.installedGpus[17]);
    expect(shareLower(installed(tight), installed(loose))).toBeGreaterThanOrEqual(MOST);
    expect(tight.every((r) => sum(r.metrics.awaitingPowerGpus) > 0)).toBe(true);
  });

  it('announced export controls raise deliveries before the ban', () => {
    const announced = runSeeds(calmBaseline(), SEEDS);
    const surprise = runSeeds(calmBaseline('vendor.exportControls[1].announced=2023-11', 'vendor.exportControls[2].announced=2023-11'), SEEDS);
    // Installed A800s and H800s at the end of 2023: what came in before the ban.
    const preBan = (runs: RunResult[]) => runs.map((r) => r.byGeneration.installedGpus_A800[11] + r.byGeneration.installedGpus_H800[11]);
    expect(shareLower(preBan(surprise), preBan(announced))).toBeGreaterThanOrEqual(MOST);
  });

  it('retirement removes cohorts whose rent no longer covers their running cost', () => {
    // Entrants whose A100s cost more to run than an A100 rents for, with the cash to stay.
    const costly = ['lessors.entrant.opsCcyPerGpuMonth=1500', 'lessors.entrant.initialCashCcyPerGpu=100000', 'lessors.entrant.exitAfterNegativeMonths=60'];
    const retire = runSeeds(calmUs(...costly), SEEDS);
    const keep = runSeeds(calmUs(...costly, 'market.retireAfterUneconomicMonths=120'), SEEDS);
    expect(retire.every((r) => sum(r.metrics.retiredUneconomicGpus) > 0)).toBe(true);
    expect(keep.every((r) => sum(r.metrics.retiredUneconomicGpus) === 0)).toBe(true);
    const a100 = (runs: RunResult[]) => runs.map((r) => r.byGeneration.installedGpus_A100[12]);
    expect(shareLower(a100(retire), a100(keep))).toBeGreaterThanOrEqual(MOST);
    // Sold on rather than scrapped, the retired GPUs bring cash in.
    const sold = runSeeds(calmUs(...costly, 'market.uneconomicResaleShare=0.5'), SEEDS);
    const scrapped = runSeeds(calmUs(...costly, 'market.uneconomicResaleShare=0'), SEEDS);
    const cash = (runs: RunResult[]) => runs.map((r) => r.metrics.cashCcy[24]);
    expect(shareLower(cash(scrapped), cash(sold))).toBeGreaterThanOrEqual(MOST);
  });

  it('buyers double-order while the queue is long and cancel once they want no more', () => {
    const inflated = runSeeds(calmUs(), SEEDS);
    const honest = runSeeds(calmUs('vendor.orderInflationPerLeadMonth=0'), SEEDS);
    // The queue through 2023, after the backlog the market started with.
    const backlog = (runs: RunResult[]) => runs.map((r) => mean(r.metrics.vendorBacklogGpus, 3, 12));
    expect(shareLower(backlog(honest), backlog(inflated))).toBeGreaterThanOrEqual(MOST);
    expect(inflated.every((r) => sum(r.metrics.cancelledGpus) > 0)).toBe(true);
    const never = runSeeds(calmUs('vendor.cancelShareWhenUnwanted=0'), SEEDS);
    expect(never.every((r) => sum(r.metrics.cancelledGpus) === 0)).toBe(true);
  });

  it('the vendor adds packaging capacity when its queue runs long, and not otherwise', () => {
    const runs = runSeeds(calmUs(), SEEDS);
    expect(runs.every((r) => Math.max(...r.metrics.vendorCapacityMultiple) > 1)).toBe(true);
    const never = runSeeds(calmUs('vendor.packaging.expandAboveLeadTimeMonths=1000'), SEEDS);
    expect(never.every((r) => Math.max(...r.metrics.vendorCapacityMultiple) === 1)).toBe(true);
  });
});

describe('generations', () => {
  it('each generation has its own rent: an older one can fall while the newest holds', () => {
    // Frontier training on the newest chips only (US scenario): the H100 rents at a premium per
    // unit of performance over the A100 in the 2023 scarcity.
    const runs = runSeeds(calmUs(), SEEDS);
    const premium = runs.map((r) => r.byGeneration.spotRentCcyPerGpuHour_H100[8] / 3 / r.byGeneration.spotRentCcyPerGpuHour_A100[8]);
    expect(median(premium)).toBeGreaterThan(1.2);
    const parity = runSeeds(calmUs('developers.frontier.trainingMinPerfShareOfNewest=0'), SEEDS);
    const premiumAtParity = parity.map((r) => r.byGeneration.spotRentCcyPerGpuHour_H100[8] / 3 / r.byGeneration.spotRentCcyPerGpuHour_A100[8]);
    expect(shareLower(premiumAtParity, premium)).toBeGreaterThanOrEqual(MOST);
  });
});

describe('the probe', () => {
  it('gets no chips, and so no cash flows, when the vendor ships nothing', () => {
    const none = runSeeds(calmUs('vendor.outputScale=0'), 3);
    for (const r of none) {
      expect(r.outcomes.probe?.firstDeliveryMonth).toBe(-1);
      expect(r.probeCashFlows).toBeNull();
    }
  });

  it('waits its turn in the queue: with less output, its chips come later', () => {
    const full = runSeeds(calmUs(), SEEDS);
    const scarce = runSeeds(calmUs('vendor.outputScale=0.3'), SEEDS);
    const first = (runs: RunResult[]) => runs.map((r) => r.outcomes.probe!.firstDeliveryMonth);
    expect(first(scarce).filter((m, i) => m >= first(full)[i]).length / SEEDS).toBeGreaterThanOrEqual(MOST);
    expect(median(first(scarce))).toBeGreaterThan(median(first(full)));
  });

  it('earns the fixed price on its contracted share until the counterparty defaults', () => {
    const contract = (p: number) => ['probe.contract={share: 0.5, priceCcyPerGpuHour: 4, months: 48, defaultProbabilityPerYear: ' + p + '}'];
    const safe = runSeeds(calmUs(...contract(0)), 5);
    for (const r of safe) {
      const t = r.probeCashFlows!;
      for (let k = 0; k < t.month.length; k++) {
        const m = t.month[k];
        const inContract = m >= r.outcomes.probe!.firstDeliveryMonth && m < r.outcomes.probe!.firstDeliveryMonth + 48;
        expect(t.contractRevenue[k]).toBeCloseTo(inContract ? 0.5 * t.gpusInService[k] * 730 * 4 : 0, 6);
      }
    }
    const risky = runSeeds(calmUs(...contract(1)), 5);
    for (let i = 0; i < 5; i++) expect(sum(risky[i].probeCashFlows!.contractRevenue)).toBeLessThan(sum(safe[i].probeCashFlows!.contractRevenue));
  });

  it('writes cash flows whose parts add up to the equity flow its IRR is computed from', () => {
    const [r] = runSeeds(calmUs(), 1);
    const t = r.probeCashFlows!;
    for (let k = 0; k < t.month.length; k++) {
      const parts = t.marketRevenue[k] + t.contractRevenue[k] - t.cashCosts[k] - t.interest[k] - t.tax[k] - t.principal[k] - t.equityInvested[k] + t.exitProceeds[k];
      expect(t.equityFlow[k]).toBeCloseTo(parts, 6);
    }
    expect(sum(t.equityInvested)).toBeCloseTo(r.outcomes.probe!.equityCcy, 6);
  });
});
