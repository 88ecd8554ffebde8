import type { GatherProperty } from '../properties/GatherProperty.js';
import { removeTrigger } from '../scenario/removeTrigger.js';
import { TRIGGERS, type Trigger } from '../scenario/Trigger.js';
import { validateScenario } from '../scenario/validateScenario.js';
import type { FailedPropertyReport } from './Departure.js';
import type { SubjectRunner } from './SubjectRunner.js';

/**
 * The triggers of a failure, in the order of `TRIGGERS` (most specific first), leaving out
 * those in `without`: each one whose removal from the minimal counterexample
 * (`removeTrigger`) leaves a valid, different scenario on which the property passes, run
 * with the failure's order of tied events. The first names the failure's departure; none
 * when no single removal makes it pass (a departure on `any` scenario). Deterministic: the
 * same failure and subject give the same triggers.
 */
export async function triggersOf(
  failure: FailedPropertyReport,
  runner: SubjectRunner,
  without: readonly Trigger[] = [],
): Promise<readonly Trigger[]> {
  const { scenario, property } = failure;
  const picks = failure.ties?.picks;
  const pinned: SubjectRunner =
    picks === undefined ? runner : { ...runner, run: (one, options) => runner.run(one, { ...options, ties: picks }) };
  const written = JSON.stringify(scenario);
  const triggers: Trigger[] = [];
  for (const trigger of TRIGGERS) {
    if (without.includes(trigger)) continue;
    const reduced = removeTrigger(scenario, trigger);
    if (JSON.stringify(reduced) === written || !validateScenario(reduced).ok) continue;
    if ((await checkQuietly(property, reduced, pinned)) === 'pass') triggers.push(trigger);
  }
  return triggers;
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
