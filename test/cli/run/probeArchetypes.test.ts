import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/model/simulate.js';
import { PROBE_ARCHETYPE_COLUMNS, probeArchetypesCsv, probeArchetypesText, probeTotals } from '../../../src/cli/run/probeArchetypes.js';
import { loadScenario } from '../../../src/scenario/index.js';

describe('the probe as each archetype, written out', () => {
  const s = loadScenario('scenarios/us-h100-calibrated.yaml');
  const r = simulate(s, 1, { probeArchetypes: true });
  const archetypes = r.probeArchetypes!;

  it('has totals that add up to the equity flow the IRR is computed from', () => {
    for (const a of archetypes) {
      const t = probeTotals(a.cashFlows, s.hoursPerMonth);
      expect(t.equityFlow).toBeCloseTo(t.revenue - t.cashCosts - t.interest - t.tax - t.principal - t.equityInvested + t.exitProceeds, 2);
      expect(t.gpuHours).toBeGreaterThan(0);
    }
  });

  it('writes one CSV row per archetype, the scenario’s own with the run’s IRR', () => {
    const rows = probeArchetypesCsv(s, archetypes)
      .trimEnd()
      .split('\n')
      .map((l) => l.split(','));
    expect(rows[0]).toEqual([...PROBE_ARCHETYPE_COLUMNS]);
    expect(rows.slice(1).map((row) => row[0])).toEqual(['incumbent', 'specialist', 'entrant']);
    const own = rows.find((row) => row[0] === s.probe!.archetype)!;
    expect(Number(own[1])).toBeCloseTo(r.outcomes.probe!.irr!, 10);
    expect(own[3]).toMatch(/^\d{4}-\d{2}$/);
    const perHour = Number(own[7]);
    expect(perHour).toBeCloseTo(Number(own[6]) / Number(own[5]), 6);
  });

  it('marks the scenario’s archetype in the terminal table and names the unit', () => {
    const text = probeArchetypesText(s, archetypes);
    expect(text).toContain(`USD per H100-hour`);
    expect(text.split('\n').filter((l) => l.startsWith('* '))).toEqual([expect.stringContaining(s.probe!.archetype)]);
  });

  it('says when an archetype got no chips', () => {
    const starved = loadScenario('scenarios/us-h100-calibrated.yaml', ['vendor.outputScale=0']);
    const none = simulate(starved, 1, { probeArchetypes: true }).probeArchetypes!;
    expect(probeArchetypesText(starved, none)).toContain('no chips');
    const rows = probeArchetypesCsv(starved, none).trimEnd().split('\n');
    expect(rows[1].split(',').slice(1, 5)).toEqual(['', '0', '', '']);
  });
});
