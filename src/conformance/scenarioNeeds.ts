import { isGatherTask, type GatherScenario, type Scenario } from '../scenario/Scenario.js';
import type { Capability } from './Capabilities.js';
import { restrictScenario } from './restrictScenario.js';

function returnsExceptions(gather: GatherScenario): boolean {
  return gather.returnExceptions === true || gather.tasks.some((task) => isGatherTask(task) && returnsExceptions(task.gather));
}

/**
 * The capabilities a scenario uses that a subject must claim to run it as written:
 * `returnExceptions` at any depth, and `cancellation` when `restrictScenario` would take
 * an outer cancellation out. A duplicate needs nothing: without `dedupe` it only starts
 * twice.
 */
export function scenarioNeeds(scenario: Scenario): Capability[] {
  const needs: Capability[] = [];
  if (returnsExceptions(scenario)) needs.push('returnExceptions');
  const uncancelled = restrictScenario(scenario, { returnExceptions: true });
  if (uncancelled.cancelGatherAt !== scenario.cancelGatherAt || (uncancelled.cancelTasks?.length ?? 0) !== (scenario.cancelTasks?.length ?? 0)) needs.push('cancellation');
  return needs;
}
