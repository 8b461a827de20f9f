/**
 * The outcome table: records in, columns out, and outcomes.csv written from the columns a block of
 * rows at a time, which must read exactly as the table written in one piece.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/montecarlo/chunk.js';
import { outcomeRecords, outcomeTable, writeOutcomesCsv } from '../../src/montecarlo/outcomesTable.js';
import type { BatchPlan } from '../../src/montecarlo/plan.js';
import { OUTCOME_COLUMNS, outcomeValue } from '../../src/model/outcomeColumns.js';
import { csvText } from '../../src/format/csv.js';
import { formatNumber } from '../../src/format/formatNumber.js';

/** A record whose outcomes are all derived from its index, some of them missing. */
function record(index: number): RunRecord {
  const outcomes = {
    startRentCcyPerRefGpuHour: 10 + index / 7,
    peakRentCcyPerRefGpuHour: 20 + index / 3,
    peakMonth: index % 40,
    troughAfterPeakCcyPerRefGpuHour: 5 + index / 11,
    troughMonth: (index % 40) + 3,
    maxFallFromPeak: (index % 100) / 100,
    redOnsetMonth: index % 5 === 0 ? -1 : index % 60,
    lessorsAtEnd: index % 17,
    totalEntries: index % 13,
    totalExits: index % 9,
    probe:
      index % 3 === 0
        ? null
        : {
            irr: index % 4 === 0 ? null : (index % 50) / 100 - 0.2,
            npvCcy: index * 1000.5,
            paybackMonth: index % 6 === 0 ? -1 : index % 70,
            worstCashCcy: -index,
            equityCcy: 1,
            firstDeliveryMonth: 2,
          },
  };
  return { index, inputs: [index / 1000, 1 - index / 3000], outcomes };
}

describe('the outcome table', () => {
  const n = 10_000;
  const records = Array.from({ length: n }, (_, i) => record(2 * i));
  const table = outcomeTable(records, n, 2);

  it('holds every record in its columns, a missing outcome or a negative month as NaN', () => {
    expect(Array.from(table.run.subarray(0, 3))).toEqual([0, 2, 4]);
    expect(table.inputs[1][5]).toBe(records[5].inputs[1]);
    const red = OUTCOME_COLUMNS.findIndex((c) => c.name === 'redOnsetMonth');
    const irr = OUTCOME_COLUMNS.findIndex((c) => c.name === 'probeIrr');
    records.forEach((r, i) => {
      expect(Number.isNaN(table.outcomes[red][i])).toBe(r.outcomes.redOnsetMonth < 0);
      expect(Number.isNaN(table.outcomes[irr][i])).toBe((r.outcomes.probe?.irr ?? null) === null);
    });
    expect(() => outcomeTable(records, n + 1, 2)).toThrow(/10000 records where 10001 were expected/);
  });

  it('writes outcomes.csv in blocks that read exactly as the whole table in one piece', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gpu-market-outcomes-')), 'outcomes.csv');
    writeOutcomesCsv(path, table, ['a.b', 'c'], 7, '2023-01');
    const month = (v: number | null) => (v === null || v < 0 ? '' : `${2023 + Math.floor(v / 12)}-${String((v % 12) + 1).padStart(2, '0')}`);
    const rows = records.map((r) => [
      String(r.index),
      '7',
      ...r.inputs.map(formatNumber),
      ...OUTCOME_COLUMNS.map((c) => {
        const v = outcomeValue(c, r.outcomes);
        return c.kind === 'month' ? month(v) : v === null ? '' : formatNumber(v);
      }),
    ]);
    expect(readFileSync(path, 'utf8')).toBe(csvText([['run', 'seed', 'a.b', 'c', ...OUTCOME_COLUMNS.map((c) => c.name)], ...rows]));
  });

  it('hands the library each run with its inputs by path and its outcomes by name, months as YYYY-MM, as outcomes.csv has them', () => {
    const plan = { scenario: { start: '2023-01' }, seed: 7, paths: ['a.b', 'c'] } as unknown as BatchPlan;
    const rows = outcomeRecords(table, plan);
    expect(rows).toHaveLength(n);
    const r = rows[3];
    expect(r.run).toBe(6);
    expect(r.seed).toBe(7);
    expect(r.inputs).toEqual({ 'a.b': records[3].inputs[0], c: records[3].inputs[1] });
    expect(Object.keys(r.outcomes)).toEqual(OUTCOME_COLUMNS.map((c) => c.name));
    expect(r.outcomes.peakMonth).toBe('2023-07');
    expect(rows[0].outcomes.redOnsetMonth).toBeNull();
    expect(r.outcomes.peakRentCcyPerRefGpuHour).toBe(records[3].outcomes.peakRentCcyPerRefGpuHour);
  });
});
