import { isGatherTask, isHangTask, type GatherScenario, type Scenario } from '../scenario/Scenario.js';

/**
 * How many timers the scenario's own scripts and outer events may set at most: a sleep and
 * a cleanup per task, at every level of nesting, and one per outer cancellation. A run's
 * runaway cap counts the timers a subject sets beyond these, so a valid scenario of any
 * size is never taken for a runaway.
 */
export function scenarioTimerCount(scenario: Scenario): number {
  return (scenario.cancelGatherAt === undefined ? 0 : 1) + (scenario.cancelTasks?.length ?? 0) + gatherTimers(scenario);
}

function gatherTimers(gather: GatherScenario): number {
  let count = 0;
  // A loop over a work list, not recursion: nesting depth is the input's to choose.
  const pending: GatherScenario[] = [gather];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const task of next.tasks) {
      if (isGatherTask(task)) {
        pending.push(task.gather);
        continue;
      }
      if (!isHangTask(task)) count += 1;
      if (typeof task.onCancel === 'object') count += 1;
    }
  }
  return count;
}
