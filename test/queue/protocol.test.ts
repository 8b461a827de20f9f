import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { planBatch } from '../../src/montecarlo/plan.js';
import { chunkId, decodeTask, encodeTask, ownArrayBuffer } from '../../src/queue/protocol.js';
import { loadScenario } from '../../src/scenario/index.js';

const plan = planBatch(loadScenario('scenarios/baseline.yaml'), { runs: 3, seed: 4, design: 'lhs' });
const task = { scenario: plan.scenario, seed: 4, paths: plan.paths, from: 0, rows: plan.rows, months: 96, extract: [{ metric: 'spotRentCcyPerRefGpuHour', month: 3 }] };

describe('a chunk job', () => {
  it('carries the task exactly: every double (and -0) comes back as it went', () => {
    const exact = { ...task, rows: [[-0, 0.1 + 0.2, Number.MIN_VALUE, 1e308]] };
    const back = decodeTask(encodeTask(exact).toString('base64'));
    expect('task' in back && back.task).toEqual(exact);
    expect('task' in back && Object.is(back.task.rows[0][0], -0)).toBe(true);
  });

  it('has an id made from the build, the worker entry and the task: the same chunk gets the same id, however it was built', () => {
    const id = chunkId('b1', undefined, task);
    expect(chunkId('b1', undefined, structuredClone(task))).toBe(id);
    expect(chunkId('b1', undefined, JSON.parse(JSON.stringify(task)))).toBe(id);
    expect(chunkId('b2', undefined, task)).not.toBe(id);
    expect(chunkId('b1', 'records', task)).not.toBe(id);
    expect(chunkId('b1', undefined, { ...task, from: 1 })).not.toBe(id);
    expect(chunkId('b1', undefined, { ...task, rows: [[-0]] })).not.toBe(chunkId('b1', undefined, { ...task, rows: [[0]] }));
  });

  it.each([
    ['a scenario the schema refuses', { ...task, scenario: { ...task.scenario, start: 'soon' } }, /^its task is not valid: scenario\.start: /],
    ['a fractional seed', { ...task, seed: 1.5 }, /^its task is not valid: seed: /],
    ['rows that are not numbers', { ...task, rows: [['1']] }, /^its task is not valid: rows\.0\.0: /],
    ['no task at all', 'a string', /^its task is not valid: /],
  ])('is refused when it holds %s', (_, value, reason) => {
    const r = decodeTask(serialize(value).toString('base64'));
    expect('problem' in r && r.problem).toMatch(reason);
  });

  it('is refused when its bytes are not a serialized value', () => {
    expect(decodeTask(Buffer.from([0xff, 0x0f, 0x42, 0x99]).toString('base64'))).toEqual({ problem: 'its task cannot be read' });
  });

  it('gives a result buffer an ArrayBuffer of its own, which 8-byte typed arrays can view', () => {
    const pooled = Buffer.concat([Buffer.alloc(3), Buffer.from(new Float64Array([1.5, -2]).buffer)]).subarray(3);
    const own = ownArrayBuffer(pooled);
    expect(own.byteLength).toBe(16);
    expect(Array.from(new Float64Array(own))).toEqual([1.5, -2]);
  });
});
