/** A chart's place on the page: its box (filled in the browser), caption and links to its files. */
import type { ReportChart } from './charts.js';
import { escapeHtml } from './escapeHtml.js';

export function chartFigure(c: ReportChart): string {
  const e = escapeHtml;
  return `<figure class="chart" id="figure-${e(c.name)}">
<div class="chart-box" id="chart-${e(c.name)}" role="img" aria-label="${e(c.caption)}"></div>
<figcaption>${e(c.caption)}</figcaption>
<div class="links"><a href="charts/${e(c.name)}.svg">SVG</a> · <a href="data/${e(c.name)}.csv">data (CSV)</a></div>
</figure>`;
}
