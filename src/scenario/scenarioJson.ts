import type { Scenario } from './Scenario.js';

let lastScenario: Scenario | undefined;
let lastText = '';

/**
 * `JSON.stringify(scenario)`, kept for the last scenario asked (by identity): a check writes
 * the same scenario for its worker's heartbeat and for the key of its remembered prediction,
 * one right after the other. The checker never changes a scenario it made (see
 * `whileVouched`), so the text stays the scenario's; the one scenario kept is let go at the
 * next one asked.
 */
export function scenarioJson(scenario: Scenario): string {
  if (scenario !== lastScenario) {
    lastText = JSON.stringify(scenario);
    lastScenario = scenario;
  }
  return lastText;
}
