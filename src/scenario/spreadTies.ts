import type { Scenario } from './Scenario.js';
import { LONGEST_TIMER, scenarioTimes, sleepTimeCount, withScenarioTimes } from './scenarioTimes.js';

/**
 * The scenario with the events written in it (sleeps ending, at any depth, and outer
 * cancellations: every child starts at 0) moved onto distinct instants, keeping their order:
 * of the events due at one instant, the first in document order keeps its time and each
 * other one moves to the next free millisecond, unless that would take a sleep past 2^31-1
 * ms where it was not: then the events before it move earlier instead, so spreading never
 * adds the `beyond-2^31` feature. Ties a run makes (a cleanup ending with another event) may
 * remain. The same scenario when nothing written ties.
 */
export function spreadTies(scenario: Scenario): Scenario {
  const times = scenarioTimes(scenario);
  const sleeps = sleepTimeCount(scenario);
  const order = times.map((_, index) => index).sort((a, b) => (times[a] ?? 0) - (times[b] ?? 0) || a - b);
  const spread = [...times];
  let previous = -1;
  for (const index of order) {
    const time = Math.max(times[index] ?? 0, previous + 1);
    spread[index] = time;
    previous = time;
  }
  let next = Infinity;
  for (const index of order.reverse()) {
    const bound = index < sleeps ? Math.max(LONGEST_TIMER, times[index] ?? 0) : Infinity;
    next = Math.min(spread[index] ?? 0, bound, next - 1);
    spread[index] = next;
  }
  return withScenarioTimes(scenario, spread);
}
