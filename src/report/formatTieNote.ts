import type { PropertyReport } from '../properties/checkProperty.js';
import { tiedInstants } from '../scenario/tiedInstants.js';

const WORDS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

const events = (count: number): string => `${WORDS[count] ?? String(count)} events`;

/**
 * Whether a failure needs events due at one instant, as a sentence, once the second pass has
 * tried to spread them: "this failure needs two events at one instant (at 10 ms)". Undefined
 * when its counterexample has no tie, or when the check was given its scenario (nothing
 * was tried). Pure.
 */
export function formatTieNote(report: Extract<PropertyReport, { status: 'fail' }>): string | undefined {
  const tied = tiedInstants(report.scenario);
  const { simplified } = report;
  const [first] = tied;
  if (first === undefined || simplified === undefined) return undefined;
  const where =
    tied.length === 1
      ? `${events(first.count)} at one instant (at ${first.at} ms)`
      : `events at one instant: ${tied.map(({ at, count }) => `${WORDS[count] ?? String(count)} at ${at} ms`).join(', ')}`;
  return simplified.complete
    ? `this failure needs ${where}`
    : `this counterexample has ${where}; the simplification stopped at its budget of ${simplified.checks} checks, before it could tell whether the failure needs them`;
}
