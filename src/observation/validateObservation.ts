import { describeValue, isRecord, type ScenarioIssue } from '../scenario/validateScenario.js';
import { MAX_TIME } from '../scenario/Scenario.js';
import { checkJsonShape } from '../scenario/inputLimits.js';
import type { Observation } from './Observation.js';

/** The result of validating untrusted input as an OBSERVATION. */
export type ObservationValidation =
  | { readonly ok: true; readonly observation: Observation }
  | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

type Issues = ScenarioIssue[];

function exactKeys(
  value: Record<string, unknown>,
  keys: readonly string[],
  optional: readonly string[],
  path: string,
  issues: Issues,
): boolean {
  const missing = keys.filter((key) => !(key in value));
  const extra = Object.keys(value).filter((key) => !keys.includes(key) && !optional.includes(key));
  for (const key of missing) issues.push({ path, message: `missing key "${key}"` });
  for (const key of extra)
    issues.push({ path: `${path}.${key}`, message: `unknown key; allowed keys: ${[...keys, ...optional].join(', ')}` });
  return missing.length === 0 && extra.length === 0;
}

function time(value: unknown, path: string, issues: Issues, nullable: boolean): void {
  if (nullable && value === null) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_TIME) {
    issues.push({
      path,
      message: `expected ${nullable ? 'null or ' : ''}an integer time from 0 to 10^12, got ${describeValue(value)}`,
    });
  }
}

function error(value: unknown, path: string, issues: Issues): void {
  if (!isRecord(value)) {
    issues.push({ path, message: `expected {"name", "message", "task"?}, got ${describeValue(value)}` });
    return;
  }
  if (!exactKeys(value, ['name', 'message'], ['task'], path, issues)) return;
  if (typeof value['name'] !== 'string')
    issues.push({ path: `${path}.name`, message: `expected a string, got ${describeValue(value['name'])}` });
  if (typeof value['message'] !== 'string')
    issues.push({ path: `${path}.message`, message: `expected a string, got ${describeValue(value['message'])}` });
  if ('task' in value && !(Number.isInteger(value['task']) && (value['task'] as number) >= 0)) {
    issues.push({ path: `${path}.task`, message: `expected a task index, got ${describeValue(value['task'])}` });
  }
}

function result(value: unknown, path: string, issues: Issues): void {
  if (isRecord(value) && Object.keys(value).length === 1 && 'value' in value) return;
  if (isRecord(value) && Object.keys(value).length === 1 && 'error' in value) {
    error(value['error'], `${path}.error`, issues);
    return;
  }
  issues.push({ path, message: `expected {"value": ...} or {"error": {...}}, got ${describeValue(value)}` });
}

function gather(value: unknown, issues: Issues): void {
  const path = 'gather';
  if (isRecord(value) && 'pending' in value) {
    if (exactKeys(value, ['pending'], [], path, issues) && value['pending'] !== true)
      issues.push({ path: 'gather.pending', message: `expected true, got ${describeValue(value['pending'])}` });
    return;
  }
  if (!isRecord(value) || !('at' in value) || 'value' in value === 'error' in value) {
    issues.push({
      path,
      message: `expected {"at", "value"}, {"at", "error"} or {"pending": true}, got ${describeValue(value)}`,
    });
    return;
  }
  exactKeys(value, ['at', 'value' in value ? 'value' : 'error'], [], path, issues);
  time(value['at'], 'gather.at', issues, false);
  if ('error' in value) {
    error(value['error'], 'gather.error', issues);
  } else if (!Array.isArray(value['value'])) {
    issues.push({ path: 'gather.value', message: `expected a list of RESULTs, got ${describeValue(value['value'])}` });
  } else {
    value['value'].forEach((item, index) => result(item, `gather.value[${index}]`, issues));
  }
}

const OUTCOMES = ['value', 'error', 'cancelled', 'pending'];

/**
 * Checks that untrusted input is an OBSERVATION of docs/protocol.md#observation (an `expect` of a scenario
 * file, or an external subject's answer), naming the JSON path and the bad value of each issue.
 */
export function validateObservation(input: unknown): ObservationValidation {
  const shape = checkJsonShape(input);
  if (shape !== undefined) return { ok: false, issues: [shape] };
  const issues: Issues = [];
  return isObservation(input, issues) ? { ok: true, observation: input } : { ok: false, issues };
}

/** Whether `input` is an OBSERVATION; when not, adds to `issues` what is wrong with it. */
function isObservation(input: unknown, issues: Issues): input is Observation {
  if (!isRecord(input)) {
    issues.push({ path: '', message: `expected an observation object, got ${describeValue(input)}` });
    return false;
  }
  if (!exactKeys(input, ['gather', 'tasks', 'unhandled'], [], '', issues)) return false;
  gather(input['gather'], issues);
  const tasks = input['tasks'];
  if (!Array.isArray(tasks)) issues.push({ path: 'tasks', message: `expected a list, got ${describeValue(tasks)}` });
  else {
    tasks.forEach((task, index) => {
      const path = `tasks[${index}]`;
      if (!isRecord(task)) {
        issues.push({ path, message: `expected a task observation, got ${describeValue(task)}` });
        return;
      }
      if (!exactKeys(task, ['started', 'settled', 'outcome', 'cancelRequested'], [], path, issues)) return;
      time(task['started'], `${path}.started`, issues, true);
      time(task['settled'], `${path}.settled`, issues, true);
      time(task['cancelRequested'], `${path}.cancelRequested`, issues, true);
      if (!OUTCOMES.includes(task['outcome'] as string))
        issues.push({
          path: `${path}.outcome`,
          message: `expected one of ${OUTCOMES.join(', ')}, got ${describeValue(task['outcome'])}`,
        });
    });
  }
  const unhandled = input['unhandled'];
  if (!Array.isArray(unhandled))
    issues.push({ path: 'unhandled', message: `expected a list of errors, got ${describeValue(unhandled)}` });
  else unhandled.forEach((item, index) => error(item, `unhandled[${index}]`, issues));
  return issues.length === 0;
}
