import { closestTo } from '../observation/closestTo.js';
import { diffJson } from '../observation/diffJson.js';

/** Expected against observed as differences by JSON path, under a heading that says against what. */
export interface Differences {
  /** `expected against observed, by JSON path`, or against the closest of several allowed. */
  readonly heading: string;
  /** `gather.at: expected 0, observed 1`, one a line, at most `max`, then how many more. */
  readonly lines: readonly string[];
}

function alternativesOf(expected: unknown): readonly unknown[] | undefined {
  if (typeof expected !== 'object' || expected === null || Array.isArray(expected)) return undefined;
  const keys = Object.keys(expected);
  const { oneOf } = expected as { readonly oneOf?: unknown };
  return keys.length === 1 && Array.isArray(oneOf) ? oneOf : undefined;
}

/**
 * A failure's expected against its observed as `gather-sim run` prints them: the JSON paths
 * where they differ, each with both sides (`diffJson`). When the spec allows several
 * (`{ oneOf: [...] }`, one per order of tied events), against the closest of them. Pure.
 */
export function formatDifferences(expected: unknown, observed: unknown, max = 12): Differences {
  const alternatives = alternativesOf(expected);
  const closest = alternatives === undefined ? expected : closestTo(observed, alternatives);
  const differences = diffJson(closest, observed);
  const heading =
    alternatives === undefined
      ? 'expected against observed, by JSON path'
      : `observed is none of the ${alternatives.length} outcomes allowed; against the closest, by JSON path`;
  const shown = differences.length > max ? differences.slice(0, max - 1) : differences;
  const more = differences.length - shown.length;
  return { heading, lines: more > 0 ? [...shown, `(and ${more} more)`] : shown };
}
