import type { Scenario } from './Scenario.js';
import { scenarioTimes } from './scenarioTimes.js';

/** An instant at which two or more of a scenario's written events fall due. */
export interface TiedInstant {
  readonly at: number;
  /** The events due then: sleeps ending at any depth and outer cancellations. */
  readonly count: number;
}

/** The instants where a scenario's written events tie (see `scenarioTimes`), earliest first; none when tie-free. */
export function tiedInstants(scenario: Scenario): TiedInstant[] {
  const counts = new Map<number, number>();
  for (const at of scenarioTimes(scenario)) counts.set(at, (counts.get(at) ?? 0) + 1);
  return [...counts]
    .filter(([, count]) => count > 1)
    .map(([at, count]) => ({ at, count }))
    .sort((a, b) => a.at - b.at);
}
