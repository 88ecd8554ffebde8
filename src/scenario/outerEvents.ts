import type { Scenario } from './Scenario.js';

/**
 * One event a scenario schedules from outside the gather, at virtual time `at`: the gather's
 * cancellation (`cancelGatherAt`, rules R8 and R10) or a top-level task's (`cancelTasks`,
 * rule R9). Its shape is that of the run's trace event of the same kind.
 */
export type OuterEvent =
  | { readonly at: number; readonly kind: 'cancel-gather' }
  | { readonly at: number; readonly kind: 'cancel-task'; readonly task: number };

/**
 * The outer events a scenario schedules, as data, in the order they are scheduled (so the
 * first-in-first-out order of those due at the same instant): the gather's cancellation
 * first, then each `cancelTasks` entry in its order. The in-process run schedules them from
 * here, an external subject's trace shows them, and `tieOrderCount` counts them.
 */
export function outerEvents(scenario: Scenario): OuterEvent[] {
  const events: OuterEvent[] = [];
  if (scenario.cancelGatherAt !== undefined) events.push({ at: scenario.cancelGatherAt, kind: 'cancel-gather' });
  for (const { task, at } of scenario.cancelTasks ?? []) events.push({ at, kind: 'cancel-task', task });
  return events;
}
