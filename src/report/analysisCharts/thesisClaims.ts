/**
 * A thesis's claims against their required probabilities: each claim's probability as a dot
 * coloured by its verdict, its 95 % Wilson interval as a bar and the required probability as a
 * tick, so the verdict reads off where the interval lies against the tick.
 */
import type { ThesisClaim, ThesisDoc } from '../analysisData.js';
import type { ReportChart } from '../charts/chart.js';
import type { ChartTable } from '../chartTable.js';
import { thesisClaimsSpec } from '../specs/thesisClaims.js';
import { THESES } from './common.js';

export function claimsTable(claims: readonly ThesisClaim[]): ChartTable {
  return {
    columns: ['claim', 'order', 'probability', 'lower', 'upper', 'require', 'verdict', 'successes', 'trials'],
    rows: claims.map((c, order) => ({
      claim: c.name,
      order,
      probability: c.probability,
      lower: c.interval.lower,
      upper: c.interval.upper,
      require: c.require,
      verdict: c.verdict,
      successes: c.successes,
      trials: c.trials,
    })),
  };
}

export function thesisClaimsChart(d: ThesisDoc, name: string): ReportChart {
  const table = claimsTable(d.claims);
  const holds = d.claims.filter((c) => c.verdict === 'holds').length;
  const subtitle = `${d.completedRuns} runs · ${holds} of ${d.claims.length} claim${d.claims.length === 1 ? '' : 's'} hold · dots: P(claim), bars: 95 % Wilson interval, black ticks: the required probability`;
  return {
    name,
    section: THESES,
    caption:
      'Each claim’s probability, the share of runs in which it holds, as a dot coloured by its verdict; the grey bar is its 95 % Wilson interval and the black tick the probability the thesis requires. A claim holds when the whole interval is at or right of its tick, fails when the whole interval is left of it, and is undecided otherwise: more runs would narrow the interval.',
    table,
    spec: thesisClaimsSpec(table.rows, subtitle),
  };
}
