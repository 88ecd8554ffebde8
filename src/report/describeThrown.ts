/** Reads a property that may be a throwing getter; undefined when it throws. */
function readSafely(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** Short JSON for a value, or undefined when JSON cannot show it (a cycle, a BigInt, a throwing toJSON). */
function jsonOf(value: unknown): string | undefined {
  try {
    const text = JSON.stringify(value) as string | undefined;
    return text === undefined ? undefined : text.length > 200 ? `${text.slice(0, 197)}...` : text;
  } catch {
    return undefined;
  }
}

/**
 * Any thrown value (or rejection reason) as text for a message, without ever throwing
 * itself: `TypeError: boom` for an error, `a thrown object {"code":1}` for other objects
 * (one with no prototype, or with getters that throw, included), `a thrown string "x"` and
 * so on for the rest.
 */
export function describeThrown(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    const name = readSafely(value, 'name');
    const message = readSafely(value, 'message');
    if (typeof name === 'string' && typeof message === 'string') return message === '' ? name : `${name}: ${message}`;
    if (typeof message === 'string') return `a thrown object with message ${JSON.stringify(message)}`;
    const json = jsonOf(value);
    return json === undefined ? 'a thrown object JSON cannot show' : `a thrown object ${json}`;
  }
  if (typeof value === 'string') return `a thrown string ${jsonOf(value) ?? ''}`;
  if (value === undefined || value === null) return `a thrown ${String(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return `a thrown ${typeof value} ${String(value)}`;
  return `a thrown ${typeof value}`;
}
