import { describeValue } from '../scenario/validateScenario.js';

/**
 * A bad argument as an error message shows it: the value (short JSON, or what it is when
 * JSON cannot show it) and its type, `-3 (number)`, `"5" (string)`, `[] (array)`; `null`,
 * `undefined` and functions as themselves.
 */
export function describeArgument(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'bigint') return `${value}n (bigint)`;
  if (typeof value === 'symbol') return `${String(value)} (symbol)`;
  if (Object.is(value, -0)) return '-0 (number)';
  const type = Array.isArray(value) ? 'array' : typeof value;
  let text: string;
  try {
    text = describeValue(value);
  } catch {
    // JSON cannot show it (a cycle, a bigint inside).
    text = Object.prototype.toString.call(value);
  }
  return `${text} (${type})`;
}

/**
 * The error an entry point throws for a bad argument, before doing any work: a `TypeError`
 * naming the function, the argument or option and the bad value with its type, like
 * `checkProperty: numRuns must be a positive integer, got -3 (number)`.
 *
 * @param fn - the entry point: `checkProperty`
 * @param name - the argument or option, with a path into it when useful: `shard.index`, `ties[2]`
 * @param expected - what it must be, as a phrase: `a positive integer`
 * @param value - the bad value
 */
export function argumentError(fn: string, name: string, expected: string, value: unknown): TypeError {
  return new TypeError(`${fn}: ${name} must be ${expected}, got ${describeArgument(value)}`);
}
