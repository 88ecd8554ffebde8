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
  /**
   * Check only slice `index` (1-based) of `count`: the scenarios whose position in the
   * seed's sequence is `index - 1` modulo `count`. The slices of one seed are disjoint and
   * together are exactly the scenarios of the unsliced run, so a long campaign splits across
   * machines; every failure replays from `{ seed, path }` without the slice.
   */
  readonly shard?: Shard;
}

/** One of `count` disjoint slices of a run (1-based `index`). */
export interface Shard {
  readonly index: number;
  readonly count: number;
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
  const { shard } = options;
  // The predicate sees the generated scenarios in order, then, after a failure, only shrunk
  // ones: a slice skips the others' generated scenarios and checks every shrunk one.
  let position = 0;
  let checked = 0;
  const details = await fc.check(
    fc.asyncProperty(scenarios, async (scenario) => {
      if (shard !== undefined && lastFailure === undefined) {
        const mine = position % shard.count === shard.index - 1;
        position += 1;
        if (!mine) return true;
      }
      checked += 1;
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
  const numRuns = shard === undefined ? details.numRuns : checked;
  if (!details.failed || details.counterexample === null || lastFailure === undefined) {
    return { status: 'pass', property, numRuns, seed };
  }
  const [scenario] = details.counterexample;
  return { status: 'fail', property, numRuns: shard === undefined ? details.numRuns : position, seed, path: details.counterexamplePath ?? '', scenario, failure: lastFailure };
}
