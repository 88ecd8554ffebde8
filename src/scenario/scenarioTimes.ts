import { isGatherTask, type GatherScenario, type Scenario, type Task } from './Scenario.js';

function leafSleeps(gather: GatherScenario, into: number[]): void {
  for (const task of gather.tasks) {
    if (isGatherTask(task)) leafSleeps(task.gather, into);
    else if ('sleep' in task) into.push(task.sleep);
  }
}

/**
 * The instants a scenario writes, in a fixed order: every leaf task's `sleep` (depth first,
 * in task order, nested gathers included), then `cancelGatherAt`, then each `cancelTasks`
 * entry's `at`. The events `tieOrderCount` counts; {@link withScenarioTimes} writes them back.
 */
export function scenarioTimes(scenario: Scenario): number[] {
  const times: number[] = [];
  leafSleeps(scenario, times);
  if (scenario.cancelGatherAt !== undefined) times.push(scenario.cancelGatherAt);
  for (const { at } of scenario.cancelTasks ?? []) times.push(at);
  return times;
}

/** How many of {@link scenarioTimes} are sleeps (they come first; the outer cancellations follow). */
export function sleepTimeCount(scenario: Scenario): number {
  const sleeps: number[] = [];
  leafSleeps(scenario, sleeps);
  return sleeps.length;
}

/** The longest delay a timer takes (2^31-1 ms): a sleep past it is the `beyond-2^31` feature. */
export const LONGEST_TIMER = 2 ** 31 - 1;

/** Writes `times` (in the order of {@link scenarioTimes}) back into the scenario. Pure. */
export function withScenarioTimes(scenario: Scenario, times: readonly number[]): Scenario {
  let next = 0;
  const take = (): number => times[next++] ?? 0;
  const gather = <G extends GatherScenario>(of: G): G => ({ ...of, tasks: of.tasks.map(task) });
  const task = (of: Task): Task => {
    if (isGatherTask(of)) return { gather: gather(of.gather) };
    return 'sleep' in of ? { ...of, sleep: take() } : of;
  };
  const written = gather(scenario);
  const cancelGatherAt = scenario.cancelGatherAt === undefined ? {} : { cancelGatherAt: take() };
  const cancelTasks =
    scenario.cancelTasks === undefined
      ? {}
      : { cancelTasks: scenario.cancelTasks.map((entry) => ({ ...entry, at: take() })) };
  return { ...written, ...cancelGatherAt, ...cancelTasks };
}
