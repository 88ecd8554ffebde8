import { traceFromObservation } from '../conformance/traceFromObservation.js';
import type { TraceEvent } from '../executor/TraceEvent.js';
import type { Observation, ResultJson } from '../observation/Observation.js';
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

/**
 * The trace an expected observation implies, with the value or error of each task that ran
 * its script to the end uncancelled (which the observation alone shows only in a result
 * list), so that its lane's note reads like the subject's.
 */
function withScriptedResults(scenario: Scenario, observation: Observation): TraceEvent[] {
  const trace = traceFromObservation(scenario, observation);
  observation.tasks.forEach((task, index) => {
    const script = scenario.tasks[index];
    if (task.settled === null || task.cancelRequested !== null || script === undefined) return;
    if (trace.some((event) => event.kind === 'settle' && event.task === index)) return;
    const result: ResultJson | undefined =
      task.outcome === 'value' && 'value' in script
        ? { value: script.value }
        : task.outcome === 'error' && 'error' in script
          ? { error: { ...script.error, task: index } }
          : undefined;
    if (result !== undefined)
      trace.push({ at: task.settled, kind: 'settle', task: index, outcome: task.outcome, result });
  });
  return trace.sort((a, b) => a.at - b.at);
}

/** The expected and the subject's timeline of a failure, on one axis. Pure. */
export function failureTimelines(scenario: Scenario, failure: CheckFailure): FailureTimelines {
  const expected =
    failure.expectedObservation === undefined
      ? undefined
      : {
          observation: failure.expectedObservation,
          trace: withScriptedResults(scenario, failure.expectedObservation),
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
