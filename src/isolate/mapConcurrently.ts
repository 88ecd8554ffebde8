import { concurrencyLimit } from './concurrencyLimit.js';

/**
 * Maps `items` through `work`, at most `limit` at a time, and returns the results in the
 * order of `items` (whichever finished first).
 */
export function mapConcurrently<Item, Result>(
  items: readonly Item[],
  limit: number,
  work: (item: Item, index: number) => Promise<Result>,
): Promise<Result[]> {
  const inTurn = concurrencyLimit(limit);
  return Promise.all(items.map((item, index) => inTurn(() => work(item, index))));
}
