import type { TraceEvent } from '../executor/TraceEvent.js';
import type { Observation, ResultJson } from '../observation/Observation.js';
import { outerEvents } from '../scenario/outerEvents.js';
import { argsOf, type Scenario } from '../scenario/Scenario.js';

/**
 * The trace an observation implies, for a subject whose run is seen only through its
 * OBSERVATION (an external process): starts, the outer cancellations, cancel requests,
 * settles (with the task's result when the gather's result list shows it) and the gather's
 * settle, in time order.
 */
export function traceFromObservation(scenario: Scenario, observation: Observation): TraceEvent[] {
  const events: TraceEvent[] = outerEvents(scenario);
  const slots = 'value' in observation.gather ? observation.gather.value : undefined;
  const args = argsOf(scenario);
  observation.tasks.forEach((task, index) => {
    if (task.started !== null) events.push({ at: task.started, kind: 'start', task: index });
    if (task.cancelRequested !== null) events.push({ at: task.cancelRequested, kind: 'cancel-request', task: index });
    const result: ResultJson | undefined = slots?.[args.indexOf(index)];
    if (task.settled !== null && result !== undefined)
      events.push({ at: task.settled, kind: 'settle', task: index, outcome: task.outcome, result });
  });
  if (!('pending' in observation.gather))
    events.push({ at: observation.gather.at, kind: 'gather-settle', outcome: observation.gather });
  return events.sort((a, b) => a.at - b.at);
}
