import { jsonEqual } from '../observation/jsonEqual.js';
import type { Scenario } from '../scenario/Scenario.js';
import { CAPABILITIES, type Capability } from './Capabilities.js';
import { restrictScenario } from './restrictScenario.js';

/**
 * The scenario as JSON without the keys `restrictScenario` drops even when they hold the
 * protocol's default (`returnExceptions: false` at any depth, `cancelTasks: []`), which
 * changes nothing a gather does.
 */
function withoutDefaults(scenario: Scenario): unknown {
  const isDefault = (key: string, value: unknown): boolean =>
    (key === 'returnExceptions' && value === false) ||
    (key === 'cancelTasks' && Array.isArray(value) && value.length === 0);
  return JSON.parse(
    JSON.stringify(scenario, (key: string, value: unknown) => (isDefault(key, value) ? undefined : value)),
  );
}

/**
 * The capabilities a scenario uses that a subject must claim to run it as written: a
 * capability is needed exactly when `restrictScenario` to every capability but it changes
 * the scenario (beyond a key at its default value). So `returnExceptions` at any depth,
 * and `cancellation` for an outer cancellation of the gather or of a nested-gather task.
 * A duplicate needs nothing: without `dedupe` it only starts twice.
 */
export function scenarioNeeds(scenario: Scenario): Capability[] {
  const written = withoutDefaults(scenario);
  return CAPABILITIES.filter((capability) => {
    const allBut = Object.fromEntries(CAPABILITIES.map((other) => [other, other !== capability]));
    return !jsonEqual(withoutDefaults(restrictScenario(scenario, allBut)), written);
  });
}
