/** The margins of each kind of lessor. */
import { marginsByArchetypeTable } from '../chartData.js';
import { marginsByArchetypeSpec } from '../specs/marginsByArchetype.js';
import type { BatchChart } from './chart.js';

export const marginsByArchetype: BatchChart = ({ batch }) => {
  const table = marginsByArchetypeTable(batch);
  return [
    {
      name: 'margins-by-archetype',
      section: 'Margins',
      caption:
        'The same margins for each kind of lessor: incumbent clouds, specialised GPU clouds and entrants from other industries, medians with P5–P95 bands. An archetype with no revenue in a month counts as 0; one with almost none can have a huge negative margin, so the axis stops at −100 %.',
      table,
      spec: marginsByArchetypeSpec(table.rows),
    },
  ];
};
