/**
 * The JSON paths where two values differ, each with both sides: `gather.at: 2000 != 3000`.
 * Pure; for showing an expected observation against an observed one.
 */
export function diffJson(expected: unknown, observed: unknown, path = ''): string[] {
  if (Object.is(expected, observed)) return [];
  const bothArrays = Array.isArray(expected) && Array.isArray(observed);
  const bothObjects = isPlainObject(expected) && isPlainObject(observed);
  if (bothArrays && expected.length === observed.length) {
    return expected.flatMap((item, index) => diffJson(item, observed[index], `${path}[${index}]`));
  }
  if (bothObjects) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(observed)])];
    return keys.flatMap((key) => diffJson(expected[key], observed[key], path === '' ? key : `${path}.${key}`));
  }
  return [`${path === '' ? '(whole)' : path}: expected ${show(expected)}, observed ${show(observed)}`];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  return value === undefined ? '(absent)' : JSON.stringify(value);
}
