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
  if (broke.scenario !== undefined) {
    const scenario = JSON.stringify(broke.scenario);
    lines.push(
      `  scenario: ${scenario}`,
      `  replay the scenario: echo ${shellQuote(scenario)} | npx gather-sim run - ${replay}`,
    );
  }
  lines.push(
    `  replay the property: npx gather-sim check ${replay} --property ${broke.property}${checkOptions}`,
    '  the properties not shown for it were not checked: the subject broke',
  );
  return lines.join('\n');
}
