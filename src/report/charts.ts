/**
 * The batch report's charts, in page order. Each is a module of charts/ (see charts/chart.ts): to
 * add a chart, write its module and list it here. Pure: the batch and the observed scores in,
 * charts out.
 */
import type { BatchData } from './batchData.js';
import { capacityDemandServed } from './charts/capacityDemandServed.js';
import type { BatchChart, ReportChart } from './charts/chart.js';
import { lessors } from './charts/lessors.js';
import { margins } from './charts/margins.js';
import { marginsByArchetype } from './charts/marginsByArchetype.js';
import { observedFans } from './charts/observedFans.js';
import { probeIrr } from './charts/probeIrr.js';
import { probeNpv } from './charts/probeNpv.js';
import { redOnset } from './charts/redOnset.js';
import { regimeShare } from './charts/regimeShare.js';
import { rentFan } from './charts/rentFan.js';
import { utilisationLeadTime } from './charts/utilisationLeadTime.js';
import type { ObservedScores } from '../observed/scores.js';
import type { RentUnit } from '../analysis/rentUnit.js';

export type { ReportChart } from './charts/chart.js';

const BATCH_CHARTS: readonly BatchChart[] = [
  rentFan('spot'),
  rentFan('contract'),
  capacityDemandServed,
  utilisationLeadTime,
  margins,
  marginsByArchetype,
  lessors,
  regimeShare,
  redOnset,
  probeIrr,
  probeNpv,
  observedFans,
];

export function reportCharts(batch: BatchData, observed?: ObservedScores, unit?: RentUnit): ReportChart[] {
  return BATCH_CHARTS.flatMap((chart) => chart({ batch, observed, unit }));
}
