/**
 * A claim's PRIM peeling trajectory: coverage against density at each step, the step PRIM
 * selected, and the box it reported, after pasting back and dropping restrictions that are not
 * significant. None where PRIM found no box.
 */
import type { ThesisClaim } from '../analysisData.js';
import type { ReportChart } from '../charts/chart.js';
import type { ChartTable, Row } from '../chartTable.js';
import { pct } from '../format.js';
import { primTrajectorySpec } from '../specs/primTrajectory.js';
import { DISCOVERY } from './common.js';

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

export function primTrajectoryChart(claim: ThesisClaim, name: string): ReportChart | undefined {
  if (claim.conditions.boxes.length === 0) return undefined;
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
