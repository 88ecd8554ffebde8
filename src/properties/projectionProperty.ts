import type fc from 'fast-check';
import type { Capability } from '../conformance/Capabilities.js';
import { expectedStarts } from '../conformance/expectedStarts.js';
import type { SubjectRunner } from '../conformance/SubjectRunner.js';
import { canonicalJson } from '../observation/canonicalJson.js';
import { closestTo } from '../observation/closestTo.js';
import { jsonEqual } from '../observation/jsonEqual.js';
import type { Observation } from '../observation/Observation.js';
import { withSortedUnhandled, type Prediction } from '../oracle/predict.js';
import { predictInProperty } from './predictInProperty.js';
import type { Scenario } from '../scenario/Scenario.js';
import type { CheckOutcome, GatherProperty } from './GatherProperty.js';
import { whileVouched } from '../validation/whileVouched.js';

/** The part of a run a property looks at: the observation, and how often each task started. */
export type Projection = (observation: Observation, starts: readonly number[]) => unknown;

/**
 * A property that runs the subject, asks the oracle what the spec allows, and compares the
 * part of the observation its rule governs: it holds when some allowed observation (some
 * order of tied events) has the same part. A subject that misbehaves beyond what an
 * observation shows (throws synchronously, returns a non-promise...) fails every property.
 */
export function projectionProperty(spec: {
  readonly id: string;
  readonly rule: string;
  readonly statement: string;
  readonly needs?: readonly Capability[];
  readonly arbitrary: fc.Arbitrary<Scenario>;
  readonly project: Projection;
}): GatherProperty {
  async function checkOnce(scenario: Scenario, subject: SubjectRunner): Promise<CheckOutcome> {
    // The oracle predicts while the run is under way: a subject in another process answers meanwhile.
    const running = subject.run(scenario);
    let prediction: Prediction;
    try {
      prediction = predictInProperty(scenario);
    } catch (error) {
      await running.catch(() => undefined);
      throw error;
    }
    const run = await running;
    const observed = spec.project(withSortedUnhandled(run.observation), run.starts);
    if (run.problems.length > 0) {
      return {
        ok: false,
        reason: run.problems.join('; '),
        expected: 'a gather that returns a promise and settles through the virtual clock',
        observed,
        run,
      };
    }
    const starts = expectedStarts(scenario, subject.supports.dedupe === true);
    const { observations } = prediction;
    const parts = observations.map((observation) => spec.project(observation, starts));
    // Where the oracle gave up (too many orderings), what it did not find is not known to be wrong.
    if (!prediction.complete || parts.some((part) => jsonEqual(part, observed))) return { ok: true };
    const allowed = [...new Map(parts.map((part) => [canonicalJson(part), part] as const)).values()];
    const expected = allowed.length === 1 ? allowed[0] : { oneOf: allowed };
    const expectedObservation = closestTo(withSortedUnhandled(run.observation), observations);
    return {
      ok: false,
      reason: spec.statement,
      expected,
      observed,
      run,
      ...(expectedObservation === undefined ? {} : { expectedObservation }),
    };
  }
  return {
    id: spec.id,
    rule: spec.rule,
    statement: spec.statement,
    needs: spec.needs ?? [],
    arbitrary: spec.arbitrary,
    // Validated once for the run and the prediction both (see whileVouched).
    check: (scenario: Scenario, subject: SubjectRunner): Promise<CheckOutcome> =>
      whileVouched(scenario, () => checkOnce(scenario, subject)),
  };
}
