import type fc from 'fast-check';
import type { Run } from '../executor/Run.js';
import type { Capability } from '../conformance/Capabilities.js';
import type { Observation } from '../observation/Observation.js';
import type { SubjectRunner } from '../conformance/SubjectRunner.js';
import type { Scenario } from '../scenario/Scenario.js';

/** Why one scenario failed a property: what the spec allows against what the subject did. */
export interface CheckFailure {
  readonly reason: string;
  readonly expected: unknown;
  readonly observed: unknown;
  /** The subject's run, for its timeline (absent when the check itself threw). */
  readonly run?: Run;
  /**
   * The whole observation the spec allows that is closest to the subject's (the fewest
   * differences), for the expected timeline drawn beside the subject's.
   */
  readonly expectedObservation?: Observation;
}

/** The verdict of a property on one scenario. */
export type CheckOutcome = { readonly ok: true } | ({ readonly ok: false } & CheckFailure);

/**
 * A named, reusable property of gather: scenarios to try (a fast-check arbitrary) and a
 * check of one scenario's run on any subject that has the capabilities it needs.
 */
export interface GatherProperty {
  /** Short id: `fail-fast`. */
  readonly id: string;
  /** The rule of docs/semantics.md#rules it guards: `R4`, or a name for the extra ones. */
  readonly rule: string;
  /** What must hold, as a sentence. */
  readonly statement: string;
  /** Capabilities a subject must claim for the property to apply; otherwise it is "n/a". */
  readonly needs: readonly Capability[];
  readonly arbitrary: fc.Arbitrary<Scenario>;
  /** Runs the scenario on the subject and judges the run. */
  check(scenario: Scenario, subject: SubjectRunner): Promise<CheckOutcome>;
}
