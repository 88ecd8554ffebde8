import type { Scenario } from './Scenario.js';
import { LONGEST_TIMER, scenarioTimes, sleepTimeCount, withScenarioTimes } from './scenarioTimes.js';

/**
 * The scenario with no sleep past 2^31-1 ms, its events in the same order and its ties the
 * same: each instant a long sleep ends at comes down to 2^31-1 ms or to just before the next
 * later instant, whichever is earlier; an instant at or below 2^31-1 ms moves only when the
 * long sleeps need the room. Cutting every long sleep to 2^31-1 would tie the ones that did
 * not tie (and spreading that tie apart would pass 2^31 again). The same scenario when no
 * sleep is that long.
 */
export function cutLongSleeps(scenario: Scenario): Scenario {
  const times = scenarioTimes(scenario);
  const sleeps = sleepTimeCount(scenario);
  const long = new Set(times.filter((time, index) => index < sleeps && time > LONGEST_TIMER));
  if (long.size === 0) return scenario;
  const moved = new Map<number, number>();
  let below = Infinity;
  for (const time of [...new Set(times)].sort((a, b) => b - a)) {
    below = Math.min(long.has(time) ? LONGEST_TIMER : time, below - 1);
    moved.set(time, below);
  }
  return withScenarioTimes(
    scenario,
    times.map((time) => moved.get(time) ?? time),
  );
}
