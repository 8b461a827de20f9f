/**
 * Golden files of the analysis and calibration charts, kept in test/report/golden/: for the
 * fixture thesis, sensitivity analyses, calibration and backtest, each chart's CSV file, the rest
 * of the chart (name, section, caption, and its spec less the inline data, which is the CSV's
 * table), and the page sections that place the charts. Any change to what these charts draw or say
 * shows up here as a diff to review. After an intended change, regenerate with
 *   UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts
 * and commit the new files with the change that caused them.
 *
 * The SVGs are not kept: vega draws them from the spec, and a new vega would change them. Numbers
 * in the specs are rounded as in the output files, so the files do not depend on the last bits of
 * a floating-point result. The sections are kept as .html.txt so that Prettier leaves them as the
 * page has them.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analysisCharts, analysisViews } from '../../src/report/analysisCharts.js';
import { analysisSections } from '../../src/report/analysisHtml.js';
import { calibrationCharts, calibrationViews } from '../../src/report/calibrationCharts.js';
import { calibrationSections } from '../../src/report/calibrationHtml.js';
import type { ReportChart } from '../../src/report/charts.js';
import { tableCsv } from '../../src/report/chartTable.js';
import { roundForFile } from '../../src/format/formatNumber.js';
import { fixtureMorris, fixtureSobol, fixtureTornado, sensitivityInput, thesisInput } from './analysisFixture.js';
import { fixtureBacktest, fixtureCalibration } from './calibrationFixture.js';

const update = process.env.UPDATE_GOLDEN === '1';

/** The chart without its table: the spec's inline data is the table, kept as the CSV file. */
function chartJson(c: ReportChart): string {
  const spec = c.spec as { data?: { values?: unknown } };
  expect(spec.data?.values, c.name).toBe(c.table.rows);
  const rest = { name: c.name, section: c.section, caption: c.caption, spec: { ...spec, data: { values: `data/${c.name}.csv` } } };
  return JSON.stringify(rest, (_, v: unknown) => (typeof v === 'number' ? roundForFile(v) : v), 2) + '\n';
}

function expectGolden(dir: string, files: readonly { name: string; content: string }[]): void {
  for (const f of files) {
    const path = join('test/report/golden', dir, f.name);
    if (update) {
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, f.content);
    }
    expect(f.content, path).toBe(readFileSync(path, 'utf8'));
  }
}

const chartFiles = (charts: readonly ReportChart[]) =>
  charts.flatMap((c) => [
    { name: `data/${c.name}.csv`, content: tableCsv(c.table) },
    { name: `charts/${c.name}.json`, content: chartJson(c) },
  ]);

describe('the analysis and calibration charts', () => {
  it('match the golden copy for the fixture thesis and sensitivity analyses', () => {
    const views = analysisViews([thesisInput()], [sensitivityInput(fixtureTornado()), sensitivityInput(fixtureSobol()), sensitivityInput(fixtureMorris())]);
    expectGolden('analysis', [...chartFiles(analysisCharts(views)), { name: 'sections.html.txt', content: analysisSections(views) }]);
  });

  it('match the golden copy for the fixture calibration and backtest', () => {
    const views = calibrationViews([fixtureCalibration()], [fixtureBacktest()]);
    expectGolden('calibration', [...chartFiles(calibrationCharts(views)), { name: 'sections.html.txt', content: calibrationSections(views) }]);
  });
});
