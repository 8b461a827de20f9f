/**
 * The charts of the analyses added to a report: per thesis, its claims against their required
 * probabilities and, per claim with a PRIM box, the peeling trajectory; per sensitivity analysis,
 * its tornado, Sobol or Morris chart. Each chart is a module of analysisCharts/; this module builds
 * the views the page's sections are drawn from and lists the charts in page order. Each chart's
 * table is its inline data and its CSV file, like the batch charts'. Strings from the files (claim
 * names, input paths) go into the tables only; titles are made of fixed text, numbers and
 * plainText.
 *
 * Names are numbered by the order of the files on the command line: thesis-1, prim-1-2 (thesis 1,
 * claim 2), tornado-1, sobol-2 (the second --sensitivity file).
 */
import type { SensitivityDoc, SensitivityInput, ThesisInput } from './analysisData.js';
import type { SensitivityChart } from './analysisCharts/common.js';
import { morrisChart } from './analysisCharts/morris.js';
import { primTrajectoryChart } from './analysisCharts/primTrajectory.js';
import { sobolChart } from './analysisCharts/sobol.js';
import { thesisClaimsChart } from './analysisCharts/thesisClaims.js';
import { tornadoChart } from './analysisCharts/tornado.js';
import type { ReportChart } from './charts/chart.js';

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

/** The chart of each sensitivity method. */
const SENSITIVITY_CHARTS: Readonly<Record<SensitivityDoc['method'], SensitivityChart>> = { tornado: tornadoChart, sobol: sobolChart, morris: morrisChart };

/** The analysis charts in page order: theses, their PRIM trajectories, sensitivity. */
const PAGE_ORDER: readonly ((v: AnalysisViews) => (ReportChart | undefined)[])[] = [
  (v) => v.theses.map((t) => t.claims),
  (v) => v.theses.flatMap((t) => t.trajectories),
  (v) => v.sensitivities.map((s) => s.chart),
];

/** Every analysis chart, in page order. */
export function analysisCharts(v: AnalysisViews | undefined): ReportChart[] {
  if (!v) return [];
  return PAGE_ORDER.flatMap((charts) => charts(v)).filter((c): c is ReportChart => c !== undefined);
}

export function analysisViews(theses: readonly ThesisInput[], sensitivities: readonly SensitivityInput[]): AnalysisViews {
  const counts = new Map<string, number>();
  return {
    theses: theses.map((t, i) => thesisView(t, i + 1)),
    sensitivities: sensitivities.map((s) => {
      const n = (counts.get(s.doc.method) ?? 0) + 1;
      counts.set(s.doc.method, n);
      return { input: s, chart: SENSITIVITY_CHARTS[s.doc.method](s.doc, `${s.doc.method}-${n}`) };
    }),
  };
}

function thesisView(input: ThesisInput, n: number): ThesisView {
  return {
    input,
    claims: thesisClaimsChart(input.doc, `thesis-${n}`),
    trajectories: input.doc.claims.map((c, i) => primTrajectoryChart(c, `prim-${n}-${i + 1}`)),
  };
}
