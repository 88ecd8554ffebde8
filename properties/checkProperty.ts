import fc from 'fast-check';
import { missingCapabilities, type Capability } from '../src/conformance/Capabilities.js';
import { restrictScenario } from '../src/conformance/restrictScenario.js';
import { toSubjectRunner, type SubjectLike } from '../src/conformance/SubjectRunner.js';
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
    }
  | {
      /** The subject lacks a capability the property needs: not a failure. */
      readonly status: 'n/a';
      readonly property: GatherProperty;
      readonly missing: readonly Capability[];
    };

/**
 * Runs a property against a subject with fast-check: tries scenarios (narrowed to the
 * capabilities the subject claims, at every depth), and on a failure shrinks it to a small
 * counterexample that `{ seed, path }` replays. A property that needs a capability the
 * subject does not claim is "n/a". Never throws for a failing subject: the verdict is data
 * (see `formatPropertyReport`, `assertProperty`). A bare gather function claims every
 * capability.
 */
export async function checkProperty(property: GatherProperty, subject: SubjectLike, options: CheckPropertyOptions = {}): Promise<PropertyReport> {
  const runner = toSubjectRunner(subject);
  const missing = missingCapabilities(property.needs, runner.supports);
  if (missing.length > 0) return { status: 'n/a', property, missing };
  const seed = options.seed ?? 0;
  // fast-check reports the last failing value it found while shrinking: keep its details.
  let lastFailure: CheckFailure | undefined;
  const scenarios = property.arbitrary.map((scenario) => restrictScenario(scenario, runner.supports));
  const details = await fc.check(
    fc.asyncProperty(scenarios, async (scenario) => {
      try {
        const outcome = await property.check(scenario, runner);
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
