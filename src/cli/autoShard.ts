/**
 * `--shard auto`: the slice of a batch that this task of a job array runs, read from what the
 * scheduler sets. Slurm job arrays set SLURM_ARRAY_TASK_ID with _MIN, _STEP and _COUNT (an array
 * such as --array=1-8 starts at 1); a Kubernetes Indexed Job sets JOB_COMPLETION_INDEX, and its
 * count comes from `--shard-count K` or GPU_MARKET_SHARD_COUNT (which a manifest sets to the
 * Job's `completions`).
 */
import type { Shard } from '../montecarlo/shardRange.js';
import { UsageError } from './errors.js';

export const SHARD_COUNT_VARIABLE = 'GPU_MARKET_SHARD_COUNT';

type Env = Readonly<Record<string, string | undefined>>;

function whole(what: string, text: string | undefined, min: number): number {
  const value = Number(text);
  if (text === undefined || !/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`--shard auto: expected ${what} to be a whole number ${min} or more, found ${JSON.stringify(text ?? '')}`);
  }
  return value;
}

function checked(shard: Shard, source: string): Shard {
  if (shard.index >= shard.count) throw new UsageError(`--shard auto: ${source} gives slice ${shard.index}, outside its ${shard.count} slices`);
  return shard;
}

/** The shard `--shard auto` stands for, from `env` and `--shard-count` (undefined when not given). */
export function autoShard(env: Env, countOption: string | undefined): Shard {
  const count = countOption === undefined ? undefined : whole('--shard-count', countOption, 1);
  const slurmId = env.SLURM_ARRAY_TASK_ID;
  if (slurmId !== undefined) {
    const id = whole('SLURM_ARRAY_TASK_ID', slurmId, 0);
    const min = env.SLURM_ARRAY_TASK_MIN === undefined ? 0 : whole('SLURM_ARRAY_TASK_MIN', env.SLURM_ARRAY_TASK_MIN, 0);
    const step = env.SLURM_ARRAY_TASK_STEP === undefined ? 1 : whole('SLURM_ARRAY_TASK_STEP', env.SLURM_ARRAY_TASK_STEP, 1);
    const slurmCount = whole('SLURM_ARRAY_TASK_COUNT', env.SLURM_ARRAY_TASK_COUNT, 1);
    if (count !== undefined && count !== slurmCount) throw new UsageError(`--shard-count: ${count} differs from the job array's ${slurmCount} tasks (SLURM_ARRAY_TASK_COUNT)`);
    if ((id - min) % step !== 0) throw new UsageError(`--shard auto: SLURM_ARRAY_TASK_ID ${id} is not on the array's steps of ${step} from ${min}`);
    return checked({ index: (id - min) / step, count: slurmCount }, 'the Slurm job array');
  }
  const k8sIndex = env.JOB_COMPLETION_INDEX;
  if (k8sIndex !== undefined) {
    const index = whole('JOB_COMPLETION_INDEX', k8sIndex, 0);
    const fromEnv = env[SHARD_COUNT_VARIABLE];
    if (count === undefined && fromEnv === undefined)
      throw new UsageError(`--shard auto: JOB_COMPLETION_INDEX is set, but not the number of shards: give --shard-count K or set ${SHARD_COUNT_VARIABLE}`);
    return checked({ index, count: count ?? whole(SHARD_COUNT_VARIABLE, fromEnv, 1) }, 'JOB_COMPLETION_INDEX');
  }
  throw new UsageError('--shard auto: neither SLURM_ARRAY_TASK_ID (a Slurm job array) nor JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set; give the slice as INDEX/COUNT');
}
