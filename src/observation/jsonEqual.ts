/**
 * Whether two JSON values are equal: the same numbers, strings, booleans and nulls, arrays
 * equal item by item, objects with the same keys (in any order; a key whose value is
 * undefined counts as absent) and equal values. What comparing `canonicalJson` texts says,
 * without building them. Walks the values without recursing, so any depth is fine.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  const pending: [unknown, unknown][] = [[a, b]];
  for (let pair = pending.pop(); pair !== undefined; pair = pending.pop()) {
    const [left, right] = pair;
    if (left === right) continue;
    if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
    if (Array.isArray(left)) {
      if (!Array.isArray(right) || left.length !== right.length) return false;
      for (let index = 0; index < left.length; index += 1) pending.push([left[index], right[index]]);
      continue;
    }
    if (Array.isArray(right)) return false;
    const leftRecord = left as Record<string, unknown>;
    const rightRecord = right as Record<string, unknown>;
    let count = 0;
    for (const key in leftRecord) {
      if (leftRecord[key] === undefined) continue;
      count += 1;
      pending.push([leftRecord[key], rightRecord[key]]);
    }
    for (const key in rightRecord) if (rightRecord[key] !== undefined) count -= 1;
    if (count !== 0) return false;
  }
  return true;
}
