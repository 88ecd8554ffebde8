import { argsOf, type Scenario } from '../scenario/Scenario.js';

/**
 * How often each top-level task should start: once for a subject that de-duplicates, and
 * once per argument slot for one that does not (R1 holds a subject to one start only when
 * it claims de-duplication).
 */
export function expectedStarts(scenario: Scenario, dedupe: boolean): number[] {
  const starts: number[] = scenario.tasks.map(() => (dedupe ? 1 : 0));
  if (!dedupe) for (const index of argsOf(scenario)) starts[index] = (starts[index] ?? 0) + 1;
  return starts;
}
