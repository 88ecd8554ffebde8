import type { ScenarioFile } from './readScenarioFile.js';
import type { ErrorSpec, GatherScenario, OnCancel, Task } from './Scenario.js';

const INDENT = '  ';

function errorText(error: ErrorSpec): string {
  return `${error.name} ${JSON.stringify(error.message)}`;
}

function onCancelText(onCancel: OnCancel | undefined): string {
  if (onCancel === undefined) return '';
  if (typeof onCancel === 'string') return ` on-cancel ${onCancel}`;
  return ` on-cancel cleanup ${onCancel.cleanup}${onCancel.error === undefined ? '' : ` error ${errorText(onCancel.error)}`}`;
}

function gatherLines(gather: GatherScenario, depth: number): string[] {
  const indent = INDENT.repeat(depth);
  const lines: string[] = [];
  if (gather.returnExceptions !== undefined)
    lines.push(`${indent}return-exceptions${gather.returnExceptions ? '' : ' false'}`);
  if (gather.args !== undefined) lines.push(`${indent}args${gather.args.map((index) => ` ${index}`).join('')}`);
  if (gather.tasks.length === 0) lines.push(`${indent}no tasks`);
  gather.tasks.forEach((task: Task, index) => {
    const head = `${indent}task ${index}:`;
    if ('gather' in task) {
      lines.push(`${head} gather`, ...gatherLines(task.gather, depth + 1));
      return;
    }
    const body =
      'hang' in task
        ? 'hang'
        : `sleep ${task.sleep} ${'error' in task ? `error ${errorText(task.error)}` : `value ${JSON.stringify(task.value)}`}`;
    lines.push(`${head} ${body}${onCancelText(task.onCancel)}`);
  });
  return lines;
}

/**
 * A scenario file in gather-sim's text form, one line per fact, a nested gather's lines
 * indented below its task (the grammar and an example: `SCENARIO_TEXT_GRAMMAR`, beside
 * `parseScenarioText`).
 *
 * Values, messages, names and descriptions are JSON; `expect` is one line of JSON. Pure;
 * `parseScenarioText` reads it back to the same data, and printing that gives the same text.
 */
export function formatScenarioText(file: ScenarioFile): string {
  const { scenario } = file;
  const lines: string[] = [];
  if (file.name !== undefined) lines.push(`name ${JSON.stringify(file.name)}`);
  if (file.description !== undefined) lines.push(`description ${JSON.stringify(file.description)}`);
  lines.push(...gatherLines(scenario, 0));
  if (scenario.cancelGatherAt !== undefined) lines.push(`cancel gather at ${scenario.cancelGatherAt}`);
  for (const { task, at } of scenario.cancelTasks ?? []) lines.push(`cancel task ${task} at ${at}`);
  if (file.expect !== undefined) lines.push(`expect ${JSON.stringify(file.expect)}`);
  return `${lines.join('\n')}\n`;
}
