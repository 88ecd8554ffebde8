import fc from 'fast-check';
import type { GatherFunction } from '../src/gather/GatherFunction.js';
import type { Scenario } from '../src/scenario/Scenario.js';
import type { CheckFailure, GatherProperty } from './GatherProperty.js';

/** How to run a property. */
export interface CheckPropertyOptions {
  /** Scenarios to try (default 100). */
  readonly numRuns?: number;
  /** The fast-check seed; a failure prints the one that replays it. */
  readonly seed?: number;
  /** With `seed`, replays one failure straight away (fast-check's `path`). */
  readonly path?: string;
}

/** The verdict of a property on a subject, as plain data. */
export type PropertyReport =
  | { readonly status: 'pass'; readonly property: GatherProperty; readonly numRuns: number; readonly seed: number }
  | {
      readonly status: 'fail';
      readonly property: GatherProperty;
      readonly numRuns: number;
      readonly seed: number;
      /** With `seed`, replays the shrunk failure at once. */
      readonly path: string;
      /** The shrunk counterexample. */
      readonly scenario: Scenario;
      readonly failure: CheckFailure;
    };

/**
 * Runs a property against a subject with fast-check: tries scenarios, and on a failure
 * shrinks it to a small counterexample that `{ seed, path }` replays. Never throws for a
 * failing subject: the verdict is data (see `formatPropertyReport`, `assertProperty`).
 */
export async function checkProperty(property: GatherProperty, subject: GatherFunction, options: CheckPropertyOptions = {}): Promise<PropertyReport> {
  const seed = options.seed ?? 0;
  // fast-check reports the last failing value it found while shrinking: keep its details.
  let lastFailure: CheckFailure | undefined;
  const details = await fc.check(
    fc.asyncProperty(property.arbitrary, async (scenario) => {
      try {
        const outcome = await property.check(scenario, subject);
        if (!outcome.ok) lastFailure = outcome;
        return outcome.ok;
      } catch (error) {
        lastFailure = { reason: `the check itself threw: ${String(error)}`, expected: 'a verdict', observed: String(error) };
        return false;
      }
    }),
    { seed, numRuns: options.numRuns ?? 100, ...(options.path === undefined ? {} : { path: options.path, endOnFailure: true }) },
  );
  if (!details.failed || details.counterexample === null || lastFailure === undefined) {
    return { status: 'pass', property, numRuns: details.numRuns, seed };
  }
  const [scenario] = details.counterexample;
  return { status: 'fail', property, numRuns: details.numRuns, seed, path: details.counterexamplePath ?? '', scenario, failure: lastFailure };
}
