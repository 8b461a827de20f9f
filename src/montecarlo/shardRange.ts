/** Shards: a batch's run indices split over machines. */

/** Slice `index` of `count` (0-based): contiguous run indices, sizes differing by at most one. */
export interface Shard {
  index: number;
  count: number;
}

export function shardRange(runs: number, shard: Shard = { index: 0, count: 1 }): { from: number; to: number } {
  return { from: Math.floor((shard.index * runs) / shard.count), to: Math.floor(((shard.index + 1) * runs) / shard.count) };
}
