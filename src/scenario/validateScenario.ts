import { escapeControl } from '../report/escapeControl.js';
import { checkJsonShape, INPUT_LIMITS, joinPath as at } from './inputLimits.js';
import { MAX_TIME, type Scenario } from './Scenario.js';

/** One reason a scenario is malformed: where (a JSON path) and what rule it breaks. */
export interface ScenarioIssue {
  /** JSON path such as `tasks[2].sleep`; empty for the scenario itself. */
  readonly path: string;
  /** The rule and the bad value: `expected a non-negative integer, got -1`. */
  readonly message: string;
}

/** The result of validating untrusted input as a SCENARIO. */
export type ScenarioValidation =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

const ERROR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED_NAMES = new Set(['CancelledError', 'AbortError']);
const TOP_KEYS = ['tasks', 'args', 'returnExceptions', 'cancelGatherAt', 'cancelTasks'];
const NESTED_KEYS = ['tasks', 'args', 'returnExceptions'];
const MAX_DEPTH = 64;
/** Issues listed at most; the rest are counted. */
const MAX_ISSUES = 100;

/** Formats a bad value for a message: short JSON, or its type when JSON cannot show it. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
    return `a ${typeof value}`;
  }
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch {
    return Array.isArray(value) ? 'an array JSON cannot show' : 'an object JSON cannot show';
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** True for a JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_TIME;
}

/** Collects issues; one instance per validation. */
class Validator {
  readonly issues: ScenarioIssue[] = [];
  /** The largest cleanup time anywhere, to check that cancel time + cleanup stays in range. */
  maxCleanup = 0;
  /** Tasks and `args` entries seen so far, all gathers together, against {@link INPUT_LIMITS}. */
  readonly counted = { tasks: 0, args: 0 };

  /** Counts `count` more of `what`; false (after failing) when that goes over its limit. */
  withinLimit(what: 'tasks' | 'args', count: number, path: string): boolean {
    this.counted[what] += count;
    if (this.counted[what] <= INPUT_LIMITS[what]) return true;
    const noun = what === 'tasks' ? 'tasks' : 'entries of "args"';
    this.fail(
      path,
      `${this.counted[what]} ${noun} (all gathers together) so far: the limit is ${INPUT_LIMITS[what]} (docs/protocol.md#limits)`,
    );
    return false;
  }

  /** Issues past the first {@link MAX_ISSUES}, counted only. */
  dropped = 0;

  fail(path: string, message: string): void {
    if (this.issues.length < MAX_ISSUES) this.issues.push({ path, message });
    else this.dropped += 1;
  }

  time(value: unknown, path: string): void {
    if (!isTime(value)) {
      this.fail(path, `expected a non-negative integer of at most 10^12 (ms), got ${describeValue(value)}`);
    }
  }

  keys(value: Record<string, unknown>, allowed: readonly string[], path: string, what: string): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        this.fail(at(path, key), `unknown key in ${what}; allowed keys: ${allowed.join(', ')}`);
      }
    }
  }

  gather(value: unknown, path: string, topLevel: boolean, depth: number): void {
    if (!isRecord(value)) {
      this.fail(path, `expected a scenario object, got ${describeValue(value)}`);
      return;
    }
    if (depth > MAX_DEPTH) {
      this.fail(path, `nested gathers go deeper than ${MAX_DEPTH} levels`);
      return;
    }
    this.keys(value, topLevel ? TOP_KEYS : NESTED_KEYS, path, topLevel ? 'a scenario' : 'a nested gather');
    const tasks = value['tasks'];
    let taskCount: number | undefined;
    if (!Array.isArray(tasks)) {
      this.fail(at(path, 'tasks'), `expected an array of tasks, got ${describeValue(tasks)}`);
    } else {
      if (!this.withinLimit('tasks', tasks.length, at(path, 'tasks'))) return;
      taskCount = tasks.length;
      tasks.forEach((task, index) => this.task(task, at(at(path, 'tasks'), index), depth));
    }
    if ('returnExceptions' in value && typeof value['returnExceptions'] !== 'boolean') {
      this.fail(
        at(path, 'returnExceptions'),
        `expected true or false, got ${describeValue(value['returnExceptions'])}`,
      );
    }
    if ('args' in value) this.args(value['args'], at(path, 'args'), taskCount);
    if (topLevel) this.outerEvents(value, path, taskCount);
  }

  args(value: unknown, path: string, taskCount: number | undefined): void {
    if (!Array.isArray(value)) {
      this.fail(path, `expected an array of task indices, got ${describeValue(value)}`);
      return;
    }
    if (!this.withinLimit('args', value.length, path)) return;
    const seen = new Set<number>();
    value.forEach((index, position) => {
      const valid = Number.isInteger(index) && index >= 0 && (taskCount === undefined || index < taskCount);
      if (!valid) {
        const range =
          taskCount === undefined
            ? 'a task index'
            : taskCount === 0
              ? 'nothing (there are no tasks)'
              : `a task index from 0 to ${taskCount - 1}`;
        this.fail(at(path, position), `expected ${range}, got ${describeValue(index)}`);
      } else {
        seen.add(index as number);
      }
    });
    if (taskCount !== undefined) {
      const missing = [...Array(taskCount).keys()].filter((index) => !seen.has(index));
      if (missing.length > 0) {
        const shown =
          missing.length > 20
            ? `${missing.slice(0, 20).join(', ')} and ${missing.length - 20} more`
            : missing.join(', ');
        this.fail(path, `every task index must appear at least once; missing ${shown}`);
      }
    }
  }

  outerEvents(value: Record<string, unknown>, path: string, taskCount: number | undefined): void {
    const cancelTimes: number[] = [];
    if ('cancelGatherAt' in value) {
      this.time(value['cancelGatherAt'], at(path, 'cancelGatherAt'));
      if (isTime(value['cancelGatherAt'])) cancelTimes.push(value['cancelGatherAt']);
    }
    if ('cancelTasks' in value) {
      const list = value['cancelTasks'];
      const listPath = at(path, 'cancelTasks');
      if (!Array.isArray(list)) {
        this.fail(listPath, `expected an array of {"task": index, "at": ms}, got ${describeValue(list)}`);
      } else if (list.length > INPUT_LIMITS.cancelTasks) {
        this.fail(
          listPath,
          `${list.length} task cancellations: the limit is ${INPUT_LIMITS.cancelTasks} (docs/protocol.md#limits)`,
        );
      } else {
        list.forEach((entry, index) => {
          const entryPath = at(listPath, index);
          if (!isRecord(entry)) {
            this.fail(entryPath, `expected {"task": index, "at": ms}, got ${describeValue(entry)}`);
            return;
          }
          this.keys(entry, ['task', 'at'], entryPath, 'a task cancellation');
          const task = entry['task'];
          if (
            !Number.isInteger(task) ||
            (task as number) < 0 ||
            (taskCount !== undefined && (task as number) >= taskCount)
          ) {
            const range =
              taskCount === undefined || taskCount === 0 ? 'a task index' : `a task index from 0 to ${taskCount - 1}`;
            this.fail(at(entryPath, 'task'), `expected ${range}, got ${describeValue(task)}`);
          }
          this.time(entry['at'], at(entryPath, 'at'));
          if (isTime(entry['at'])) cancelTimes.push(entry['at']);
        });
      }
    }
    const latest = Math.max(0, ...cancelTimes);
    if (cancelTimes.length > 0 && latest + this.maxCleanup > MAX_TIME) {
      this.fail(path, `a cleanup of ${this.maxCleanup} ms after a cancellation at ${latest} ms ends after 10^12 ms`);
    }
  }

  task(value: unknown, path: string, depth: number): void {
    if (!isRecord(value)) {
      this.fail(path, `expected a task object, got ${describeValue(value)}`);
      return;
    }
    if ('gather' in value) {
      this.keys(value, ['gather'], path, 'a nested-gather task');
      this.gather(value['gather'], at(path, 'gather'), false, depth + 1);
      return;
    }
    if ('hang' in value) {
      this.keys(value, ['hang', 'onCancel'], path, 'a hanging task');
      if (value['hang'] !== true) this.fail(at(path, 'hang'), `expected true, got ${describeValue(value['hang'])}`);
    } else if ('sleep' in value) {
      this.time(value['sleep'], at(path, 'sleep'));
      const hasValue = 'value' in value;
      const hasError = 'error' in value;
      if (hasValue === hasError) {
        this.fail(
          path,
          hasValue ? 'a task has either "value" or "error", not both' : 'a sleeping task needs "value" or "error"',
        );
      }
      this.keys(
        value,
        hasValue && hasError
          ? ['sleep', 'value', 'error', 'onCancel']
          : ['sleep', hasError ? 'error' : 'value', 'onCancel'],
        path,
        'a sleeping task',
      );
      if (hasValue) this.json(value['value'], at(path, 'value'));
      if (hasError) this.errorSpec(value['error'], at(path, 'error'));
    } else {
      this.fail(path, `expected a task with "sleep", "hang" or "gather", got ${describeValue(value)}`);
      return;
    }
    if ('onCancel' in value) this.onCancel(value['onCancel'], at(path, 'onCancel'));
  }

  onCancel(value: unknown, path: string): void {
    if (value === 'raise' || value === 'ignore') return;
    if (!isRecord(value) || !('cleanup' in value)) {
      this.fail(path, `expected "raise", "ignore" or {"cleanup": ms, "error"?: {...}}, got ${describeValue(value)}`);
      return;
    }
    this.keys(value, ['cleanup', 'error'], path, 'an onCancel cleanup');
    this.time(value['cleanup'], at(path, 'cleanup'));
    if (isTime(value['cleanup'])) this.maxCleanup = Math.max(this.maxCleanup, value['cleanup']);
    if ('error' in value) this.errorSpec(value['error'], at(path, 'error'));
  }

  errorSpec(value: unknown, path: string): void {
    if (!isRecord(value)) {
      this.fail(path, `expected {"name": ..., "message": ...}, got ${describeValue(value)}`);
      return;
    }
    this.keys(value, ['name', 'message'], path, 'an error');
    const name = value['name'];
    if (typeof name !== 'string' || !ERROR_NAME.test(name)) {
      this.fail(at(path, 'name'), `expected a name matching ${ERROR_NAME.source}, got ${describeValue(name)}`);
    } else if (RESERVED_NAMES.has(name)) {
      this.fail(
        at(path, 'name'),
        `expected a name other than CancelledError or AbortError (those mean cancellation), got ${describeValue(name)}`,
      );
    }
    if (typeof value['message'] !== 'string') {
      this.fail(at(path, 'message'), `expected a string, got ${describeValue(value['message'])}`);
    }
  }

  json(value: unknown, path: string): void {
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
    if (typeof value === 'number') {
      if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value))) {
        this.fail(path, `expected a finite number (integers within ±(2^53-1)), got ${describeValue(value)}`);
      }
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => this.json(item, at(path, index)));
      return;
    }
    if (isRecord(value)) {
      for (const [key, item] of Object.entries(value)) this.json(item, at(path, key));
      return;
    }
    this.fail(path, `expected a JSON value, got ${describeValue(value)}`);
  }
}

/**
 * Checks that untrusted input is a SCENARIO of docs/protocol.md#scenario, exactly: no unknown keys, every
 * task in one form, times integers in [0, 10^12], every task index in `args` at least once.
 * Returns every issue found, each naming its JSON path, the rule and the bad value. A value
 * nested too deep, a cycle or more tasks than docs/protocol.md#limits allows is an issue too,
 * found without recursing.
 */
export function validateScenario(input: unknown): ScenarioValidation {
  const shape = checkJsonShape(input);
  if (shape !== undefined) return { ok: false, issues: [shape] };
  const validator = new Validator();
  validator.gather(input, '', true, 0);
  if (validator.dropped > 0) validator.issues.push({ path: '', message: `and ${validator.dropped} more issues` });
  if (validator.issues.length > 0) return { ok: false, issues: validator.issues };
  return { ok: true, scenario: input as Scenario };
}

/** Formats issues one per line: `tasks[2].sleep: expected ..., got -1`; control characters escaped (see escapeControl). */
export function formatScenarioIssues(issues: readonly ScenarioIssue[]): string {
  return issues
    .map((issue) => escapeControl(`${issue.path === '' ? '(scenario)' : issue.path}: ${issue.message}`))
    .join('\n');
}
