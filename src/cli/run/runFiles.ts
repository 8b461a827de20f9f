/**
 * The files one run writes, as names and text, before anything touches the disk: the monthly
 * metrics, the outcomes, the resolved scenario and, when the probe got its chips, its cash flows;
 * with a probe, the probe as each archetype. Everything here
 * is a function of (scenario, seed, runIndex, format): no timestamps, host names or paths, so the
 * same inputs give byte-identical files.
 */
import type { RunResult } from '../../model/metrics.js';
import type { Scenario } from '../../scenario/schema.js';
import { RESOLVED_SCENARIO_FILE, resolvedScenarioJson } from '../../scenario/resolved.js';
import { metricsCsv, metricsJson, metricsTable } from './metricsTable.js';
import { outcomesJson, type RunIdentity } from './outcomesJson.js';
import { probeArchetypesCsv } from './probeArchetypes.js';
import { probeCashFlowsCsv } from './probeCashFlows.js';
import type { OutputFile } from '../../files/writeFiles.js';

export const METRICS_FORMATS = ['csv', 'json'] as const;
export type MetricsFormat = (typeof METRICS_FORMATS)[number];

export interface RunFilesOptions extends RunIdentity {
  format: MetricsFormat;
}

export function runFiles(scenario: Scenario, result: RunResult, options: RunFilesOptions): OutputFile[] {
  const table = metricsTable(
    result,
    scenario.generations.map((g) => g.name),
  );
  const metrics: OutputFile = options.format === 'csv' ? { name: 'metrics.csv', content: metricsCsv(table) } : { name: 'metrics.json', content: metricsJson(table) };
  const files = [metrics, { name: 'outcomes.json', content: outcomesJson(scenario, result, options) }, { name: RESOLVED_SCENARIO_FILE, content: resolvedScenarioJson(scenario) }];
  if (result.probeCashFlows) files.push({ name: 'probe-cashflows.csv', content: probeCashFlowsCsv(result.probeCashFlows, scenario.start) });
  if (result.probeArchetypes) files.push({ name: 'probe-archetypes.csv', content: probeArchetypesCsv(scenario, result.probeArchetypes) });
  return files;
}
