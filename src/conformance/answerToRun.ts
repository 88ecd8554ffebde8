import type { Run } from '../executor/Run.js';
import type { Observation } from '../observation/Observation.js';
import { validateObservation } from '../observation/validateObservation.js';
import type { Scenario } from '../scenario/Scenario.js';
import { describeValue, formatScenarioIssues, isRecord } from '../scenario/validateScenario.js';
import { expectedStarts } from './expectedStarts.js';
import { traceFromObservation } from './traceFromObservation.js';

/** The run of a scenario the subject did not answer with an observation: nothing seen, one problem. */
export function failedRun(scenario: Scenario, problem: string): Run {
  const observation: Observation = {
    gather: { pending: true },
    tasks: scenario.tasks.map(() => ({ started: null, settled: null, outcome: 'pending', cancelRequested: null })),
    unhandled: [],
  };
  return { observation, trace: [], starts: scenario.tasks.map(() => 0), problems: [problem], ties: [], leaks: [] };
}

/**
 * What an external subject's answer line to request `id` for `scenario` says: the run it
 * observed (its start counts: once per slot a started task may take, once for a subject
 * that claims `dedupe`); a run with a problem for an error answer or an invalid
 * observation; or `broken`, why the line breaks the protocol (not JSON, not an answer,
 * another id). Pure: the driver's process is someone else's business.
 */
export function answerToRun(
  line: string,
  id: number,
  scenario: Scenario,
  dedupe: boolean,
): Run | { readonly broken: string } {
  let message: unknown;
  try {
    message = JSON.parse(line);
  } catch {
    return { broken: `printed a line that is not protocol: ${JSON.stringify(line.slice(0, 200))}` };
  }
  if (!isRecord(message) || !('id' in message) || (!('observation' in message) && !('error' in message)))
    return { broken: `printed a line that is not an answer: ${line.slice(0, 200)}` };
  if (message['id'] !== id)
    return { broken: `answered out of order: expected id ${id}, got ${describeValue(message['id'])}` };
  if ('error' in message)
    return failedRun(
      scenario,
      `the subject could not run the scenario: ${typeof message['error'] === 'string' ? message['error'] : `(an error answer that is not a string) ${describeValue(message['error'])}`}`,
    );
  const validation = validateObservation(message['observation']);
  if (!validation.ok)
    return failedRun(
      scenario,
      `answered an invalid OBSERVATION: ${formatScenarioIssues(validation.issues).replace(/\n/g, '; ')}`,
    );
  const { observation } = validation;
  if (observation.tasks.length !== scenario.tasks.length) {
    return failedRun(
      scenario,
      `answered an OBSERVATION of ${observation.tasks.length} tasks for a scenario of ${scenario.tasks.length}`,
    );
  }
  const slots = expectedStarts(scenario, dedupe);
  return {
    observation,
    trace: traceFromObservation(scenario, observation),
    starts: observation.tasks.map((task, index) => (task.started === null ? 0 : (slots[index] ?? 0))),
    problems: [],
    ties: [],
    // Across the process boundary only unhandled errors show, each from the task that created it, if one did.
    leaks: observation.unhandled.map((error) => ({
      kind: 'unhandled',
      owner: error.task === undefined ? { by: 'gather' } : { by: 'task', task: error.task },
      error,
    })),
  };
}
