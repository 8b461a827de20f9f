/**
 * The page's sections for a calibration and a backtest given with the batch: what each input's
 * prior became (a table, and the marginal and pair charts), the tolerance path (a table and a
 * chart), how the posterior median meets each observed point, the posterior predictive fans, and
 * each cutoff's scores, the posterior forecast beside the uncalibrated prior's, with its forecast
 * fans. Every string read from a file goes through escapeHtml; charts are placed by chartFigure,
 * and a chart the files give no data for is replaced by a note that says so.
 */
import { heading, path } from './analysisHtml.js';
import type { BacktestView, CalibrationView, CalibrationViews } from './calibrationCharts.js';
import { BACKTEST, CALIBRATION } from './calibrationCharts/common.js';
import type { ReportChart } from './charts.js';
import { escapeHtml as e } from './escapeHtml.js';
import { chartFigure } from './figure.js';
import { num, pct } from './format.js';

export function calibrationSections(v: CalibrationViews | undefined): string {
  if (!v) return '';
  const out: string[] = [];
  if (v.calibrations.length > 0) out.push(heading(CALIBRATION), CALIBRATION_NOTE, ...v.calibrations.map(calibrationBlock));
  if (v.backtests.length > 0) out.push(heading(BACKTEST), BACKTEST_NOTE, ...v.backtests.map(backtestBlock));
  return out.join('\n');
}

const figure = (c: ReportChart | undefined): string => (c === undefined ? '' : chartFigure(c));
const notes = (lines: readonly string[]): string => lines.map((n) => `<p class="note">${e(n)}</p>`).join('\n');

const CALIBRATION_NOTE = `<p class="note">ABC-SMC fits the uncertain inputs to observed history: each generation keeps the parameter sets whose runs come within its tolerance of the observations, a distance in units of each point’s error (zero inside a range), with every observed series weighted alike. The effective sample size (ESS) says how many particles the weights are worth. Method and references: docs/calibration.md.</p>`;

function calibrationBlock(v: CalibrationView): string {
  const c = v.input;
  const d = c.doc;
  return `<h3>${e(d.scenario.name)}</h3>
<p class="note">From <code>${e(c.file)}</code>: ${e(d.scenario.file)} fitted to ${d.observed.points} points of <code>${e(d.observed.file)}</code>${d.observed.until === null ? '' : ` up to ${e(d.observed.until)}`}; ${d.method.particles} particles × ${d.method.replicates} replicates, ${d.runs} runs, seed ${d.method.seed}; ${e(d.stop.text)}.</p>
<table>
<thead><tr><th>input</th><th>prior</th><th class="num">posterior median</th><th class="num">90 % interval</th><th>fitted</th></tr></thead>
<tbody>
${d.inputs.map((x) => `<tr><td>${path(x.path)}</td><td>${e(x.priorText)}</td><td class="num">${num(x.posterior.p50)}</td><td class="num">${num(x.posterior.p5)} – ${num(x.posterior.p95)}</td><td>${e(x.fittedText)}</td></tr>`).join('\n')}
</tbody>
</table>
${notes(v.notes)}
${figure(v.marginals)}
${figure(v.pairs)}
<table>
<thead><tr><th class="num">generation</th><th class="num">tolerance</th><th class="num">proposed</th><th class="num">accepted</th><th class="num">ESS</th><th class="num">runs</th></tr></thead>
<tbody>
${d.generations.map((g) => `<tr><td class="num">${g.generation}</td><td class="num">${g.tolerance === null ? 'none (prior)' : num(g.tolerance)}</td><td class="num">${g.proposed}</td><td class="num">${pct(g.acceptanceRate)}</td><td class="num">${num(g.ess)}</td><td class="num">${g.runs}</td></tr>`).join('\n')}
</tbody>
</table>
${figure(v.tolerance)}
<table>
<thead><tr><th>month</th><th>metric</th><th class="num">observed</th><th class="num">at the posterior median</th><th class="num">distance (errors)</th></tr></thead>
<tbody>
${d.points.map((p) => `<tr><td>${e(p.month)}</td><td>${path(p.metric)}</td><td class="num">${e(p.observedText)}</td><td class="num">${num(p.simulatedMean)}</td><td class="num">${num(p.distance, 2)}</td></tr>`).join('\n')}
</tbody>
</table>
${v.fans.map(chartFigure).join('\n')}`;
}

const BACKTEST_NOTE = `<p class="note">For each cutoff the scenario was calibrated on the points dated up to it, and its forecast (runs drawn from that posterior) is scored on the points after it, beside the uncalibrated scenario’s own batch. CRPS is divided by each point’s error, so rents, months and shares can be averaged; lower is better. PIT is the share of runs below the observation: spread evenly over many points, the forecast is calibrated.</p>`;

function backtestBlock(v: BacktestView): string {
  const b = v.input;
  const d = b.doc;
  const rows = d.cutoffs.flatMap((c) =>
    (['posterior', 'prior'] as const).map((f) => {
      const s = c[f];
      return `<tr><td>${e(c.cutoff)}</td><td>${f}</td><td class="num">${c.calibratedOn}</td><td class="num">${s.points}</td><td class="num">${pct(s.inside90)}</td><td class="num">${pct(s.inside50)}</td><td class="num">${num(s.meanScaledCrps, 2)}</td><td class="num">${s.pitHistogram.join(' ')}</td></tr>`;
    }),
  );
  const points = d.cutoffs.flatMap((c) =>
    c.points.map(
      (p) =>
        `<tr><td>${e(c.cutoff)}</td><td>${e(p.month)}</td><td>${path(p.metric)}</td><td class="num">${e(p.observed)}</td><td>${p.forecast}</td><td class="num">${num(p.p5)} – ${num(p.p95)}</td><td class="num">${num(p.p50)}</td><td class="num">${num(p.scaledCrps, 2)}</td><td class="num">${num(p.pit, 2)}</td></tr>`,
    ),
  );
  return `<h3>${e(d.scenario.name)}</h3>
<p class="note">From <code>${e(b.file)}</code>: ${e(d.scenario.file)} against <code>${e(d.observed.file)}</code>, ${d.runs} runs per forecast, seed ${d.seed}.</p>
<table>
<thead><tr><th>cutoff</th><th>forecast</th><th class="num">calibrated on</th><th class="num">scored</th><th class="num">in P5–P95</th><th class="num">in P25–P75</th><th class="num">mean CRPS (errors)</th><th class="num">PIT histogram (10 bins)</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<table>
<thead><tr><th>cutoff</th><th>month</th><th>metric</th><th class="num">observed</th><th>forecast</th><th class="num">P5 – P95</th><th class="num">median</th><th class="num">CRPS (errors)</th><th class="num">PIT</th></tr></thead>
<tbody>
${points.join('\n')}
</tbody>
</table>
${notes(v.notes)}
${v.fans.map(chartFigure).join('\n')}`;
}
