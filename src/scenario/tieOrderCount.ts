import { outerEvents } from './outerEvents.js';
import { isGatherTask, type GatherScenario, type Scenario } from './Scenario.js';

function factorial(n: number): number {
  let product = 1;
  for (let k = 2; k <= n; k += 1) product *= k;
  return product;
}

function sleepTimes(gather: GatherScenario, into: number[]): void {
  for (const task of gather.tasks) {
    if (isGatherTask(task)) sleepTimes(task.gather, into);
    else if ('sleep' in task) into.push(task.sleep);
  }
}

/**
 * How many orders the events written in a scenario allow: the product, over instants,
 * of n! for the n events due then (sleeps ending at any depth, and the `outerEvents`).
 * Cleanups that end at the same instant as another event add orders a run finds; a
 * scenario with nothing tied has 1.
 */
export function tieOrderCount(scenario: Scenario): number {
  const times: number[] = [];
  sleepTimes(scenario, times);
  for (const { at } of outerEvents(scenario)) times.push(at);
  const counts = new Map<number, number>();
  for (const at of times) counts.set(at, (counts.get(at) ?? 0) + 1);
  let orders = 1;
  for (const count of counts.values()) orders *= factorial(count);
  return orders;
}
