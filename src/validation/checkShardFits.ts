import type { Shard } from '../properties/checkProperty.js';

/**
 * Throws a `TypeError` of `fn` when a valid `shard` has more slices than there are
 * scenarios (`runs`, named `runsName`): slice `index` takes the scenarios at positions
 * `index - 1` modulo `count`, so a slice past the last scenario would check nothing and pass.
 */
export function checkShardFits(fn: string, shard: unknown, runsName: string, runs: unknown): void {
  const { count } = (shard ?? { count: 0 }) as Shard;
  if (typeof runs === 'number' && count > runs)
    throw new TypeError(
      `${fn}: shard.count must be at most ${runsName} (${runs}): a slice past the last scenario would check nothing, got ${count}`,
    );
}
