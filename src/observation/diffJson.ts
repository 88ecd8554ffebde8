/**
 * The JSON paths where two values differ, each with both sides: `gather.at: 2000 != 3000`.
 * Pure; for showing an expected observation against an observed one. Walks the values
 * without recursing, so any depth is fine.
 */
export function diffJson(expected: unknown, observed: unknown, path = ''): string[] {
  const lines: string[] = [];
  // Last in, first out: pushed in reverse, so the paths come out in document order.
  const pending: [unknown, unknown, string][] = [[expected, observed, path]];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const [left, right, at] = item;
    if (Object.is(left, right)) continue;
    if (Array.isArray(left) && Array.isArray(right) && left.length === right.length) {
      for (let index = left.length - 1; index >= 0; index -= 1)
        pending.push([left[index], right[index], `${at}[${index}]`]);
      continue;
    }
    if (isPlainObject(left) && isPlainObject(right)) {
      const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])];
      for (const key of keys.reverse()) pending.push([left[key], right[key], at === '' ? key : `${at}.${key}`]);
      continue;
    }
    lines.push(`${at === '' ? '(whole)' : at}: expected ${show(left)}, observed ${show(right)}`);
  }
  return lines;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A side of a difference as short JSON; a value JSON cannot show (too deep, a cycle) by its kind. */
function show(value: unknown): string {
  if (value === undefined) return '(absent)';
  try {
    return JSON.stringify(value);
  } catch {
    return Array.isArray(value) ? '(an array too deep to show)' : '(an object too deep to show)';
  }
}
