import { isGatherTask, type GatherScenario, type Scenario, type Task } from '../scenario/Scenario.js';
import type { Capabilities } from './Capabilities.js';

function failFastTask(task: Task): Task {
  return isGatherTask(task) ? { gather: failFast(task.gather) } : task;
}

function failFast<T extends GatherScenario>(gather: T): Omit<T, 'returnExceptions'> {
  const { returnExceptions, ...rest } = gather;
  return { ...rest, tasks: gather.tasks.map(failFastTask) };
}

/**
 * A scenario narrowed to what a subject supports, at every depth of nesting: without
 * `returnExceptions`, every gather fails fast; without `cancellation`, the gather is never
 * cancelled and neither is a nested-gather task (that would cancel the inner gather), while
 * leaf tasks may still be cancelled from outside (R9 needs nothing of the gather).
 */
export function restrictScenario(scenario: Scenario, supports: Capabilities): Scenario {
  let restricted: Scenario = supports.returnExceptions === true ? scenario : failFast(scenario);
  if (supports.cancellation !== true) {
    const { cancelGatherAt, cancelTasks, ...rest } = restricted;
    const leafOnly = (cancelTasks ?? []).filter(({ task }) => {
      const target = rest.tasks[task];
      return target !== undefined && !isGatherTask(target);
    });
    restricted = leafOnly.length === 0 ? rest : { ...rest, cancelTasks: leafOnly };
  }
  return restricted;
}
