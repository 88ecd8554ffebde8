import { isGatherTask, type GatherScenario, type Scenario } from '../scenario/Scenario.js';
import type { Capability } from './Capabilities.js';

function returnsExceptions(gather: GatherScenario): boolean {
  return gather.returnExceptions === true || gather.tasks.some((task) => isGatherTask(task) && returnsExceptions(task.gather));
}

/**
 * The capabilities a scenario uses that a subject must claim to run it as written:
 * `returnExceptions` at any depth, `cancellation` for a cancelled gather or nested-gather
 * task (what `restrictScenario` takes out). A duplicate needs nothing: without `dedupe` it
 * only starts twice.
 */
export function scenarioNeeds(scenario: Scenario): Capability[] {
  const needs: Capability[] = [];
  if (returnsExceptions(scenario)) needs.push('returnExceptions');
  const cancelsGather = scenario.cancelGatherAt !== undefined || (scenario.cancelTasks ?? []).some(({ task }) => {
    const target = scenario.tasks[task];
    return target !== undefined && isGatherTask(target);
  });
  if (cancelsGather) needs.push('cancellation');
  return needs;
}
