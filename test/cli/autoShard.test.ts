import { describe, expect, it } from 'vitest';
import { autoShard } from '../../src/cli/autoShard.js';
import { UsageError } from '../../src/cli/errors.js';

describe('--shard auto', () => {
  it('reads a Slurm job array, whatever index it starts at and whatever its step', () => {
    expect(autoShard({ SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: '8' }, undefined)).toEqual({ index: 3, count: 8 });
    expect(autoShard({ SLURM_ARRAY_TASK_ID: '8', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '8' }, undefined)).toEqual({ index: 7, count: 8 });
    expect(autoShard({ SLURM_ARRAY_TASK_ID: '6', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_STEP: '2', SLURM_ARRAY_TASK_COUNT: '4' }, undefined)).toEqual({ index: 3, count: 4 });
  });

  it('reads a Kubernetes Indexed Job, with the count from --shard-count or GPU_MARKET_SHARD_COUNT', () => {
    expect(autoShard({ JOB_COMPLETION_INDEX: '2' }, '5')).toEqual({ index: 2, count: 5 });
    expect(autoShard({ JOB_COMPLETION_INDEX: '0', GPU_MARKET_SHARD_COUNT: '3' }, undefined)).toEqual({ index: 0, count: 3 });
    expect(autoShard({ JOB_COMPLETION_INDEX: '0', GPU_MARKET_SHARD_COUNT: '3' }, '4')).toEqual({ index: 0, count: 4 });
  });

  it.each([
    [{}, undefined, 'neither SLURM_ARRAY_TASK_ID (a Slurm job array) nor JOB_COMPLETION_INDEX'],
    [{ JOB_COMPLETION_INDEX: '1' }, undefined, 'give --shard-count K or set GPU_MARKET_SHARD_COUNT'],
    [{ JOB_COMPLETION_INDEX: '4' }, '4', 'JOB_COMPLETION_INDEX gives slice 4, outside its 4 slices'],
    [{ JOB_COMPLETION_INDEX: 'x' }, '4', 'expected JOB_COMPLETION_INDEX to be a whole number 0 or more, found "x"'],
    [{ SLURM_ARRAY_TASK_ID: '3' }, undefined, 'expected SLURM_ARRAY_TASK_COUNT to be a whole number 1 or more, found ""'],
    [{ SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: '8' }, '4', "--shard-count: 4 differs from the job array's 8 tasks"],
    [{ SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_STEP: '2', SLURM_ARRAY_TASK_COUNT: '8' }, undefined, 'is not on the array'],
  ])('refuses %j with --shard-count %s, saying why', (env, count, reason) => {
    expect(() => autoShard(env, count)).toThrow(UsageError);
    expect(() => autoShard(env, count)).toThrow(reason);
  });
});
