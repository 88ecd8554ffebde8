import { shellQuote } from '../report/shellQuote.js';
import type { Scenario } from '../scenario/Scenario.js';

/** How a subject broke its worker: while checking which property, what happened, and the scenario it was running. */
export interface SubjectBreak {
  readonly property: string;
  readonly what: string;
  readonly scenario?: Scenario;
}

/**
 * A subject's break as the report's `broken` text: what happened while checking which
 * property, the scenario it was running in full, and the commands that replay it
 * (`replay`: the option selecting the subject; `checkOptions`: the rest of check's options
 * that give the same scenarios, like ` --seed 7 --runs 20`). Pure.
 */
export function formatBreak(broke: SubjectBreak, replay: string, checkOptions: string): string {
  const lines = [`while checking ${broke.property}, it ${broke.what}`];
  if (broke.scenario !== undefined) lines.push(...formatBreakScenario(broke.scenario, replay));
  lines.push(
    `  replay the property: npx gather-sim check ${replay} --property ${broke.property}${checkOptions}`,
    '  the properties not shown for it were not checked: the subject broke',
  );
  return lines.join('\n');
}

/** The scenario a subject broke on, in full, and the command that runs it again on the subject (`replay`). Pure. */
export function formatBreakScenario(scenario: Scenario, replay: string): string[] {
  const text = JSON.stringify(scenario);
  return [`  scenario: ${text}`, `  replay the scenario: echo ${shellQuote(text)} | npx gather-sim run - ${replay}`];
}
