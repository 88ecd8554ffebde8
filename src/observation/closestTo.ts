import { diffJson } from './diffJson.js';

/**
 * The candidate with the fewest differences by JSON path (`diffJson`) from `target`, the
 * first of those on a tie; undefined when there are none. Pure.
 */
export function closestTo<T>(target: unknown, candidates: readonly T[]): T | undefined {
  let best: T | undefined;
  let fewest = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const count = diffJson(candidate, target).length;
    if (count < fewest) {
      best = candidate;
      fewest = count;
    }
  }
  return best;
}
