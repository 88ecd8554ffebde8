import { formatScenarioIssues, validateScenario } from '../scenario/validateScenario.js';
import { isVouched } from './whileVouched.js';

/**
 * Throws a `TypeError` of `fn` unless `scenario` is a valid scenario (see
 * `validateScenario`), listing every issue with its JSON path:
 * `predict: the scenario is invalid: tasks[0].sleep: expected a non-negative integer ...`.
 * A scenario a check in progress validated already (`whileVouched`) passes at once.
 */
export function checkScenarioArgument(fn: string, scenario: unknown): void {
  if (isVouched(scenario)) return;
  const validation = validateScenario(scenario);
  if (!validation.ok) throw new TypeError(`${fn}: the scenario is invalid: ${formatScenarioIssues(validation.issues)}`);
}
