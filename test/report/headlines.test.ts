import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findings, findingText, headlines, observedFit, type ThesisVerdicts } from '../../src/report/headlines.js';
import { parseObserved } from '../../src/observed/readObserved.js';
import { scoreObserved } from '../../src/observed/scores.js';
import { fixtureBatch, fixtureSummary, fixtureTarget } from './fixture.js';

const OBSERVED = `date,metric,value,source
2023-03,spotRent,24,broker
2031-01,spotRent,20,too late
`;

const THESES: ThesisVerdicts[] = [
  {
    name: 'Entrant IRR',
    claims: [
      { name: 'irr-over-15', probability: 0.5, require: 0.8, verdict: 'fails' },
      { name: 'npv-positive', probability: 0.925, require: 0.8, verdict: 'holds' },
    ],
  },
  { name: 'Turn timing', claims: [{ name: 'red-by-2025', probability: 0.55, require: 0.5, verdict: 'undecided' }] },
];

describe('the verdict', () => {
  const summary = fixtureSummary();
  const lines = headlines({ summary });

  it('says when the rent turns and how far it falls, as medians over runs of each run’s own peak and fall', () => {
    expect(lines[0]).toBe(
      "The spot rent turns in 2023-07 (P5–P95: 2023-05 to 2023-11) at 34.60 CNY per ref-GPU-hour; its deepest fall below a running peak is 45 % (P5–P95: 31–60 %) — medians over runs of each run's peak month, peak rent and deepest fall of the market-wide spot index below its running peak.",
    );
  });

  it('gives P(red ocean) at each year’s end and at its highest, as the share of runs in the red ocean that month', () => {
    expect(lines[1]).toBe(
      'P(red ocean) is 0.05 in 2023-12 and 0.50 in 2024-12, highest at 0.50 in 2024-09 — the share of runs in the red-ocean regime in that month (rent at or below full cost, with a negative industry net margin).',
    );
  });

  it('gives the probe’s P(IRR > hurdle), summary.json’s number, and its median IRR over the runs that have one', () => {
    expect(lines[2]).toBe(
      'The probe investment clears its 15 % hurdle with probability 0.50; its median IRR is 18 % (P5–P95: −30 % to 120 %) — the probability is P(IRR > 15 %), the share of completed runs whose yearly equity IRR beats the hurdle (a run without an IRR does not); the median and P5–P95 are over the 39 of 40 runs that have an IRR.',
    );
    const terms = headlines({ summary, probe: { archetype: 'entrant', generation: 'H100', gpus: 1000, entry: '2023-10', holdMonths: 48 } });
    expect(terms[2]).toMatch(/^The probe, a cross-industry entrant buying 1,000 H100 GPUs in 2023-10 and holding them 48 months, clears its 15 % hurdle with probability 0\.50;/);
  });

  it('gives each thesis’s claims with their verdicts and probabilities in one sentence', () => {
    const withTheses = headlines({ summary, theses: THESES });
    expect(withTheses[3]).toBe(
      'In thesis “Entrant IRR”, irr-over-15 fails (P = 0.50, required 0.8), npv-positive holds (P = 0.93, required 0.8); in thesis “Turn timing”, red-by-2025 undecided (P = 0.55, required 0.5) — P is the share of runs in which the claim holds; the claim holds when the lower end of its 95 % interval reaches the required P, fails when the upper end stays below it, and is undecided otherwise.',
    );
  });

  it('says how many runs failed, last, and leaves out what the batch has nothing for', () => {
    const failed = { ...fixtureSummary(), failedRuns: 2, completedRuns: 38, probeHurdleIrr: null, probeIrrAboveHurdle: null };
    const text = headlines({ summary: failed });
    expect(text).toHaveLength(3);
    expect(text[2]).toBe('2 of 40 runs failed and are left out of every figure (see summary.json).');
    expect(text.some((l) => l.includes('probe'))).toBe(false);
  });

  it('prints as the page shows: each finding’s text is its answer, a dash and its definition', () => {
    for (const f of findings({ summary, theses: THESES })) expect(findingText(f)).toBe(`${f.answer} — ${f.definition}.`);
  });

  it('has at most five sentences, each number with its definition, whatever the theses and failures', () => {
    const claim = fc.record({
      name: fc.string({ minLength: 1, maxLength: 12 }),
      probability: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
      require: fc.double({ min: 0, max: 1, noNaN: true }),
      verdict: fc.constantFrom('holds' as const, 'fails' as const, 'undecided' as const),
    });
    const thesis = fc.record({ name: fc.string({ maxLength: 30 }), claims: fc.array(claim, { minLength: 1, maxLength: 6 }) });
    fc.assert(
      fc.property(fc.array(thesis, { maxLength: 5 }), fc.integer({ min: 0, max: 40 }), (theses, failedRuns) => {
        const all = findings({ summary: { ...fixtureSummary(), failedRuns }, theses });
        expect(all.length).toBeLessThanOrEqual(5);
        for (const f of all) if (!f.answer.includes('failed')) expect(f.definition).toBeTruthy();
      }),
      { numRuns: 60 },
    );
  });
});

describe('the verdict in a generation’s unit', () => {
  const summary = fixtureSummary();

  it('reads the rent off the generation’s own spot index, per GPU-hour of it, and says so', () => {
    const [rent] = headlines({ summary, unit: { generation: 'H100', perfRatio: 3 } });
    const own = summary.metrics.spotRentCcyPerGpuHour_H100.p50;
    const peak = Math.max(...(own as number[]));
    expect(rent).toContain(`at ${peak.toFixed(2)} CNY per H100-hour`);
    expect(rent).toMatch(/^The H100 spot rent peaks in 2023-07 at [\d.]+ CNY per H100-hour and falls 47 % to [\d.]+ by 2024-12, the end of the horizon \(P5–P95: [\d.]+–[\d.]+\)/);
    expect(rent).toContain("the median over runs in each month of the H100's own spot index");
    expect(rent).not.toContain('ref-GPU-hour');
  });

  it('leaves out the months before the generation launches, when every run’s index is 0', () => {
    const s = fixtureSummary();
    const band = s.metrics.spotRentCcyPerGpuHour_H100;
    for (const stat of ['p5', 'p25', 'p50', 'p75', 'p95'] as const) band[stat] = band[stat].map((v, t) => (t < 8 ? 0 : v));
    const [rent] = headlines({ summary: s, unit: { generation: 'H100', perfRatio: 3 } });
    expect(rent).toMatch(/^The H100 spot rent peaks in 2023-09 /);
  });

  it('keeps every other sentence as it is', () => {
    expect(headlines({ summary, unit: { generation: 'H100', perfRatio: 3 } }).slice(1)).toEqual(headlines({ summary }).slice(1));
  });
});

describe('the fit to observed data, for the terminal', () => {
  it('gives each observed metric’s points inside the bands and its mean CRPS, and the skipped points', () => {
    const batch = fixtureBatch();
    const lines = observedFit(scoreObserved(parseObserved(OBSERVED, 'obs.csv', fixtureTarget()), batch.summary), 'CNY');
    expect(lines[0]).toMatch(/^Observed spotRentCcyPerRefGpuHour: 1 of 1 point inside P5–P95, [01] of 1 inside P25–P75, mean CRPS [\d.]+ CNY per ref-GPU-hour\.$/);
    expect(lines[1]).toBe("1 observed point was skipped: line 3, 2031-01 is outside the batch's months 2023-01 to 2024-12.");
  });
});
