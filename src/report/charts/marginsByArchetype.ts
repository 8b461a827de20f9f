/** The margins of each kind of lessor. */
import { ARCHETYPE_PRESENT_SHARE, marginsByArchetypeTable } from '../chartData.js';
import { pct } from '../format.js';
import { marginsByArchetypeSpec } from '../specs/marginsByArchetype.js';
import { eventsSentence, type BatchChart } from './chart.js';

export const marginsByArchetype: BatchChart = ({ batch }) => {
  const table = marginsByArchetypeTable(batch);
  const blank = Object.entries(table.blank)
    .filter(([, months]) => months.length > 0)
    .map(([archetype, months]) => `${archetype} in ${months.length === 1 ? `1 month (${months[0]})` : `${months.length} months between ${months[0]} and ${months[months.length - 1]}`}`);
  return [
    {
      name: 'margins-by-archetype',
      section: 'Margins',
      caption:
        [
          'The same margins for each kind of lessor: incumbent clouds, specialised GPU clouds and entrants from other industries, medians with P5–P95 bands.',
          `A kind's margin is drawn only in months in which at least ${pct(ARCHETYPE_PRESENT_SHARE)} of runs have an active lessor of that kind; elsewhere it is not defined (a run without one has no revenue to divide by) and the panel has a gap${blank.length === 0 ? ', which this batch does not have' : `: ${blank.join(', ')}`}.`,
          'A kind with little revenue can have a huge negative margin, so the axis stops at −100 %.',
        ].join(' ') + eventsSentence(batch),
      table,
      spec: marginsByArchetypeSpec(table.rows),
    },
  ];
};
