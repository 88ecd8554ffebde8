import type { GatherProperty } from '../properties/GatherProperty.js';
import { removeTrigger } from '../scenario/removeTrigger.js';
import { TRIGGERS, type Trigger } from '../scenario/Trigger.js';
import { validateScenario } from '../scenario/validateScenario.js';
import type { DepartureTrigger, FailedPropertyReport } from './Departure.js';
import type { SubjectRunner } from './SubjectRunner.js';

/**
 * The trigger of a failure: the first of `TRIGGERS` (most specific first), leaving out those
 * in `without`, whose removal from the minimal counterexample (`removeTrigger`) leaves a
 * valid, different scenario on which the property passes, run with the failure's order of
 * tied events; `any` when no such removal does. Deterministic: the same failure and subject
 * name the same trigger.
 */
export async function nameTrigger(
  failure: FailedPropertyReport,
  runner: SubjectRunner,
  without: readonly Trigger[] = [],
): Promise<DepartureTrigger> {
  const { scenario, property } = failure;
  const picks = failure.ties?.picks;
  const pinned: SubjectRunner =
    picks === undefined ? runner : { ...runner, run: (one, options) => runner.run(one, { ...options, ties: picks }) };
  const written = JSON.stringify(scenario);
  for (const trigger of TRIGGERS) {
    if (without.includes(trigger)) continue;
    const reduced = removeTrigger(scenario, trigger);
    if (JSON.stringify(reduced) === written || !validateScenario(reduced).ok) continue;
    if ((await checkQuietly(property, reduced, pinned)) === 'pass') return trigger;
  }
  return 'any';
}

/** The property's verdict on one scenario; a check that throws counts as a failure. */
async function checkQuietly(
  property: GatherProperty,
  scenario: FailedPropertyReport['scenario'],
  runner: SubjectRunner,
): Promise<'pass' | 'fail'> {
  try {
    return (await property.check(scenario, runner)).ok ? 'pass' : 'fail';
  } catch {
    return 'fail';
  }
}
