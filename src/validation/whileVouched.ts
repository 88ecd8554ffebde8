import type { Scenario } from '../scenario/Scenario.js';
import { validateScenario } from '../scenario/validateScenario.js';

/** Scenarios validated once for a check in progress, with how many checks in progress hold each. */
const vouched = new WeakMap<object, number>();

/** Whether `scenario` is validated for a check in progress (see {@link whileVouched}): no need to validate it again. */
export function isVouched(scenario: unknown): boolean {
  return typeof scenario === 'object' && scenario !== null && vouched.has(scenario);
}

/**
 * Validates `scenario` once and runs `check`, during which `runScenario` and `predict` take
 * it as valid instead of validating it at each run and prediction (a tenth of the JavaScript thread's
 * profile samples). The checker made the object and changes no scenario, and a subject never sees it
 * (only children built from it): nothing makes it invalid behind the mark, which ends with
 * `check`. An invalid scenario is not vouched for: they reject it as ever. One vouched for
 * already (a property's check inside `checkProperty`'s) is not validated again.
 */
export async function whileVouched<T>(scenario: Scenario, check: () => Promise<T>): Promise<T> {
  if (!isVouched(scenario) && !validateScenario(scenario).ok) return check();
  vouched.set(scenario, (vouched.get(scenario) ?? 0) + 1);
  try {
    return await check();
  } finally {
    const holders = (vouched.get(scenario) ?? 1) - 1;
    if (holders === 0) vouched.delete(scenario);
    else vouched.set(scenario, holders);
  }
}
