/**
 * The charts of the analyses added to a report: per thesis, its claims against their required
 * probabilities and, per claim with a PRIM box, the peeling trajectory; per sensitivity analysis,
 * its tornado, Sobol or Morris chart. Each chart's table is its inline data and its CSV file, like
 * the batch charts'. Strings from the files (claim names, input paths) go into the tables only;
 * titles are made of fixed text, numbers and plainText.
 *
 * Names are numbered by the order of the files on the command line: thesis-1, prim-1-2 (thesis 1,
 * claim 2), tornado-1, sobol-2 (the second --sensitivity file).
 */
import type { SensitivityDoc, SensitivityInput, ThesisClaim, ThesisInput } from './analysisData.js';
import type { ReportChart } from './charts.js';
import type { ChartTable, Row } from './chartTable.js';
import { num, pct } from './format.js';
import { plainText } from './specs/common.js';
import { morrisSpec, MU_STAR, SIGMA } from './specs/morris.js';
import { primTrajectorySpec } from './specs/primTrajectory.js';
import { FIRST_ORDER, sobolSpec, STREAM, TOTAL } from './specs/sobol.js';
import { thesisClaimsSpec } from './specs/thesisClaims.js';
import { tornadoSpec } from './specs/tornado.js';

export const THESES = 'Theses';
export const DISCOVERY = 'Scenario discovery';
export const SENSITIVITY = 'Sensitivity';

export interface ThesisView {
  input: ThesisInput;
  claims: ReportChart;
  /** Per claim, its peeling trajectory chart; undefined where PRIM found no box. */
  trajectories: (ReportChart | undefined)[];
}

export interface SensitivityView {
  input: SensitivityInput;
  chart: ReportChart;
}

export interface AnalysisViews {
  theses: ThesisView[];
  sensitivities: SensitivityView[];
}

/** Every analysis chart, in page order: theses, their PRIM trajectories, sensitivity. */
export function analysisCharts(v: AnalysisViews | undefined): ReportChart[] {
  if (!v) return [];
  return [...v.theses.map((t) => t.claims), ...v.theses.flatMap((t) => t.trajectories.filter((c): c is ReportChart => c !== undefined)), ...v.sensitivities.map((s) => s.chart)];
}

export function analysisViews(theses: readonly ThesisInput[], sensitivities: readonly SensitivityInput[]): AnalysisViews {
  const counts = new Map<string, number>();
  return {
    theses: theses.map((t, i) => thesisView(t, i + 1)),
    sensitivities: sensitivities.map((s) => {
      const n = (counts.get(s.doc.method) ?? 0) + 1;
      counts.set(s.doc.method, n);
      return { input: s, chart: sensitivityChart(s.doc, `${s.doc.method}-${n}`) };
    }),
  };
}

function thesisView(input: ThesisInput, n: number): ThesisView {
  const d = input.doc;
  const table = claimsTable(d.claims);
  const holds = d.claims.filter((c) => c.verdict === 'holds').length;
  const subtitle = `${d.completedRuns} runs · ${holds} of ${d.claims.length} claim${d.claims.length === 1 ? '' : 's'} hold · dots: P(claim), bars: 95 % Wilson interval, black ticks: the required probability`;
  return {
    input,
    claims: {
      name: `thesis-${n}`,
      section: THESES,
      caption:
        'Each claim’s probability, the share of runs in which it holds, as a dot coloured by its verdict; the grey bar is its 95 % Wilson interval and the black tick the probability the thesis requires. A claim holds when the whole interval is at or right of its tick, fails when the whole interval is left of it, and is undecided otherwise: more runs would narrow the interval.',
      table,
      spec: thesisClaimsSpec(table.rows, subtitle),
    },
    trajectories: d.claims.map((c, i) => (c.conditions.boxes.length === 0 ? undefined : trajectoryChart(c, `prim-${n}-${i + 1}`))),
  };
}

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

export function trajectoryTable(claim: ThesisClaim): ChartTable {
  const rows: Row[] = [];
  claim.conditions.boxes.forEach((b, i) => {
    const label = `box ${i + 1}`;
    b.trajectory.forEach((t, step) =>
      rows.push({
        kind: 'step',
        box: i + 1,
        label,
        step,
        coverage: t.coverage,
        density: t.density,
        mass: t.mass,
        restrictedCount: t.restricted.length,
        restricted: t.restricted.join(' '),
        selected: step === b.selectedStep ? 1 : 0,
      }),
    );
    rows.push({
      kind: 'box',
      box: i + 1,
      label,
      coverage: b.coverage,
      density: b.density,
      mass: b.mass,
      restrictedCount: b.restrictions.length,
      restricted: b.restrictions.map((r) => r.input).join(' '),
    });
  });
  return { columns: ['kind', 'box', 'label', 'step', 'coverage', 'density', 'mass', 'restrictedCount', 'restricted', 'selected'], rows };
}

function trajectoryChart(claim: ThesisClaim, name: string): ReportChart {
  const table = trajectoryTable(claim);
  const b = claim.conditions.boxes[0];
  const boxes = claim.conditions.boxes.length;
  const subtitle = `${boxes === 1 ? 'box' : 'box 1'}: coverage ${pct(b.coverage)}, density ${pct(b.density)}, mass ${pct(b.mass)}`;
  return {
    name,
    section: DISCOVERY,
    caption:
      'PRIM peels the input space a slice at a time, each time taking off the runs that least favour the claim: coverage falls and density rises along the line. The ring is the step it selected, where peeling stops trading many runs of little interest for few; the diamond is the reported box, after pasting back and dropping restrictions that are not significant.',
    table,
    spec: primTrajectorySpec(table.rows, subtitle),
  };
}

/** An axis title with the outcome's unit; `change` for effects, which are differences of the outcome. */
function outcomeAxis(d: SensitivityDoc, what: string, change = false): string {
  if (d.outcome.monthZero !== undefined) return `${what} (${change ? 'months' : `months after ${d.outcome.monthZero}`})`;
  const unit = plainText(d.outcome.unit, '');
  return unit === '' ? what : `${what} (${unit})`;
}

const outcomeName = (d: SensitivityDoc) => plainText(d.outcome.name, 'the outcome');

export function tornadoTable(d: SensitivityDoc, lowLabel: string, highLabel: string): ChartTable {
  const t = d.tornado!;
  const base = t.base.value;
  const rows: Row[] = [];
  t.bars.forEach((b, order) => {
    for (const [side, inputValue, value] of [
      [lowLabel, b.lowInput, b.low],
      [highLabel, b.highInput, b.high],
    ] as const) {
      rows.push({ kind: 'bar', input: b.path, order, side, inputValue, value, base, change: value === null || base === null ? null : value - base });
    }
  });
  rows.push({ kind: 'base', input: null, side: 'every input at its median', value: base });
  return { columns: ['kind', 'input', 'order', 'side', 'inputValue', 'value', 'base', 'change'], rows };
}

export function sobolTable(d: SensitivityDoc): ChartTable {
  const s = d.sobol!;
  const rows: Row[] = [];
  s.indices.forEach((x, order) => {
    rows.push({ input: x.path, order, index: FIRST_ORDER, series: FIRST_ORDER, value: x.firstOrder, low: x.firstOrderLow, high: x.firstOrderHigh });
    rows.push({ input: x.path, order, index: TOTAL, series: TOTAL, value: x.total, low: x.totalLow, high: x.totalHigh });
  });
  if (s.stream) rows.push({ input: STREAM, order: s.indices.length, index: FIRST_ORDER, series: STREAM, value: s.stream.value, low: s.stream.low, high: s.stream.high });
  return { columns: ['input', 'order', 'index', 'series', 'value', 'low', 'high'], rows };
}

export function morrisTable(d: SensitivityDoc): ChartTable {
  const rows: Row[] = [];
  d.morris!.effects.forEach((x, order) => {
    rows.push({ input: x.path, order, statistic: MU_STAR, value: x.muStar, mu: x.mu, effects: x.effects });
    rows.push({ input: x.path, order, statistic: SIGMA, value: x.sigma, mu: x.mu, effects: x.effects });
  });
  return { columns: ['input', 'order', 'statistic', 'value', 'mu', 'effects'], rows };
}

const runsText = (d: SensitivityDoc) => `${d.runs} runs${d.failedRuns > 0 ? `, ${d.failedRuns} failed` : ''}${d.missingValues > 0 ? `, ${d.missingValues} without a value` : ''}`;

function sensitivityChart(d: SensitivityDoc, name: string): ReportChart {
  if (d.method === 'tornado') {
    const t = d.tornado!;
    const lowLabel = `input at P${Math.round(t.lowProbability * 100)}`;
    const highLabel = `input at P${Math.round(t.highProbability * 100)}`;
    const table = tornadoTable(d, lowLabel, highLabel);
    const base = t.base.value === null ? 'no base value' : `base ${num(t.base.value, 4)} with every input at its median`;
    return {
      name,
      section: SENSITIVITY,
      caption: `Each input in turn is set to its P${Math.round(t.lowProbability * 100)} (blue) and its P${Math.round(t.highProbability * 100)} (orange) while the others stay at their medians; a bar runs from the base value (dashed line, every input at its median) to the outcome there. Each point is the mean of ${t.replicates} runs with the same random streams, so the bars show the inputs’ effects rather than the model’s noise. Inputs are ranked by their swing, the largest on top.`,
      table,
      spec: tornadoSpec(table.rows, {
        subtitle: `${outcomeName(d)}: ${base}; mean of ${t.replicates} replicates a point, ${runsText(d)}`,
        xTitle: outcomeAxis(d, outcomeName(d)),
        lowLabel,
        highLabel,
      }),
    };
  }
  if (d.method === 'sobol') {
    const s = d.sobol!;
    const table = sobolTable(d);
    const parts = [`${outcomeName(d)}: N = ${s.baseSampleSize} base rows, ${runsText(d)}`, `whiskers: ${pct(s.confidence)} bootstrap intervals`];
    if (s.sumFirstOrder !== null) parts.push(`sum of S1 ${num(s.sumFirstOrder, 2)}`);
    return {
      name,
      section: SENSITIVITY,
      caption: `The first-order index S1 of an input is the share of the outcome’s variance that it explains alone; its total index ST adds every interaction it takes part in. A total well above the first order means the input matters through interactions. Whiskers are ${pct(s.confidence)} percentile-bootstrap intervals over the base rows; wide ones say the sample is small. The last row is the share of variance the run’s random stream alone explains: the model’s own randomness, which no input controls.`,
      table,
      spec: sobolSpec(table.rows, parts.join(' · ')),
    };
  }
  const m = d.morris!;
  const table = morrisTable(d);
  return {
    name,
    section: SENSITIVITY,
    caption: `Morris screening: each input is stepped along ${m.trajectories} random trajectories through the input space, and each step’s change of the outcome is an elementary effect. μ* is the mean absolute effect (how much the input matters), σ the spread of its effects (large where the effect depends on the other inputs, through interactions or curvature). Effects are per unit of the input’s probability, so inputs with different units compare.`,
    table,
    spec: morrisSpec(table.rows, {
      subtitle: `${outcomeName(d)}: ${m.trajectories} trajectories, ${m.levels} levels, ${runsText(d)}`,
      xTitle: outcomeAxis(d, 'effect per unit of input probability', true),
    }),
  };
}
