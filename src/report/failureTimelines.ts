import { traceFromObservation } from '../conformance/traceFromObservation.js';
import type { TraceEvent } from '../executor/TraceEvent.js';
import type { Observation } from '../observation/Observation.js';
import type { CheckFailure } from '../properties/GatherProperty.js';
import type { Scenario } from '../scenario/Scenario.js';
import { timelineInstants } from './formatTimeline.js';

/** A run as a timeline draws it. */
export interface TimelineRun {
  readonly observation: Observation;
  readonly trace: readonly TraceEvent[];
}

/** The two timelines of a failure, each absent when the failure lacks it, and the instants of both. */
export interface FailureTimelines {
  /** What asyncio.gather does (the oracle's observation closest to the subject's). */
  readonly expected?: TimelineRun;
  /** What the subject did. */
  readonly subject?: TimelineRun;
  /** Every instant either marks, so both share one axis (`TimelineOptions.alsoAt`). */
  readonly instants: readonly number[];
}

/** The expected and the subject's timeline of a failure, on one axis. Pure. */
export function failureTimelines(scenario: Scenario, failure: CheckFailure): FailureTimelines {
  const expected =
    failure.expectedObservation === undefined
      ? undefined
      : {
          observation: failure.expectedObservation,
          trace: traceFromObservation(scenario, failure.expectedObservation),
        };
  const subject =
    failure.run === undefined ? undefined : { observation: failure.run.observation, trace: failure.run.trace };
  const instants = [expected, subject].flatMap((run) =>
    run === undefined ? [] : timelineInstants(run.observation, run.trace),
  );
  return {
    ...(expected === undefined ? {} : { expected }),
    ...(subject === undefined ? {} : { subject }),
    instants: [...new Set(instants)].sort((a, b) => a - b),
  };
}
