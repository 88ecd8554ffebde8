/**
 * Whether two JSON values are equal: the same numbers, strings, booleans and nulls, arrays
 * equal item by item, objects with the same keys (in any order; a key whose value is
 * undefined counts as absent) and equal values. What comparing `canonicalJson` texts says,
 * without building them. Walks the values without recursing, so any depth is fine; the
 * pairs still to compare sit side by side in two stacks, so no pair is an object of its own
 * (the oracle compares every observation it finds, many times a scenario).
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  const lefts: unknown[] = [a];
  const rights: unknown[] = [b];
  while (lefts.length > 0) {
    const left = lefts.pop();
    const right = rights.pop();
    if (left === right) continue;
    if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
    if (Array.isArray(left)) {
      if (!Array.isArray(right) || left.length !== right.length) return false;
      for (let index = 0; index < left.length; index += 1) {
        lefts.push(left[index]);
        rights.push(right[index]);
      }
      continue;
    }
    if (Array.isArray(right)) return false;
    const leftRecord = left as Record<string, unknown>;
    const rightRecord = right as Record<string, unknown>;
    let count = 0;
    for (const key in leftRecord) {
      if (leftRecord[key] === undefined) continue;
      count += 1;
      lefts.push(leftRecord[key]);
      rights.push(rightRecord[key]);
    }
    for (const key in rightRecord) if (rightRecord[key] !== undefined) count -= 1;
    if (count !== 0) return false;
  }
  return true;
}
