import type { Scenario } from '../scenario/Scenario.js';
import { readScenarioFile } from '../scenario/readScenarioFile.js';
import { formatScenarioIssues } from '../scenario/validateScenario.js';
import type { CliIo } from './CliIo.js';
import { readInputText } from './readInputText.js';

/** What `--scenario` and `--tie-order` of `check` ask for: one scenario checked as it is. */
export interface ScenarioReplay {
  readonly scenario: Scenario;
  readonly tieOrder?: readonly number[];
}

/**
 * `check`'s `--scenario JSON|FILE` (a failure's counterexample: JSON given inline when it
 * starts with `{`, else a scenario file, `-` for standard input) and `--tie-order PICKS`
 * (the failing order of its tied events). Undefined when neither is given; null after
 * saying what is wrong and where.
 */
export async function scenarioOption(
  values: {
    readonly scenario?: string;
    readonly 'tie-order'?: string;
    readonly path?: string;
    readonly shard?: string;
  },
  io: CliIo,
): Promise<ScenarioReplay | undefined | null> {
  const given = values.scenario;
  const order = values['tie-order'];
  const fail = (message: string): null => {
    io.stderr.write(`gather-sim check: ${message}\n`);
    return null;
  };
  if (given === undefined)
    return order === undefined
      ? undefined
      : fail('--tie-order orders the tied events of --scenario: give it with --scenario');
  if (values.path !== undefined || values.shard !== undefined)
    return fail('--scenario is checked as it is: give it without --path and --shard');
  const inline = given.trimStart().startsWith('{');
  const input = inline ? { text: given } : await readInputText(given, io.stdin);
  const where = inline ? '--scenario' : `--scenario ${given}`;
  if ('problem' in input) return fail(`${where}: ${input.problem}`);
  const reading = readScenarioFile(input.text);
  if (!reading.ok) return fail(`${where}: ${formatScenarioIssues(reading.issues)}`);
  if (order === undefined) return { scenario: reading.file.scenario };
  const picks = order.split(',').map((item) => Number(item.trim()));
  if (order.trim() === '' || !picks.every((pick) => Number.isSafeInteger(pick) && pick >= 0))
    return fail(`--tie-order: expected the picks a failure printed, like 2,0,1, got "${order}"`);
  return { scenario: reading.file.scenario, tieOrder: picks };
}
